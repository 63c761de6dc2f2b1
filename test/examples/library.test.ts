// The README's library example, run for real: record a python3-caldav session against real Radicale
// once through davscope, then serve the recording as fixtures with Radicale stopped, and assert on
// findings. It imports davscope by its package name, as a user's test suite does (the compiled tree).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFile, startProxy, startReplay } from 'davscope';
import { startRadicale } from '../harness/radicale.ts';
import { run } from '../harness/run.ts';

const SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'davscope-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('davscope as a library', () => {
  it('records against Radicale once, replays the fixture with Radicale stopped, and asserts on findings', async () => {
    const fixture = join(dir, 'session.jsonl');
    // 1. Record once, against the real server.
    const radicale = await startRadicale({ users: { alice: 'secret' } });
    const proxy = await startProxy({ target: radicale.url, record: fixture });
    const live = await run('/usr/bin/python3', [SESSION, proxy.proxyUrl, 'alice', 'secret']);
    expect(live.stdout).toContain('SESSION OK');
    const exchanges = await proxy.exchanges();
    expect(exchanges.length).toBeGreaterThan(10);
    expect((await proxy.findings()).map((f) => f.finding.ruleId)).toContain('caldav/put-create-without-if-none-match');
    await proxy.close();
    await radicale.stop();

    // 2. Replay the fixture: no server at all, the client sees the same session.
    const replay = await startReplay({ recording: fixture, strict: true });
    try {
      const replayed = await run('/usr/bin/python3', [SESSION, replay.proxyUrl, 'alice', 'secret']);
      expect(replayed.stdout).toBe(live.stdout);
      expect(replay.misses()).toEqual([]);
      expect((await replay.exchanges()).every((e) => e.source === 'replayed')).toBe(true);
    } finally {
      await replay.close();
    }

    // 3. Lint the fixture: the same JSON as `davscope lint --format json`.
    const report = await lintFile(fixture);
    expect(report.exchanges).toBe(exchanges.length);
    expect(report.findings.find((f) => f.rule === 'caldav/put-create-without-if-none-match')).toMatchObject({ party: 'client', severity: 'warning' });
  });
});
