// Runs the real `davscope` command as a child process on kernel-chosen ports, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExchangeSummary, WireExchange } from '../../rules/model/wire.ts';
import { getJson } from './net.ts';

export const BIN = fileURLToPath(new URL('../../bin/davscope.js', import.meta.url));

export interface DavscopeProcess {
  readonly proxyUrl: string;
  readonly uiUrl: string;
  readonly proc: ChildProcess;
  /** Everything it printed on stdout so far. */
  output(): string;
  stderr(): string;
  exchanges(): Promise<ExchangeSummary[]>;
  exchange(id: string): Promise<WireExchange>;
  /** Waits until the API lists at least n exchanges (analysis runs after the response went out). */
  waitForExchanges(n: number, timeoutMs?: number): Promise<ExchangeSummary[]>;
  /** Waits until the API lists an exchange matching the predicate, and returns it. */
  waitForExchange(match: (e: ExchangeSummary) => boolean, timeoutMs?: number): Promise<ExchangeSummary>;
  rssBytes(): number;
  stop(): Promise<number | null>;
}

/** Starts `davscope --target TARGET`; with no target, the embedded demo. */
export async function startDavscopeProcess(target: string | undefined, extra: readonly string[] = [], opts: { env?: NodeJS.ProcessEnv; bin?: string } = {}): Promise<DavscopeProcess> {
  const proc = spawn(process.execPath, [opts.bin ?? BIN, ...(target === undefined ? [] : ['--target', target]), '--port', '0', '--ui-port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const urls = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`davscope did not start within 30 s\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    const check = () => {
      const proxy = /point your CalDAV client at\s+(https?:\/\/[\d.:]+)/.exec(out);
      const ui = /inspect the traffic at\s+(http:\/\/[\d.:]+)/.exec(out);
      if (proxy && ui) {
        clearTimeout(timer);
        resolve([proxy[1], ui[1]]);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`davscope exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const [proxyUrl, uiUrl] = urls;
  const api = {
    exchanges: () => getJson<ExchangeSummary[]>(`${uiUrl}/api/exchanges`),
    exchange: (id: string) => getJson<WireExchange>(`${uiUrl}/api/exchanges/${id}`),
  };
  return {
    proxyUrl,
    uiUrl,
    proc,
    output: () => out,
    stderr: () => err,
    ...api,
    async waitForExchanges(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const list = await api.exchanges();
        if (list.length >= n) return list;
        if (Date.now() > deadline) throw new Error(`expected ${n} exchanges, the API lists ${list.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async waitForExchange(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await api.exchanges()).filter(match).pop();
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no matching exchange appeared in the API');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    rssBytes() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      return Number(m![1]) * 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        // A process ended by a signal (SIGKILL in the recording tests) has signalCode set and exitCode null.
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill('SIGINT');
      }),
  };
}
