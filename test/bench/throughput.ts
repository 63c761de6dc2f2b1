// Throughput and latency: the same wrk load against the upstream directly, through a bare
// http-proxy (the floor for this stack), through davscope and through mitmdump, in one run.
import { fileURLToPath } from 'node:url';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';
import { freePort, startChild, type Child } from './processes.ts';
import { runWrk, PROPFIND_SCRIPT, type WrkResult } from './wrk.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const DAVSCOPE = here('../../bin/davscope.js');

export interface Case {
  readonly upstream: 'static' | 'radicale';
  readonly request: 'PROPFIND Depth 1' | 'GET .ics';
  readonly via: 'direct' | 'bare http-proxy' | 'davscope' | 'mitmdump';
  readonly connections: number;
  readonly result: WrkResult;
  /** Peak resident memory of the proxy process during the case (undefined for direct). */
  readonly rssMB?: number;
}

interface Via {
  readonly name: Case['via'];
  readonly url: string;
  readonly child?: Child;
  readonly extra?: { stop(): Promise<void> };
}

async function startVias(upstream: string, withUiClient: (uiPort: number) => Promise<{ stop(): Promise<void> } | undefined>): Promise<Via[]> {
  const bare = await startChild(process.execPath, ['--import', 'tsx', here('./bare-http-proxy.ts')], { ready: /listening (\d+)/, env: { TARGET: upstream } });
  const dsPort = await freePort();
  const uiPort = await freePort();
  const ds = await startChild(process.execPath, [DAVSCOPE, '--target', upstream, '--port', String(dsPort), '--ui-port', String(uiPort), '--quiet'], { port: dsPort });
  const uiClient = await withUiClient(uiPort);
  const mitmPort = await freePort();
  const mitm = await startChild('mitmdump', ['--mode', `reverse:${upstream}`, '-p', String(mitmPort), '--listen-host', '127.0.0.1', '-q', '--set', 'keep_host_header=true'], { port: mitmPort, timeoutMs: 60_000 });
  return [
    { name: 'direct', url: upstream },
    { name: 'bare http-proxy', url: `http://127.0.0.1:${bare.port}`, child: bare },
    { name: 'davscope', url: `http://127.0.0.1:${dsPort}`, child: ds, ...(uiClient ? { extra: uiClient } : {}) },
    { name: 'mitmdump', url: `http://127.0.0.1:${mitmPort}`, child: mitm },
  ];
}

async function measure(via: Via, path: string, kind: Case['request'], connections: number, seconds: number): Promise<{ result: WrkResult; rssMB?: number }> {
  let peak = 0;
  const timer = via.child ? setInterval(() => (peak = Math.max(peak, via.child!.rssBytes())), 200) : undefined;
  try {
    const result = await runWrk(via.url + path, { connections, seconds, ...(kind === 'PROPFIND Depth 1' ? { script: PROPFIND_SCRIPT } : {}) });
    return { result, ...(via.child ? { rssMB: Math.round(peak / 1024 / 1024) } : {}) };
  } finally {
    if (timer) clearInterval(timer);
  }
}

export async function prepareRadicale(r: Radicale): Promise<void> {
  await request(`${r.url}/bench/`, { method: 'MKCOL' });
  await request(`${r.url}/bench/cal/`, { method: 'MKCALENDAR' });
  for (let i = 0; i < 7; i++) {
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//bench//EN\r\nBEGIN:VEVENT\r\nUID:bench-${i}@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T12000${i}Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:Benchmark event ${i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    await request(`${r.url}/bench/cal/event-${i}.ics`, { method: 'PUT', headers: { 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, body: ics });
  }
}

export async function throughputCases(opts: {
  seconds: number;
  withUiClient: (uiPort: number) => Promise<{ stop(): Promise<void> } | undefined>;
  log: (line: string) => void;
}): Promise<Case[]> {
  const cases: Case[] = [];
  const run = async (upstream: Case['upstream'], vias: Via[], paths: Record<Case['request'], string>, plan: [Case['request'], number, Case['via'][]][]) => {
    for (const [kind, connections, names] of plan) {
      for (const via of vias.filter((v) => names.includes(v.name))) {
        const { result, rssMB } = await measure(via, paths[kind], kind, connections, opts.seconds);
        cases.push({ upstream, request: kind, via: via.name, connections, result, ...(rssMB !== undefined ? { rssMB } : {}) });
        opts.log(`${upstream.padEnd(8)} ${kind.padEnd(16)} c=${String(connections).padEnd(3)} ${via.name.padEnd(16)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50ms.toFixed(2)} ms  p99 ${result.p99ms.toFixed(2)} ms${result.non2xx ? `  non-2xx ${result.non2xx}` : ''}${result.socketErrors ? `  socket errors ${result.socketErrors}` : ''}`);
      }
    }
  };
  const all: Case['via'][] = ['direct', 'bare http-proxy', 'davscope', 'mitmdump'];

  const stat = await startChild(process.execPath, ['--import', 'tsx', here('./static-upstream.ts')], { ready: /listening (\d+)/ });
  let vias = await startVias(`http://127.0.0.1:${stat.port}`, opts.withUiClient);
  try {
    await run('static', vias, { 'PROPFIND Depth 1': '/alice/calendar/', 'GET .ics': '/alice/calendar/event-1.ics' }, [
      ['PROPFIND Depth 1', 16, all],
      ['GET .ics', 16, all],
    ]);
  } finally {
    for (const v of vias) await Promise.all([v.extra?.stop(), v.child?.stop()]);
    await stat.stop();
  }

  const radicale = await startRadicale({ forgetLog: true });
  await prepareRadicale(radicale);
  vias = await startVias(radicale.url, opts.withUiClient);
  try {
    await run('radicale', vias, { 'PROPFIND Depth 1': '/bench/cal/', 'GET .ics': '/bench/cal/event-1.ics' }, [
      ['PROPFIND Depth 1', 4, ['direct', 'davscope']],
      ['PROPFIND Depth 1', 16, all],
      ['GET .ics', 4, ['direct', 'davscope']],
      ['GET .ics', 16, all],
    ]);
  } finally {
    for (const v of vias) await Promise.all([v.extra?.stop(), v.child?.stop()]);
    await radicale.stop();
  }
  return cases;
}
