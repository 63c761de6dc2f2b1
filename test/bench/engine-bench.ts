// Rule-engine throughput on one core over a generated stream of mixed CalDAV traffic (plus the bundled
// real Radicale recording), against the cost of merely JSON-parsing the same recording lines.
// Run: npx tsx test/bench/engine-bench.ts   (BENCH_SECONDS bounds the timed part, default 6; BENCH_EXCHANGES the stream
// length; BENCH_FINDINGS=FILE writes every finding, one per line, to diff two versions of the engine).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeFromWire, exchangeToWire, type WireExchange } from '../../rules/model/wire.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import {
  CALENDAR, HOST, calendarQueryBody, davError, exchange, multigetBody, multistatus, propfindBody, syncCollectionBody, type ExchangeSpec, type MsResponse,
} from '../rules/factories.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const COUNT = Number(process.env.BENCH_EXCHANGES ?? 6000);
const log = (line: string) => process.stdout.write(line + '\n');

// ---------- a deterministic mixed CalDAV stream ----------

let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const CALENDARS = ['/alice/calendar/', '/alice/work/', '/alice/family/'];
const xmlReq = (depth?: string): Record<string, string> => ({
  ...(depth !== undefined ? { Depth: depth } : {}),
  Accept: 'application/xml',
  'Content-Type': 'application/xml; charset=utf-8',
  Authorization: 'Basic YWxpY2U6c2VjcmV0',
});

const VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET',
  'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE',
];

/** RFC 5545 §3.1 folding at 75 octets (the text here is ASCII). */
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(' ' + line.slice(i, i + 74));
  return parts.join('\r\n');
}

/** A calendar object: a plain event, a recurring one with VTIMEZONE, an override and an alarm, or a task. */
function calendarObject(uid: string, kind: number): string {
  const day = String(between(1, 28)).padStart(2, '0');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example Corp.//CalDAV Client 5.2//EN', 'CALSCALE:GREGORIAN'];
  if (kind === 0) {
    lines.push('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250115T090000Z', `DTSTART:202501${day}T100000Z`, `DTEND:202501${day}T110000Z`, 'SUMMARY:Planning meeting', 'SEQUENCE:0', 'END:VEVENT');
  } else if (kind === 1) {
    lines.push(...VTIMEZONE);
    lines.push(
      'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250115T090000Z', `DTSTART;TZID=Europe/Berlin:202501${day}T093000`, `DTEND;TZID=Europe/Berlin:202501${day}T100000`,
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20251231T235959Z', `EXDATE;TZID=Europe/Berlin:202502${day}T093000`, 'SUMMARY:Stand-up',
      'DESCRIPTION:Daily stand-up of the team\\, with a description long enough that a client folds it over more than one physical line as RFC 5545 asks.',
      'LOCATION:Room 4', 'ORGANIZER;CN=Alice:mailto:alice@example.com', 'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:bob@example.com',
      'ATTENDEE;CN=Alice;PARTSTAT=ACCEPTED:mailto:alice@example.com', 'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT10M', 'END:VALARM', 'END:VEVENT',
      'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250115T090000Z', `RECURRENCE-ID;TZID=Europe/Berlin:202503${day}T093000`, `DTSTART;TZID=Europe/Berlin:202503${day}T110000`,
      `DTEND;TZID=Europe/Berlin:202503${day}T113000`, 'SUMMARY:Stand-up (moved)', 'ORGANIZER;CN=Alice:mailto:alice@example.com',
      'ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com', 'END:VEVENT',
    );
  } else {
    lines.push('BEGIN:VTODO', `UID:${uid}`, 'DTSTAMP:20250115T090000Z', `DUE:202502${day}T170000Z`, 'SUMMARY:File the report', 'STATUS:NEEDS-ACTION', 'PRIORITY:5', 'END:VTODO');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Obj {
  href: string;
  uid: string;
  kind: number;
  etag: number;
  /** The stored text: what GET and calendar-data return until the next PUT changes it. */
  text: string;
}

function stream(count: number): Exchange[] {
  const objects = new Map<string, Obj[]>(CALENDARS.map((c) => [c, []]));
  let serial = 0;
  const tokens = new Map<string, number>(CALENDARS.map((c) => [c, 1]));
  const tokenOf = (c: string) => `${HOST}/sync/${CALENDARS.indexOf(c)}-${tokens.get(c)!}`;
  const out: ExchangeSpec[] = [];
  const newObject = (cal: string): Obj => {
    serial++;
    const uid = `${serial}-bench@example.com`;
    return { href: `${cal}${serial.toString(16)}-${Math.floor(rand() * 1e9).toString(36)}.ics`, uid, kind: serial % 3, etag: 1, text: calendarObject(uid, serial % 3) };
  };
  // Seed every calendar with objects so listings have 1-50 entries.
  for (const cal of CALENDARS) for (let i = 0; i < between(8, 40); i++) objects.get(cal)!.push(newObject(cal));
  const etagProps = (o: Obj) => `<D:getetag>"${o.etag}-${o.uid}"</D:getetag>`;
  const dataProps = (o: Obj) => `${etagProps(o)}<C:calendar-data>${escapeXml(o.text)}</C:calendar-data>`;

  while (out.length < count) {
    const cal = pick(CALENDARS);
    const objs = objects.get(cal)!;
    const r = rand();
    if (r < 0.04) {
      out.push({ method: 'OPTIONS', path: cal, status: 200, responseHeaders: { DAV: '1, 2, 3, calendar-access, extended-mkcol, sync-collection', Allow: 'DELETE, GET, HEAD, MKCALENDAR, MKCOL, MOVE, OPTIONS, PROPFIND, PROPPATCH, PUT, REPORT' } });
    } else if (r < 0.1) {
      out.push({
        method: 'PROPFIND', path: '/alice/', headers: xmlReq('0'), body: propfindBody('<D:current-user-principal/><C:calendar-home-set/><C:calendar-user-address-set/><C:schedule-outbox-URL/>'), status: 207,
        responseBody: multistatus([{ href: '/alice/', propstats: [{ status: 200, props: '<D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal><C:calendar-home-set><D:href>/alice/</D:href></C:calendar-home-set><C:calendar-user-address-set><D:href>mailto:alice@example.com</D:href></C:calendar-user-address-set>' }, { status: 404, props: '<C:schedule-outbox-URL/>' }] }]),
      });
    } else if (r < 0.16) {
      out.push({
        method: 'PROPFIND', path: '/alice/', headers: xmlReq('1'), body: propfindBody('<D:resourcetype/><D:displayname/><CS:getctag/><D:sync-token/><C:supported-calendar-component-set/>'), status: 207,
        responseBody: multistatus([
          { href: '/alice/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }, { status: 404, props: '<D:displayname/><CS:getctag/><D:sync-token/><C:supported-calendar-component-set/>' }] },
          ...CALENDARS.map((c, i): MsResponse => ({ href: c, propstats: [{ status: 200, props: `<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Calendar ${i}</D:displayname><CS:getctag>"ctag-${tokens.get(c)!}"</CS:getctag><D:sync-token>${tokenOf(c)}</D:sync-token><C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>` }] })),
        ]),
      });
    } else if (r < 0.3) {
      const depth = rand() < 0.3 ? '0' : '1';
      const listed = depth === '0' ? [] : objs.slice(0, 49);
      out.push({
        method: 'PROPFIND', path: cal, headers: xmlReq(depth), body: propfindBody('<D:resourcetype/><D:getetag/><D:getcontenttype/>'), status: 207,
        responseBody: multistatus([
          { href: cal, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:getcontenttype>text/calendar</D:getcontenttype>' }, { status: 404, props: '<D:getetag/>' }] },
          ...listed.map((o): MsResponse => ({ href: o.href, propstats: [{ status: 200, props: `<D:resourcetype/>${etagProps(o)}<D:getcontenttype>text/calendar; charset=utf-8; component=VEVENT</D:getcontenttype>` }] })),
        ]),
      });
    } else if (r < 0.38) {
      const hits = objs.slice(0, between(1, 10));
      out.push({ method: 'REPORT', path: cal, headers: xmlReq('1'), body: calendarQueryBody(undefined, '<D:getetag/><C:calendar-data/>'), status: 207, responseBody: multistatus(hits.map((o) => ({ href: o.href, propstats: [{ status: 200, props: dataProps(o) }] }))) });
    } else if (r < 0.46) {
      const hits = objs.slice(0, between(1, 12));
      const missing = rand() < 0.2 ? [`${cal}gone-${serial}.ics`] : [];
      out.push({
        method: 'REPORT', path: cal, headers: xmlReq(), body: multigetBody([...hits.map((o) => o.href), ...missing]), status: 207,
        responseBody: multistatus([...hits.map((o): MsResponse => ({ href: o.href, propstats: [{ status: 200, props: dataProps(o) }] })), ...missing.map((h): MsResponse => ({ href: h, status: 404 }))]),
      });
    } else if (r < 0.54) {
      const changed = objs.slice(0, between(0, 6));
      const old = tokenOf(cal);
      tokens.set(cal, tokens.get(cal)! + 1);
      out.push({
        method: 'REPORT', path: cal, headers: xmlReq('0'), body: syncCollectionBody(rand() < 0.2 ? '' : old), status: 207,
        responseBody: multistatus(changed.map((o) => ({ href: o.href, propstats: [{ status: 200, props: etagProps(o) }] })), `<D:sync-token>${tokenOf(cal)}</D:sync-token>`),
      });
    } else if (r < 0.62) {
      const o = newObject(cal);
      objs.push(o);
      out.push({ method: 'PUT', path: o.href, headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar; charset=utf-8' }, body: o.text, status: 201, responseHeaders: { ETag: `"${o.etag}-${o.uid}"` } });
    } else if (r < 0.7 && objs.length) {
      const o = pick(objs);
      const prev = o.etag++;
      o.text = calendarObject(o.uid, o.kind);
      out.push({ method: 'PUT', path: o.href, headers: { 'If-Match': `"${prev}-${o.uid}"`, 'Content-Type': 'text/calendar; charset=utf-8' }, body: o.text, status: 204, responseHeaders: { ETag: `"${o.etag}-${o.uid}"` } });
    } else if (r < 0.84 && objs.length) {
      const o = pick(objs);
      out.push({ method: 'GET', path: o.href, status: 200, responseBody: o.text, responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8', ETag: `"${o.etag}-${o.uid}"` } });
    } else if (r < 0.89 && objs.length > 5) {
      const o = objs.splice(Math.floor(rand() * objs.length), 1)[0]!;
      out.push({ method: 'DELETE', path: o.href, headers: { 'If-Match': `"${o.etag}-${o.uid}"` }, status: 204 });
    } else if (r < 0.91) {
      out.push({ method: 'MKCALENDAR', path: `/alice/new-${serial++}/`, headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>New</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`, status: 201 });
    } else if (r < 0.93) {
      out.push({ method: 'MKCALENDAR', path: CALENDAR, headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"/>`, status: 405, responseBody: davError('<D:resource-must-be-null/>'), responseHeaders: { 'Content-Type': 'application/xml; charset=utf-8' } });
    } else if (r < 0.95 && objs.length) {
      const o = pick(objs);
      out.push({ method: 'PUT', path: `${cal}dup-${serial++}.ics`, headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar; charset=utf-8' }, body: calendarObject(o.uid, o.kind), status: 409, responseBody: davError(`<C:no-uid-conflict><D:href>${o.href}</D:href></C:no-uid-conflict>`), responseHeaders: { 'Content-Type': 'application/xml; charset=utf-8' } });
    } else if (r < 0.97 && objs.length) {
      const o = pick(objs);
      out.push({ method: 'PUT', path: o.href, headers: { 'If-Match': '"stale"', 'Content-Type': 'text/calendar; charset=utf-8' }, body: calendarObject(o.uid, o.kind), status: 412, responseBody: 'Precondition Failed', responseHeaders: { 'Content-Type': 'text/plain' } });
    } else if (r < 0.98) {
      out.push({ method: 'PROPFIND', path: cal, headers: { Depth: '0', Accept: 'application/xml', 'Content-Type': 'application/xml' }, body: propfindBody(), status: 401, responseHeaders: { 'WWW-Authenticate': 'Basic realm="Radicale"', 'Content-Type': 'text/plain' }, responseBody: 'Access to the requested resource forbidden.' });
    } else {
      out.push({ method: 'GET', path: `${cal}missing-${serial++}.ics`, status: 404, responseBody: 'The requested resource could not be found.', responseHeaders: { 'Content-Type': 'text/plain' } });
    }
  }
  return out.map((spec, i) => {
    const headers = { Authorization: 'Basic YWxpY2U6c2VjcmV0', ...(spec.headers as Record<string, string> | undefined) };
    return exchange({ ...spec, headers, seq: i + 1 });
  });
}

// ---------- measuring ----------

interface Round {
  readonly seconds: number;
  readonly jsonSeconds: number;
  /** Process CPU time (user + system) of the engine part: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const demoPath = fileURLToPath(new URL('../../proxy/demo/demo-session.jsonl', import.meta.url));
  const demo: Exchange[] = [];
  for await (const ex of readRecording(demoPath)) demo.push(ex);
  const generated = stream(COUNT);
  // The real recording is spliced in once every 500 generated exchanges, renumbered.
  const all: Exchange[] = [];
  for (let i = 0; i < generated.length; i++) {
    all.push(generated[i]!);
    if (i % 500 === 499) for (const d of demo) all.push(d);
  }
  const lines = all.map((ex, i) => JSON.stringify(exchangeToWire({ ...ex, seq: i + 1, id: `b${i + 1}` })));
  if (process.env.BENCH_LINES) writeFileSync(process.env.BENCH_LINES, lines.join("\n") + "\n");
  const bytes = lines.reduce((n, l) => n + l.length, 0);
  const methods: Record<string, number> = {};
  for (const ex of all) methods[ex.request.method] = (methods[ex.request.method] ?? 0) + 1;
  log(`engine benchmark: ${allRules.length} rules, ${lines.length} exchanges (${(bytes / lines.length / 1024).toFixed(1)} KB of JSON each on average), one core, ~${SECONDS} s`);
  log(`mix: ${Object.entries(methods).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${((100 * n) / lines.length).toFixed(0)}%`).join(', ')}`);

  const fromLines = (): Exchange[] => lines.map((l) => exchangeFromWire(JSON.parse(l) as WireExchange));

  // Warm-up round (JIT), which also fingerprints the findings so a speed change can be checked for sameness.
  let engine: Engine = createEngine({ rules: allRules });
  const digest = createHash('sha256');
  const perRule: Record<string, number> = {};
  let findingCount = 0;
  const dump: string[] = [];
  for (const ex of fromLines()) {
    for (const f of engine.analyse(ex)) {
      const line = `${ex.seq}\t${f.ruleId}\t${f.messageId}\t${f.severity}\t${f.message}\t${f.fix}\t${JSON.stringify(f.location ?? null)}\t${f.explanation}\n`;
      digest.update(line);
      if (process.env.BENCH_FINDINGS) dump.push(line);
      perRule[f.ruleId] = (perRule[f.ruleId] ?? 0) + 1;
      findingCount++;
    }
  }
  const fingerprint = digest.digest('hex').slice(0, 16);
  if (process.env.BENCH_FINDINGS) writeFileSync(process.env.BENCH_FINDINGS, dump.join(''));

  // Like lint, exchanges are made from their lines a chunk at a time and dropped once analysed, so the
  // heap holds what a streaming run holds (the session's own memory included), not the whole stream.
  const CHUNK = 256;
  const rounds: Round[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  while (rounds.length < 2 || (performance.now() < deadline && rounds.length < 20)) {
    engine = createEngine({ rules: allRules });
    let seconds = 0;
    let jsonSeconds = 0;
    let cpuSeconds = 0;
    for (let start = 0; start < lines.length; start += CHUNK) {
      const t0 = performance.now();
      const chunk: Exchange[] = [];
      for (let i = start; i < Math.min(start + CHUNK, lines.length); i++) chunk.push(exchangeFromWire(JSON.parse(lines[i]!) as WireExchange));
      const c1 = cpuNow();
      const t1 = performance.now();
      for (const ex of chunk) engine.analyse(ex);
      const t2 = performance.now();
      cpuSeconds += cpuNow() - c1;
      jsonSeconds += (t1 - t0) / 1000;
      seconds += (t2 - t1) / 1000;
    }
    rounds.push({ seconds, jsonSeconds, cpuSeconds });
  }
  const n = lines.length;
  const engineS = median(rounds.map((r) => r.seconds));
  const jsonS = median(rounds.map((r) => r.jsonSeconds));
  const cpuS = median(rounds.map((r) => r.cpuSeconds));
  const perSecond = n / engineS;
  const lintPerSecond = n / (engineS + jsonS);
  const stats = engine.stats();
  const slowest = stats.slice(0, 10).map((s) => ({ rule: s.ruleId, usPerExchange: (1000 * s.totalMs) / s.calls, share: s.totalMs / (1000 * engineS) }));

  log('');
  log(`engine:             ${Math.round(perSecond).toLocaleString('en')} exchanges/s, ${((1e6 * engineS) / n).toFixed(1)} µs per exchange (median of ${rounds.length} rounds; by process CPU time ${Math.round(n / cpuS).toLocaleString('en')} exchanges/s)`);
  log(`JSON.parse + exchangeFromWire of the same lines: ${Math.round(n / jsonS).toLocaleString('en')} exchanges/s, ${((1e6 * jsonS) / n).toFixed(1)} µs per exchange`);
  log(`ratio engine / JSON: ${(engineS / jsonS).toFixed(2)}   lint path (parse + analyse): ${Math.round(lintPerSecond).toLocaleString('en')} exchanges/s`);
  log(`findings: ${findingCount} (fingerprint ${fingerprint})`);
  log('slowest rules (time attributed to the rule includes the parses it was first to ask for):');
  for (const s of slowest) log(`  ${s.rule.padEnd(52)} ${s.usPerExchange.toFixed(2).padStart(7)} µs/exchange  ${(100 * s.share).toFixed(1).padStart(5)}%`);

  mkdirSync('test-artifacts', { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    rules: allRules.length,
    exchanges: n,
    avgJsonBytes: Math.round(bytes / n),
    mix: methods,
    rounds: rounds.length,
    engine: { exchangesPerSecond: Math.round(perSecond), usPerExchange: (1e6 * engineS) / n, exchangesPerCpuSecond: Math.round(n / cpuS) },
    json: { exchangesPerSecond: Math.round(n / jsonS), usPerExchange: (1e6 * jsonS) / n },
    ratioEngineToJson: engineS / jsonS,
    lintPathExchangesPerSecond: Math.round(lintPerSecond),
    findings: { count: findingCount, fingerprint, perRule },
    slowestRules: slowest,
  };
  writeFileSync('test-artifacts/engine-bench.json', JSON.stringify(result, null, 2) + '\n');
  log('\nwrote test-artifacts/engine-bench.json');
}

await main();
