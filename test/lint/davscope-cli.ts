// Runs a `davscope` subcommand (lint, export, rules) as a user would, through bin/davscope.js,
// capturing its exit code and its UTF-8 output.
import { spawn } from 'node:child_process';
import { BIN } from '../harness/davscope-process.ts';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Highest resident set size seen while it ran, in bytes (sampled from /proc). */
  readonly peakRss: number;
}

export function davscope(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; sampleRss?: boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => err.push(d));
    let peakRss = 0;
    const timer = opts.sampleRss
      ? setInterval(async () => {
          try {
            const { readFileSync } = await import('node:fs');
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
            if (m) peakRss = Math.max(peakRss, Number(m[1]) * 1024);
          } catch {
            // the process has just exited
          }
        }, 20)
      : undefined;
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), peakRss });
    });
  });
}
