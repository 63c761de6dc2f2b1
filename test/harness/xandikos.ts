// Starts the real Xandikos (Debian's package), the second CalDAV server of the test bed, on 127.0.0.1,
// a free port and temp storage: `--defaults` makes the principal /user/ with a calendar at
// /user/calendars/calendar/, no authentication. Radicale's quirks are not CalDAV: tests run real
// clients against both.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/processes.ts';
import { stopServer, waitForHttp } from './net.ts';

export const XANDIKOS = '/usr/bin/xandikos';

/** The calendar --defaults makes. */
export const XANDIKOS_CALENDAR = '/user/calendars/calendar/';

export interface Xandikos {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startXandikos(): Promise<Xandikos> {
  if (!existsSync(XANDIKOS)) throw new Error('Xandikos is not installed: run `apt-get install -y xandikos` (npm run test:all installs the test dependencies)');
  const dir = mkdtempSync(join(tmpdir(), 'davscope-xandikos-'));
  const port = await freePort();
  const proc = spawn(XANDIKOS, ['--defaults', '-d', dir, '--port', String(port), '-l', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8192)));
  const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`Xandikos exited with ${code} before answering:\n${log}`))));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHttp(`${url}/`, 20_000), exited]).catch((err) => {
    proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  exited.catch(() => {}); // from here on an exit is stop()'s business
  return {
    url,
    stop: () => stopServer(proc, dir),
  };
}
