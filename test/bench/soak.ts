// Soak: mixed CalDAV traffic (PUT with If-None-Match, GET, PROPFIND, REPORT, DELETE) through the
// real davscope process to a real Radicale, with --record on and an inspector WebSocket client
// connected. Every 10 s it samples the proxy's RSS, open file descriptors (/proc/PID/fd) and
// event-loop delay (/api/health); at the end it counts requests sent against exchanges recorded.
// Prints the curve as a table and writes test-artifacts/soak.json.
//
//   npx tsx test/bench/soak.ts            10 minutes
//   SOAK_SECONDS=60 npx tsx test/bench/soak.ts
// SOAK_CLIENTS sets the concurrent CalDAV clients (default 4); SOAK_RATE caps requests per second
// (default: as fast as Radicale answers).
import http from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { getJson } from '../harness/net.ts';
import { connectUiClient } from './ui-client.ts';
import { rssOf } from './processes.ts';
import { readRecording } from '../../proxy/recording/reader.ts';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const clients = Number(process.env.SOAK_CLIENTS ?? 4);
const rate = Number(process.env.SOAK_RATE ?? 0);
const SAMPLE_MS = 10_000;
/** Events a calendar holds before the oldest is deleted: keeps Radicale's answers the same size all along. */
const CALENDAR_EVENTS = 40;
const MB = 1024 * 1024;
const log = (line: string) => process.stdout.write(line + '\n');

interface Sample {
  readonly t: number;
  readonly requests: number;
  readonly rps: number;
  readonly rssMB: number;
  readonly fds: number;
  readonly heapMB: number;
  readonly exchangesHeld: number;
  readonly analysisBacklog: number;
  readonly loopDelayMs: { mean: number; p50: number; p99: number; max: number };
  readonly uiMessages: number;
  readonly uiClients: number;
}

const event = (uid: string, i: number) =>
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//soak//EN\r\nBEGIN:VEVENT\r\n' +
  `UID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:202506${String(1 + (i % 28)).padStart(2, '0')}T120000Z\r\nDURATION:PT1H\r\n` +
  `SUMMARY:Soak event ${i}\r\nDESCRIPTION:${'long text for a realistic body '.repeat(4)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

const PROPFIND = '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>';
const QUERY =
  '<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>' +
  '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250610T000000Z" end="20250613T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>';
const multiget = (hrefs: string[]) =>
  '<?xml version="1.0" encoding="utf-8"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>' +
  hrefs.map((h) => `<D:href>${h}</D:href>`).join('') +
  '</C:calendar-multiget>';

async function main(): Promise<void> {
  log(`soak: ${seconds} s of mixed CalDAV traffic, ${clients} clients${rate ? ` capped at ${rate} req/s` : ''}, through davscope --record to Radicale, one inspector WebSocket client`);
  const dir = mkdtempSync(join(tmpdir(), 'davscope-soak-'));
  const file = join(dir, 'soak.jsonl');
  const radicale = await startRadicale({ forgetLog: true });
  const proxy = await startDavscopeProcess(radicale.url, ['-q', '--record', file]);
  const pid = proxy.proc.pid!;
  proxy.proc.once('exit', (code, signal) => {
    if (!stopping) log(`davscope exited during the soak (${code ?? signal}):\n${proxy.stderr()}`);
  });
  const uiPort = Number(new URL(proxy.uiUrl).port);
  const ui = await connectUiClient(uiPort);
  const { port } = new URL(proxy.proxyUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

  let sent = 0;
  let stopping = false;
  const statuses: Record<string, number> = {};
  const methods: Record<string, number> = {};
  // A token bucket refilled per 100 ms when SOAK_RATE caps the rate.
  let tokens = rate;
  const refill = rate ? setInterval(() => (tokens = Math.min(rate, tokens + rate / 10)), 100) : undefined;

  const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; etag?: string; text: string }> => {
    while (rate && tokens < 1) await new Promise((r) => setTimeout(r, 10));
    if (rate) tokens--;
    sent++;
    methods[method] = (methods[method] ?? 0) + 1;
    return new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
          const etag = res.headers.etag;
          resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString(), ...(etag ? { etag } : {}) });
        });
        res.on('error', () => resolve({ status: 0, text: '' }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        statuses[err.code ?? 'error'] = (statuses[err.code ?? 'error'] ?? 0) + 1;
        resolve({ status: 0, text: '' });
      });
      req.end(body);
    });
  };

  const deadline = Date.now() + seconds * 1000;
  await send('MKCOL', '/soak/');
  const worker = async (w: number) => {
    const cal = `/soak/cal${w}/`;
    await send('MKCALENDAR', cal);
    const held: string[] = [];
    for (let i = 0; Date.now() < deadline; i++) {
      const href = `${cal}e${i}.ics`;
      const put = await send('PUT', href, { 'Content-Type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' }, event(`soak-${w}-${i}@davscope`, i));
      if (put.status === 201) held.push(href);
      await send('GET', href);
      await send('PROPFIND', cal, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND);
      if (i % 2 === 0) await send('REPORT', cal, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, QUERY);
      else await send('REPORT', cal, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, multiget(held.slice(-5)));
      // Every tenth round, the classic mistake: creating what exists gets 412 from If-None-Match.
      if (i % 10 === 5) await send('PUT', href, { 'Content-Type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' }, event(`soak-${w}-${i}@davscope`, i));
      while (held.length > CALENDAR_EVENTS) await send('DELETE', held.shift()!);
    }
  };

  const samples: Sample[] = [];
  const started = Date.now();
  let lastSent = 0;
  let lastAt = started;
  const sample = async () => {
    const health = await getJson<{ exchanges: number; analysisBacklog: number; memory: { heapUsed: number }; eventLoopDelayMs: Sample['loopDelayMs']; inspectorClients?: { connected: number } }>(`${proxy.uiUrl}/api/health`);
    const s: Sample = {
      t: Math.round((Date.now() - started) / 1000),
      requests: sent,
      rps: Math.round((sent - lastSent) / Math.max(0.001, (Date.now() - lastAt) / 1000)),
      rssMB: Math.round((rssOf(pid) / MB) * 10) / 10,
      fds: readdirSync(`/proc/${pid}/fd`).length,
      heapMB: Math.round((health.memory.heapUsed / MB) * 10) / 10,
      exchangesHeld: health.exchanges,
      analysisBacklog: health.analysisBacklog,
      loopDelayMs: health.eventLoopDelayMs,
      uiMessages: ui.messages(),
      uiClients: health.inspectorClients?.connected ?? -1,
    };
    lastSent = sent;
    lastAt = Date.now();
    samples.push(s);
    log(`  ${String(s.t).padStart(4)} s  ${String(s.requests).padStart(7)} requests  ${String(s.rps).padStart(4)} req/s  RSS ${s.rssMB} MB  fds ${s.fds}  loop p99 ${s.loopDelayMs.p99} ms  held ${s.exchangesHeld}`);
  };
  const sampler = setInterval(() => void sample().catch((err: Error) => log(`  sample failed: ${err.message}`)), SAMPLE_MS);

  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  clearInterval(sampler);
  if (refill) clearInterval(refill);
  await sample();
  const uiMessages = ui.messages();
  await ui.stop();
  agent.destroy();
  stopping = true;
  const exitCode = await proxy.stop();
  const stderr = proxy.stderr();
  await radicale.stop();

  const reader = readRecording(file);
  let recorded = 0;
  const recordedMethods: Record<string, number> = {};
  for await (const ex of reader) {
    recorded++;
    recordedMethods[ex.request.method] = (recordedMethods[ex.request.method] ?? 0) + 1;
  }
  const fileMB = Math.round((statSync(file).size / MB) * 10) / 10;
  rmSync(dir, { recursive: true, force: true });

  // "After warm-up": from the first sample past a fifth of the run (the store fills up to --keep first).
  const warm = samples.filter((s) => s.t >= seconds / 5);
  const span = (pick: (s: Sample) => number) => (warm.length ? { first: pick(warm[0]!), last: pick(warm[warm.length - 1]!), min: Math.min(...warm.map(pick)), max: Math.max(...warm.map(pick)) } : undefined);
  const summary = {
    date: new Date().toISOString(),
    seconds,
    clients,
    rate: rate || 'unlimited',
    sent,
    recorded,
    lost: sent - recorded,
    readerWarnings: reader.warnings,
    methodsSent: methods,
    methodsRecorded: recordedMethods,
    statuses,
    recordingMB: fileMB,
    uiMessages,
    proxyExitCode: exitCode,
    proxyStderr: stderr,
    afterWarmUp: { rssMB: span((s) => s.rssMB), fds: span((s) => s.fds), loopDelayP99Ms: span((s) => s.loopDelayMs.p99), heapMB: span((s) => s.heapMB) },
    samples,
  };

  log('\n| t (s) | requests | req/s | RSS MB | heap MB | fds | loop delay mean / p99 / max ms | held | backlog | UI msgs |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of samples) {
    log(`| ${s.t} | ${s.requests} | ${s.rps} | ${s.rssMB} | ${s.heapMB} | ${s.fds} | ${s.loopDelayMs.mean} / ${s.loopDelayMs.p99} / ${s.loopDelayMs.max} | ${s.exchangesHeld} | ${s.analysisBacklog} | ${s.uiMessages} |`);
  }
  log(`\nrequests sent ${sent}, exchanges recorded ${recorded}: ${sent === recorded ? 'none lost' : `${sent - recorded} LOST`}; recording ${fileMB} MB, reader warnings ${reader.warnings.length}`);
  log(`statuses ${JSON.stringify(statuses)}; proxy exit code ${exitCode}; UI client got ${uiMessages} messages`);
  const a = summary.afterWarmUp;
  if (a.rssMB) log(`after warm-up (t ≥ ${warm[0]!.t} s): RSS ${a.rssMB.first} → ${a.rssMB.last} MB (min ${a.rssMB.min}, max ${a.rssMB.max}); fds ${a.fds!.min}–${a.fds!.max}; loop p99 ${a.loopDelayP99Ms!.min}–${a.loopDelayP99Ms!.max} ms`);
  if (stderr.trim()) log(`proxy stderr:\n${stderr}`);
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/soak.json', JSON.stringify(summary, null, 2));
  log('wrote test-artifacts/soak.json');
  if (sent !== recorded || reader.warnings.length > 0 || exitCode !== 0) process.exitCode = 1;
}

await main();
