// A quick loop for latency work against real Radicale at 4 connections: direct and through davscope
// in alternating rounds (BENCH_ROUNDS, default 3; BENCH_SECONDS each, default 10), so Radicale's own
// variance shows beside the proxy's. DAVSCOPE_ARGS adds flags. Not part of `npm run bench`.
import { fileURLToPath } from 'node:url';
import { startRadicale } from '../harness/radicale.ts';
import { freePort, startChild } from './processes.ts';
import { prepareRadicale } from './throughput.ts';
import { runWrk, PROPFIND_SCRIPT } from './wrk.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const extra = (process.env.DAVSCOPE_ARGS ?? '').split(' ').filter(Boolean);
const radicale = await startRadicale({ forgetLog: true });
await prepareRadicale(radicale);
const port = await freePort();
const ds = await startChild(process.execPath, [fileURLToPath(new URL('../../bin/davscope.js', import.meta.url)), '--target', radicale.url, '--port', String(port), '--ui-port', '0', '--quiet', ...extra], { port });
try {
  for (const [kind, path, script] of [['PROPFIND', '/bench/cal/', PROPFIND_SCRIPT], ['GET', '/bench/cal/event-1.ics', undefined]] as const) {
    for (let r = 0; r < rounds; r++) {
      const line: string[] = [];
      for (const [name, base] of [['direct', radicale.url], ['davscope', `http://127.0.0.1:${port}`]] as const) {
        const w = await runWrk(base + path, { connections: 4, seconds, ...(script ? { script } : {}) });
        line.push(`${name} ${w.rps.toFixed(0)} req/s p50 ${w.p50ms.toFixed(1)} p99 ${w.p99ms.toFixed(1)}`);
      }
      console.log(`${kind.padEnd(8)} round ${r + 1}: ${line.join('  |  ')}`);
    }
  }
} finally {
  await ds.stop();
  await radicale.stop();
}
