// Small network helpers for tests: wait for a server, raw HTTP requests with full control, stop a server.
import { rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { freePort } from '../bench/processes.ts';

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      http.get(url, (res) => { res.resume(); resolve(true); }).on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

/** One HTTP request with exact method, path and headers; the whole response body in memory. */
export function request(url: string, opts: { method?: string; path?: string; headers?: Record<string, string> | string[]; body?: string | Buffer } = {}): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path ?? u.pathname + u.search, headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, statusText: res.statusMessage!, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const res = await request(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.body.toString()}`);
  return JSON.parse(res.body.toString()) as T;
}

/** An NDJSON answer read whole (the search, an interop run from the page), a value per line. */
export function ndjsonLines<T>(body: Buffer): T[] {
  return body
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}

/** GET /api/search's NDJSON answer read whole: every id found, and its last line. */
export function searchAnswer(body: Buffer): { ids: string[]; complete: boolean; searched: number; total: number; throughSeq: number } {
  const lines = ndjsonLines<{ ids?: string[]; done?: true; complete?: boolean; searched?: number; total?: number; throughSeq?: number }>(body);
  const end = lines.at(-1)!;
  if (!end.done) throw new Error(`the search answer did not end: ${body.toString().slice(-200)}`);
  return { ids: lines.flatMap((l) => l.ids ?? []), complete: end.complete!, searched: end.searched!, total: end.total!, throughSeq: end.throughSeq! };
}

/** Stops a test server process with SIGTERM and removes its temp storage once it exited. */
export function stopServer(proc: ChildProcess, dir: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (proc.exitCode !== null || proc.signalCode !== null) return done();
    proc.once('exit', done);
    proc.kill('SIGTERM');
  });
}

/**
 * Starts a server on a free 127.0.0.1 port (the command line made for it by `args`) and resolves once
 * `probePath` answers HTTP. freePort() only says the port was free when it looked: a server that finds
 * it taken since exits saying so, and is started again on another port (3 tries). Any other exit before
 * answering fails with the end of its standard error.
 */
export async function spawnOnFreePort(name: string, command: string, args: (port: number) => readonly string[], opts: { probePath: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ proc: ChildProcess; url: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawn(command, args(port), { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8192)));
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`${name} exited with ${code} before answering:\n${log}`))));
    exited.catch(() => {}); // from here on an exit is the caller's business
    const url = `http://127.0.0.1:${port}`;
    try {
      await Promise.race([waitForHttp(url + opts.probePath, opts.timeoutMs ?? 20_000), exited]);
      return { proc, url };
    } catch (err) {
      proc.kill('SIGKILL');
      if (attempt >= 3 || !/address already in use|Failed to listen|EADDRINUSE/i.test(log)) throw err;
    }
  }
}
