// Starts the real Radicale (Debian's package) on 127.0.0.1, a kernel-chosen port and temp storage.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopServer, waitForHttp } from './net.ts';

export interface RadicaleOptions {
  /** htpasswd users as name → password; absent means no authentication. */
  readonly users?: Readonly<Record<string, string>>;
  /** owner_only (the default), or "all" for a rights file letting anyone do anything (litmus). */
  readonly rights?: 'owner_only' | 'all' | { readonly rightsFile: string };
  readonly extraArgs?: readonly string[];
  /** Stop keeping Radicale's log once it listens (long benchmarks); answered() is then empty. */
  readonly forgetLog?: boolean;
}

export interface Radicale {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly proc: ChildProcess;
  /** The requests Radicale answered, from its own log: method, decoded path, status, in order
   *  (the harness's own readiness probes on /.web/ left out). */
  answered(): { method: string; path: string; status: number }[];
  stop(): Promise<void>;
}

export const RADICALE = '/usr/bin/radicale';

export function assertRadicaleInstalled(): void {
  if (!existsSync(RADICALE)) {
    throw new Error('Radicale is not installed: run `npm run test:all` (it installs the Debian packages the tests need) or `apt-get install radicale`');
  }
}

export async function startRadicale(opts: RadicaleOptions = {}): Promise<Radicale> {
  assertRadicaleInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'davscope-radicale-'));
  const args = ['--config', '', '--server-hosts', '127.0.0.1:0', '--storage-filesystem-folder', join(dir, 'collections'), '--logging-level', 'info', '--server-timeout', '5'];
  if (opts.users) {
    const file = join(dir, 'users');
    writeFileSync(file, Object.entries(opts.users).map(([u, p]) => `${u}:${p}\n`).join(''));
    args.push('--auth-type', 'htpasswd', '--auth-htpasswd-filename', file, '--auth-htpasswd-encryption', 'plain', '--auth-delay', '0');
  } else {
    args.push('--auth-type', 'none');
  }
  const rights = opts.rights ?? 'owner_only';
  if (rights === 'owner_only') args.push('--rights-type', 'owner_only');
  else {
    let file: string;
    if (rights === 'all') {
      file = join(dir, 'rights');
      writeFileSync(file, '[all]\nuser: .*\ncollection: .*\npermissions: RrWw\n');
    } else file = rights.rightsFile;
    args.push('--rights-type', 'from_file', '--rights-file', file);
  }
  args.push(...(opts.extraArgs ?? []));
  const proc = spawn(RADICALE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Radicale did not start within 20 s:\n${log}`)), 20_000);
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /Listening on '\[?127\.0\.0\.1\]?:(\d+)'/.exec(log);
      if (m) {
        clearTimeout(timer);
        if (opts.forgetLog) proc.stderr!.removeAllListeners('data').resume();
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Radicale exited with ${code} before listening:\n${log}`));
    });
  });
  // Radicale logs "Listening" just before it serves: wait until a request is answered.
  await waitForHttp(`http://127.0.0.1:${port}/.web/`, 10_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    proc,
    answered: () =>
      [...log.matchAll(/\[INFO\] (\S+) response status for '([^']*)'.*?: (\d{3}) /g)].map((m) => ({ method: m[1], path: m[2], status: Number(m[3]) }))
        .filter((a) => !a.path.startsWith('/.web')),
    stop: () => stopServer(proc, dir),
  };
}
