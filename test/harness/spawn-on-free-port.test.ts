// The test bed's server starter: a server that finds its port taken since freePort() looked is
// started again on another; any other early exit fails at once with what the server said.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { request, spawnOnFreePort } from './net.ts';

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of started.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('spawnOnFreePort', () => {
  it('starts the server again on another port when the first attempt says its address is in use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'davscope-spawn-'));
    dirs.push(dir);
    // The first run fails as a taken port makes Xandikos or php -S fail; the second serves.
    const script = `if [ ! -e "${dir}/tried" ]; then touch "${dir}/tried"; echo "OSError: [Errno 98] address already in use" >&2; exit 1; fi; exec /usr/bin/python3 -m http.server --bind 127.0.0.1 "$1"`;
    const { proc, url } = await spawnOnFreePort('test server', 'sh', (port) => ['-c', script, 'sh', String(port)], { probePath: '/' });
    started.push(proc);
    expect((await request(url)).status).toBe(200);
  });

  it('fails at once, with the server\'s words, when it exits for another reason', async () => {
    await expect(spawnOnFreePort('test server', 'sh', () => ['-c', 'echo "no such database" >&2; exit 3'], { probePath: '/' })).rejects.toThrow(/test server exited with 3 before answering:\nno such database/);
  });
});
