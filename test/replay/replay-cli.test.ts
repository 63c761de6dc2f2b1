// `davscope replay serve` and `replay send` as users run them, on a file written by --record:
// a python3-caldav session recorded against real Radicale passes again with Radicale gone, and
// re-sent to other Radicales reports no difference, or the refusals.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRadicale } from '../harness/radicale.ts';
import { BIN, startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const cleanups = useCleanups();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-replay-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Records the python3-caldav session through the real proxy; Radicale is stopped afterwards. */
async function record(file: string, users?: Record<string, string>): Promise<string> {
  const radicale = await startRadicale(users ? { users } : {});
  const proxy = await startDavscopeProcess(radicale.url, ['--quiet', '--record', file]);
  const session = await run('/usr/bin/python3', [SCRIPT, proxy.proxyUrl, ...(users ? ['alice', 'secret'] : [])]);
  expect(session.stdout).toContain('SESSION OK');
  await proxy.waitForExchanges(radicale.answered().length);
  expect(await proxy.stop()).toBe(0);
  await radicale.stop();
  return session.stdout;
}

function serve(file: string, extra: string[] = []) {
  const proc = spawn(process.execPath, [BIN, 'replay', 'serve', file, '--port', '0', '--ui-port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    return exited;
  });
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replay serve did not start: ${out}${err}`)), 20_000);
    proc.stdout.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, exited, stderr: () => err, stdout: () => out };
}

describe('davscope replay serve FILE', () => {
  it('answers a recorded python3-caldav session (Basic auth, redacted in the file) with Radicale gone', async () => {
    const file = join(tempDir(), 'session.jsonl');
    const original = await record(file, { alice: 'secret' });
    const server = serve(file);
    const again = await run('/usr/bin/python3', [SCRIPT, await server.url, 'alice', 'secret']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(original);
    expect(server.stderr()).not.toContain('no recorded exchange matches');
  });

  it('with --strict, exits 1 at the first request the recording cannot answer', async () => {
    const file = join(tempDir(), 'session.jsonl');
    await record(file);
    const server = serve(file, ['--strict']);
    const miss = await request(`${await server.url}/nowhere/`, { method: 'PROPFIND', headers: { Depth: '1' } });
    expect(miss.status).toBe(502);
    expect(miss.body.toString()).toContain('nearest recorded candidates');
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('--strict');
  });
});

describe('davscope replay send FILE --target URL', () => {
  it('exits 0 with no difference against a fresh Radicale, and 1 with the refusals of a read-only one', async () => {
    const dir = tempDir();
    const file = join(dir, 'session.jsonl');
    await record(file);

    const fresh = await startRadicale();
    cleanups.push(() => fresh.stop());
    const same = await run(process.execPath, [BIN, 'replay', 'send', file, '--target', fresh.url]);
    expect(same.stderr).toBe('');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/exchanges re-sent: no difference/);

    writeFileSync(join(dir, 'rights'), '[read-only]\nuser: .*\ncollection: .*\npermissions: Rr\n');
    const strict = await startRadicale({ rights: { rightsFile: join(dir, 'rights') } });
    cleanups.push(() => strict.stop());
    const differs = await run(process.execPath, [BIN, 'replay', 'send', file, '--target', strict.url, '--format', 'markdown']);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toContain('| `MKCALENDAR /anon/session/` | 201 | 401 |');
  });
});
