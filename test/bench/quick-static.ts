// A quick loop for profiling work: static upstream, bare http-proxy versus davscope only, PROPFIND
// and GET, BENCH_SECONDS each (default 5). DAVSCOPE_ARGS adds flags; NODE_ARGS adds node flags
// (e.g. --cpu-prof). Not part of `npm run bench`; that one is the full comparison.
import { fileURLToPath } from 'node:url';
import { freePort, startChild } from './processes.ts';
import { runWrk, PROPFIND_SCRIPT } from './wrk.ts';
import { connectUiClient } from './ui-client.ts';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds per thread of a process, from /proc (utime + stime). */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    out.set(tid, (Number(f[11]) + Number(f[12])) / 100);
  }
  return out;
}
/** "thread offset seconds" for each thread that used CPU: 0 is the event loop, the worker comes later. */
function cpuDelta(pid: number, before: Map<string, number>, after: Map<string, number>): string {
  return [...after]
    .map(([tid, s]) => [Number(tid) - pid, s - (before.get(tid) ?? 0)] as const)
    .filter(([, d]) => d > 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([t, d]) => `${t} ${d.toFixed(1)}`)
    .join(' + ');
}

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const extra = (process.env.DAVSCOPE_ARGS ?? '').split(' ').filter(Boolean);
const nodeArgs = (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean);

const stat = await startChild(process.execPath, ['--import', 'tsx', here('./static-upstream.ts')], { ready: /listening (\d+)/ });
const upstream = `http://127.0.0.1:${stat.port}`;
const bare = await startChild(process.execPath, ['--import', 'tsx', here('./bare-http-proxy.ts')], { ready: /listening (\d+)/, env: { TARGET: upstream } });
const dsPort = await freePort();
const uiPort = await freePort();
const ds = await startChild(process.execPath, [...nodeArgs, here('../../bin/davscope.js'), '--target', upstream, '--port', String(dsPort), '--ui-port', String(uiPort), '--quiet', ...extra], { port: dsPort });
const ui = await connectUiClient(uiPort);
try {
  for (const [kind, path, script] of [['PROPFIND', '/alice/calendar/', PROPFIND_SCRIPT], ['GET', '/alice/calendar/event-1.ics', undefined]] as const) {
    const rows: string[] = [];
    let bareRps = 0;
    for (const [name, port] of [['bare', bare.port], ['davscope', dsPort]] as const) {
      const pids = { up: stat.proc.pid!, proxy: name === 'bare' ? bare.proc.pid! : ds.proc.pid! };
      const b = { up: threadCpu(pids.up), proxy: threadCpu(pids.proxy) };
      const r = await runWrk(`http://127.0.0.1:${port}${path}`, { connections: 16, seconds, ...(script ? { script } : {}) });
      if (name === 'bare') bareRps = r.rps;
      const cpu = `cpu s: proxy ${cpuDelta(pids.proxy, b.proxy, threadCpu(pids.proxy))} upstream ${cpuDelta(pids.up, b.up, threadCpu(pids.up))}`;
      rows.push(`${kind.padEnd(9)} ${name.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s p50 ${r.p50ms.toFixed(2)} p99 ${r.p99ms.toFixed(2)}${name === 'davscope' ? `  ratio ${(r.rps / bareRps).toFixed(2)}  rss ${Math.round(ds.rssBytes() / 1048576)} MB` : ''}  ${cpu}`);
    }
    console.log(rows.join('\n'));
  }
  console.log(`ui messages: ${ui.messages()}`);
} finally {
  await ui.stop();
  await Promise.all([ds.stop(), bare.stop(), stat.stop()]);
}
