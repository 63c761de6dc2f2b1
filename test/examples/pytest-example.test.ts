// Runs the README's pytest example (test/examples/test_replay_fixture.py) with Debian's python3-pytest
// against a fixture recorded through davscope from real Radicale: the fixture starts
// `davscope replay serve` on a free port, the test talks python3-caldav to it.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProxy } from '../../proxy/index.ts';
import { startRadicale } from '../harness/radicale.ts';
import { BIN } from '../harness/davscope-process.ts';
import { run } from '../harness/run.ts';

const SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('./test_replay_fixture.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'davscope-pytest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the pytest example', () => {
  it('passes against a recording served by davscope replay serve, Radicale stopped', async () => {
    const recording = join(dir, 'session.jsonl');
    const radicale = await startRadicale({ users: { alice: 'secret' } });
    const proxy = await startProxy({ target: radicale.url, record: recording });
    expect((await run('/usr/bin/python3', [SESSION, proxy.proxyUrl, 'alice', 'secret'])).stdout).toContain('SESSION OK');
    await proxy.close();
    await radicale.stop();
    const wrapper = join(dir, 'davscope');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const res = await run('/usr/bin/python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', EXAMPLE], { env: { ...process.env, DAVSCOPE: wrapper, RECORDING: recording }, timeoutMs: 120_000 });
    expect(res.stdout + res.stderr).toMatch(/1 passed/);
    expect(res.code).toBe(0);
  });
});
