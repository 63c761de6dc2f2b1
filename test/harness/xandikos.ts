// Starts the real Xandikos (Debian's package), the second CalDAV server of the test bed, on 127.0.0.1,
// a free port and temp storage: `--defaults` makes the principal /user/ with a calendar at
// /user/calendars/calendar/, no authentication. Radicale's quirks are not CalDAV: tests run real
// clients against both.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOnFreePort, stopServer } from './net.ts';

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
  let started: { proc: ChildProcess; url: string };
  try {
    started = await spawnOnFreePort('Xandikos', XANDIKOS, (port) => ['--defaults', '-d', dir, '--port', String(port), '-l', '127.0.0.1'], { probePath: '/' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const { proc, url } = started;
  return {
    url,
    stop: () => stopServer(proc, dir),
  };
}
