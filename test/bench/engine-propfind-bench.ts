// The rule engine on exactly the proxy benchmark's traffic: a PROPFIND Depth 1 (propfind.lua's body)
// answered with static-upstream.ts's ~2 KB multistatus, and a GET of its .ics, alternating, as the
// analysis worker sees them. Reports µs per exchange of each kind (best and median round, one core).
// Run: npx tsx test/bench/engine-propfind-bench.ts   (BENCH_SECONDS bounds the timed part, default 5;
// BENCH_RULES=N lists the N costliest rules; BENCH_FINDINGS=FILE writes the findings of one warm-up pass, to diff two versions of the engine).
import { writeFileSync } from 'node:fs';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchange } from '../rules/factories.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PAIRS = 2000;

// Bodies as static-upstream.ts and propfind.lua send them.
const entry = (i: number) =>
  `<D:response><D:href>/alice/calendar/event-${i}.ics</D:href><D:propstat><D:prop><D:getetag>"etag-${i}-0123456789abcdef"</D:getetag><D:getcontenttype>text/calendar; charset=utf-8; component=VEVENT</D:getcontenttype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
const MULTISTATUS =
  `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
  `<D:response><D:href>/alice/calendar/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:getetag>"collection-etag"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>` +
  Array.from({ length: 7 }, (_, i) => entry(i)).join('') +
  `</D:multistatus>`;
const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//bench//EN\r\nBEGIN:VEVENT\r\nUID:bench-1@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:Benchmark event\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:getcontenttype/><D:resourcetype/></D:prop></D:propfind>';
const DATE = 'Wed, 15 Jan 2025 09:00:00 GMT';

function propfindExchange(seq: number): Exchange {
  return exchange({
    seq,
    method: 'PROPFIND',
    path: '/alice/calendar/',
    rawHeaders: [['Host', '127.0.0.1:8080'], ['Depth', '1'], ['Content-Type', 'application/xml; charset=utf-8'], ['Content-Length', String(PROPFIND_BODY.length)]],
    body: PROPFIND_BODY,
    status: 207,
    responseHeaders: [['Content-Type', 'application/xml; charset=utf-8'], ['Content-Length', String(MULTISTATUS.length)], ['Date', DATE], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=60']],
    responseBody: MULTISTATUS,
  });
}

function getExchange(seq: number): Exchange {
  return exchange({
    seq,
    method: 'GET',
    path: '/alice/calendar/event-1.ics',
    rawHeaders: [['Host', '127.0.0.1:8080']],
    status: 200,
    responseHeaders: [['Content-Type', 'text/calendar; charset=utf-8'], ['ETag', '"etag-ics"'], ['Content-Length', String(ICS.length)], ['Date', DATE], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=60']],
    responseBody: ICS,
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let seq = 1;
function batch(): Exchange[] {
  const out: Exchange[] = [];
  for (let i = 0; i < PAIRS; i++) {
    out.push(propfindExchange(seq++));
    out.push(getExchange(seq++));
  }
  return out;
}

// Warm-up, with the findings written down for a before/after diff.
let engine = createEngine({ rules: allRules });
const dump: string[] = [];
const kinds = new Map<string, number>();
for (const ex of batch()) {
  for (const f of engine.analyse(ex)) {
    if (ex.seq <= 20) dump.push(`${ex.seq}\t${ex.request.method}\t${f.ruleId}\t${f.messageId}\t${f.severity}\t${f.message}\t${f.fix}\t${JSON.stringify(f.location ?? null)}\t${f.explanation}\n`);
    const k = `${ex.request.method} ${f.ruleId}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
}
if (process.env.BENCH_FINDINGS) writeFileSync(process.env.BENCH_FINDINGS, dump.join('') + [...kinds].map(([k, n]) => `${k}: ${n}\n`).join(''));

// BENCH_RULES=1: every call timed, the costliest rules listed (the figures then include the clock reads).
if (process.env.BENCH_RULES) {
  const timedEngine = createEngine({ rules: allRules, timing: 'every' });
  for (let r = 0; r < 3; r++) for (const ex of batch()) timedEngine.analyse(ex);
  for (const s of timedEngine.stats().slice(0, Number(process.env.BENCH_RULES) || 25))
    process.stdout.write(`  ${s.ruleId.padEnd(52)} ${((1000 * s.totalMs) / s.calls).toFixed(2).padStart(7)} µs/call\n`);
}

const pf: number[] = [];
const gt: number[] = [];
// Process CPU time per exchange of each round (both kinds): preemption by other processes is not in it.
const cpu: number[] = [];
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const deadline = performance.now() + SECONDS * 1000;
while (pf.length < 3 || (performance.now() < deadline && pf.length < 50)) {
  engine = createEngine({ rules: allRules });
  seq = 1;
  const exs = batch();
  let tp = 0;
  let tg = 0;
  const c0 = cpuNow();
  for (let i = 0; i < exs.length; i += 2) {
    const t0 = performance.now();
    engine.analyse(exs[i]!);
    const t1 = performance.now();
    engine.analyse(exs[i + 1]!);
    const t2 = performance.now();
    tp += t1 - t0;
    tg += t2 - t1;
  }
  cpu.push((cpuNow() - c0) / (2 * PAIRS));
  pf.push((1000 * tp) / PAIRS);
  gt.push((1000 * tg) / PAIRS);
}
// The minimum is the steadier figure on a shared machine (preemption only ever adds time).
const p = Math.min(...pf);
const g = Math.min(...gt);
process.stdout.write(
  `engine on the proxy benchmark's exchanges (${allRules.length} rules, ${pf.length} rounds of ${PAIRS} pairs):\n` +
    `  PROPFIND Depth 1 + 2 KB multistatus: ${p.toFixed(2)} µs/exchange (best round; median ${median(pf).toFixed(2)})\n` +
    `  GET .ics:                            ${g.toFixed(2)} µs/exchange (best round; median ${median(gt).toFixed(2)})\n` +
    `  pair mean:                           ${((p + g) / 2).toFixed(2)} µs/exchange (${Math.round(2e6 / (p + g)).toLocaleString('en')} exchanges/s); by process CPU time ${Math.min(...cpu).toFixed(2)} (best round; median ${median(cpu).toFixed(2)})\n` +
    `  findings per pair: ${[...kinds].map(([k, n]) => `${k} ${(n / PAIRS).toFixed(2)}`).join(', ') || 'none'}\n`,
);
