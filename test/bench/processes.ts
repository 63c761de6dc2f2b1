// Starting and stopping the processes a benchmark measures, each waiting until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

export interface Child {
  readonly proc: ChildProcess;
  readonly port: number;
  output(): string;
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Spawns cmd and resolves once `ready` matches its output (giving the port) or the port accepts connections. */
export async function startChild(cmd: string, args: string[], opts: { ready?: RegExp; port?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Child> {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let port = opts.port;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${cmd} exited with ${proc.exitCode}:\n${out}`);
    if (port === undefined && opts.ready) {
      const m = opts.ready.exec(out);
      if (m) port = Number(m[1]);
    }
    if (port !== undefined) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port!, '127.0.0.1', () => { s.destroy(); resolve(true); });
        s.on('error', () => resolve(false));
      });
      if (ok) break;
    }
    if (Date.now() > deadline) throw new Error(`${cmd} did not start listening in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    proc,
    port,
    output: () => out,
    rssBytes: () => rssOf(proc.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.once('exit', () => { clearTimeout(timer); resolve(); });
        proc.kill('SIGTERM');
      }),
  };
}
