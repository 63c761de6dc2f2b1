// A vdirsyncer pair as the tests set it up: WORK/local/ (files the test puts there) synced with one
// CalDAV calendar, "a wins" on conflicts, its status in WORK/status/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunResult } from './run.ts';

export interface VdirsyncerPair {
  /** The local folder of .ics files. */
  readonly local: string;
  /** `-c CONFIG`, for a caller that runs vdirsyncer its own way. */
  readonly config: readonly string[];
  /** Runs `vdirsyncer -c CONFIG ARGS...` in a UTF-8 locale. */
  run(...args: string[]): Promise<RunResult>;
}

export function vdirsyncerPair(work: string, calendarUrl: string, credentials?: { readonly user: string; readonly password: string }): VdirsyncerPair {
  const local = join(work, 'local');
  mkdirSync(local, { recursive: true });
  mkdirSync(join(work, 'status'), { recursive: true });
  const file = join(work, 'config');
  writeFileSync(
    file,
    `[general]\nstatus_path = "${work}/status/"\n\n[pair cal]\na = "local"\nb = "remote"\ncollections = null\nconflict_resolution = "a wins"\n\n` +
      `[storage local]\ntype = "filesystem"\npath = "${local}/"\nfileext = ".ics"\n\n` +
      `[storage remote]\ntype = "caldav"\nurl = "${calendarUrl}"\n` +
      (credentials ? `username = "${credentials.user}"\npassword = "${credentials.password}"\n` : ''),
  );
  const config = ['-c', file];
  return { local, config, run: (...args) => run('vdirsyncer', [...config, ...args], { env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }, timeoutMs: 60_000 }) };
}
