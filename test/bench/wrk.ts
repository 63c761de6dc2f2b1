// Runs wrk and reads its figures: requests per second, latency percentiles, errors. wrk, not
// autocannon: a C generator takes less of the 2 shared cores from what it measures than a Node one.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WrkResult {
  readonly rps: number;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly requests: number;
  /** Responses outside 2xx/3xx (a proxy's 502 for a refused upstream connection lands here). */
  readonly non2xx: number;
  readonly socketErrors: number;
}

export const PROPFIND_SCRIPT = fileURLToPath(new URL('./propfind.lua', import.meta.url));

function ms(value: string, unit: string): number {
  const v = Number(value);
  return unit === 'us' ? v / 1000 : unit === 's' ? v * 1000 : unit === 'm' ? v * 60_000 : v;
}

export function runWrk(url: string, opts: { connections: number; threads?: number; seconds: number; script?: string }): Promise<WrkResult> {
  const args = [`-t${opts.threads ?? 2}`, `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', ...(opts.script ? ['-s', opts.script] : []), url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (opts.seconds + 30) * 1000 }, (err, stdout) => {
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stdout}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
      const p50 = /50%\s+([\d.]+)(us|ms|s|m)\b/.exec(stdout);
      const p99 = /99%\s+([\d.]+)(us|ms|s|m)\b/.exec(stdout);
      const total = /(\d+) requests in/.exec(stdout);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout);
      const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      if (!rps || !p50 || !p99 || !total) return reject(new Error(`cannot read wrk's output:\n${stdout}`));
      resolve({
        rps: Number(rps[1]),
        p50ms: ms(p50[1], p50[2]),
        p99ms: ms(p99[1], p99[2]),
        requests: Number(total[1]),
        non2xx: non2xx ? Number(non2xx[1]) : 0,
        socketErrors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
      });
    });
  });
}
