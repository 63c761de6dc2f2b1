// Seeds and mutators for the engine fuzz test: real exchanges (the corpus, the demo recording, the
// rule-test factories) mutated at random, byte by byte and field by field, into sessions.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecording } from '../../proxy/recording/reader.ts';
import type { Body, Exchange, HeaderPair, Response } from '../../rules/model/exchange.ts';
import * as f from '../rules/factories.ts';
import { BROKEN_FOLDINGS, RRULES, MB, billionLaughs, bytesBody, deepXml, manyEvents, textBytes, XXE_FILE, XXE_HTTP } from './hostile.ts';
import type { Rng } from './prng.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every recorded session (test/corpus/*.jsonl and the demo recording), as lists of exchanges. */
export async function loadRecordedSessions(): Promise<Exchange[][]> {
  const corpus = readdirSync(join(ROOT, 'test/corpus'))
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => join(ROOT, 'test/corpus', n));
  const out: Exchange[][] = [];
  for (const path of [...corpus, join(ROOT, 'proxy/demo/demo-session.jsonl')]) {
    const list: Exchange[] = [];
    for await (const ex of readRecording(path)) list.push(ex);
    out.push(list);
  }
  return out;
}

const SCHEDULING = f.icalEvent({ calendarExtra: ['METHOD:REQUEST'], extra: ['ORGANIZER;SCHEDULE-AGENT=SERVER:mailto:alice@example.com', 'ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-STATUS=1.2:mailto:bob@example.com'] });

/** Factory-made exchanges covering every method and the common outcomes. */
export const FACTORY_SEEDS: readonly ((seq: number) => Exchange)[] = [
  (seq) => f.put({ seq }),
  (seq) => f.put({ seq, headers: { 'If-Match': '"e1"' }, status: 204, body: SCHEDULING, responseHeaders: { ETag: '"e2"', 'Schedule-Tag': '"s1"' } }),
  (seq) => f.put({ seq, status: 412, headers: { 'If-None-Match': '*' }, responseBody: f.davError('<C:no-uid-conflict><D:href>/alice/calendar/other.ics</D:href></C:no-uid-conflict>') }),
  (seq) => f.get({ seq }),
  (seq) => f.get({ seq, path: f.CALENDAR, responseBody: '<html><body>hi</body></html>', responseHeaders: { 'Content-Type': 'text/html' } }),
  (seq) => f.del({ seq }),
  (seq) => f.mkcalendar({ seq }),
  (seq) => f.mkcalendar({ seq, body: f.mkcalendarBody('<C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>') }),
  (seq) => f.mkcol({ seq }),
  (seq) => f.propfind({ seq }),
  (seq) => f.propfind({ seq, path: '/', headers: { Depth: '0' }, body: f.propfindBody('<D:current-user-principal/>'), responseBody: f.multistatus([{ href: '/', propstats: [{ status: 200, props: '<D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal>' }] }]) }),
  (seq) => f.propfind({ seq, path: '/.well-known/caldav', status: 301, responseHeaders: { Location: '/alice/' }, responseBody: '' }),
  (seq) => f.proppatch({ seq }),
  (seq) => f.report({ seq }),
  (seq) => f.report({ seq, body: f.multigetBody([f.EVENT, '/alice/calendar/missing.ics']), responseBody: f.multistatus([{ href: f.EVENT, propstats: [{ status: 200, props: `<D:getetag>"e1"</D:getetag><C:calendar-data>${f.icalEvent()}</C:calendar-data>` }] }]) }),
  (seq) => f.report({ seq, headers: { Depth: '0' }, body: f.syncCollectionBody('http://x/sync/1'), responseBody: f.multistatus([{ href: f.EVENT, status: 404 }], '<D:sync-token>http://x/sync/2</D:sync-token>') }),
  (seq) => f.report({ seq, body: `<C:free-busy-query ${f.CAL_NS}><C:time-range start="20250101T000000Z" end="20250102T000000Z"/></C:free-busy-query>`, responseBody: 'BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n' }),
  (seq) => f.options({ seq }),
  (seq) => f.move({ seq }),
  (seq) => f.copy({ seq, status: 207, responseBody: f.multistatus([{ href: f.EVENT, status: 423 }]) }),
  (seq) => f.post({ seq, body: SCHEDULING, headers: { 'Content-Type': 'text/calendar; method=REQUEST', Originator: 'mailto:alice@example.com', Recipient: 'mailto:bob@example.com' }, responseBody: `<C:schedule-response ${f.CAL_NS} ${f.DAV_NS}><C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0;Success</C:request-status></C:response></C:schedule-response>` }),
  (seq) => f.exchange({ seq, method: 'PROPFIND', path: f.PRINCIPAL, status: 401, responseHeaders: { 'WWW-Authenticate': 'Digest realm="r", nonce="n", qop="auth", stale=true' }, headers: { Authorization: 'Digest username="alice", realm="r", nonce="old", uri="/alice/", response="x"' } }),
  (seq) => f.exchange({ seq, method: 'PROPFIND', path: f.PRINCIPAL, status: 403, responseBody: f.davError('<D:need-privileges><D:resource><D:href>/alice/</D:href><D:privilege><D:read/></D:privilege></D:resource></D:need-privileges>') }),
  (seq) => f.exchange({ seq, method: 'DELETE', path: f.EVENT, status: 412, headers: { 'If-Match': 'W/"old"' } }),
  (seq) => f.exchange({ seq, method: 'PUT', path: f.EVENT, body: f.icalEvent(), noResponse: true }),
];

const METHODS = ['GET', 'PUT', 'DELETE', 'PROPFIND', 'PROPPATCH', 'REPORT', 'MKCALENDAR', 'MKCOL', 'OPTIONS', 'MOVE', 'COPY', 'POST', 'HEAD', 'LOCK', 'ACL', 'propfind', '', 'X'.repeat(300)];
const TYPES = ['text/calendar', 'text/calendar; charset=utf-8', 'application/xml', 'text/xml; charset="utf-8"', 'application/octet-stream', 'text/plain', 'text/calendar; charset=utf-16le', 'application/xml; charset=bogus', 'multipart/form-data; boundary=x', ';;;', 'text/calendar; component=vevent; method=REQUEST', 'x/y; charset=iso-8859-1'];
const HEADER_VALUES = ['', ' ', '*', '"', '""', '"a"b"', 'W/"x"', 'W/', 'infinity9', 'infinity', '0', '1', '-1', 'T', 'F', '1e999', 'NaN', '\u0000', '\r\n', 'é', '\ud800', ',,,', 'a'.repeat(10_000)];
const HEADER_NAMES = ['Depth', 'ETag', 'If-Match', 'If-None-Match', 'Overwrite', 'Destination', 'Location', 'Content-Type', 'Content-Encoding', 'Authorization', 'WWW-Authenticate', 'DAV', 'Allow', 'Prefer', 'Preference-Applied', 'Schedule-Tag', 'If-Schedule-Tag-Match', 'Schedule-Reply', 'Retry-After', 'Accept', 'Host', 'Brief', 'Content-Length'];
const TARGETS = ['/', '*', '', '//', '/alice//calendar/./../x.ics', '/%', '/%zz', '/%00', 'http://other:1/x', '/alice/calendar', '/alice/calendar/', '/alice/calendar/event-1.ics/', '/a?b=c#d', '/' + 'é'.repeat(200)];
const STATUSES = [0, 1, 99, 100, 199, 200, 201, 204, 207, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 409, 412, 415, 423, 500, 502, 507, 599, 600, 999, -1];
const NAMESPACES = ['DAV:', 'urn:ietf:params:xml:ns:caldav', 'http://calendarserver.org/ns/', '', 'urn:wrong', 'dav:', 'DAV', 'urn:ietf:params:xml:ns:carddav'];

const enc = new TextEncoder();
const dec = new TextDecoder();

type Side = 'request' | 'response';

function bodyOf(ex: Exchange, side: Side): Body | undefined {
  return side === 'request' ? ex.request.body : ex.response?.body;
}

function setBody(ex: Exchange, side: Side, b: Body): Exchange {
  if (side === 'request') return { ...ex, request: { ...ex.request, body: b } };
  return ex.response ? { ...ex, response: { ...ex.response, body: b } } : ex;
}

function setHeaders(ex: Exchange, side: Side, fn: (h: HeaderPair[]) => HeaderPair[]): Exchange {
  if (side === 'request') return { ...ex, request: { ...ex.request, headers: fn([...ex.request.headers]) } };
  return ex.response ? { ...ex, response: { ...ex.response, headers: fn([...ex.response.headers]) } } : ex;
}

/** The bytes a mutation works on: the inspectable form of a captured body, or a fresh text. */
function bytesOf(ex: Exchange, side: Side, rng: Rng): Uint8Array {
  const b = bodyOf(ex, side);
  if (b?.kind === 'captured') return b.decoded ?? b.bytes;
  return textBytes(rng.chance(0.5) ? f.icalEvent() : f.propfindBody());
}

const withBytes = (ex: Exchange, side: Side, bytes: Uint8Array): Exchange => setBody(ex, side, bytesBody(bytes));

function mapText(ex: Exchange, side: Side, rng: Rng, fn: (t: string) => string): Exchange {
  return withBytes(ex, side, enc.encode(fn(dec.decode(bytesOf(ex, side, rng)))));
}

type Mutator = (ex: Exchange, rng: Rng) => Exchange;

const side = (rng: Rng, ex: Exchange): Side => (ex.response && rng.chance(0.5) ? 'response' : 'request');

/** Small, cheap mutations; each keeps the exchange otherwise intact so the rules get deep into it. */
export const MUTATORS: readonly (readonly [string, Mutator])[] = [
  ['truncate body', (ex, rng) => { const s = side(rng, ex); const b = bytesOf(ex, s, rng); return withBytes(ex, s, b.subarray(0, rng.int(b.length + 1))); }],
  ['duplicate a slice', (ex, rng) => { const s = side(rng, ex); const b = bytesOf(ex, s, rng); const a = rng.int(b.length + 1); const e = a + rng.int(b.length - a + 1); const out = new Uint8Array(b.length + e - a); out.set(b.subarray(0, e)); out.set(b.subarray(a), e); return withBytes(ex, s, out); }],
  ['flip bytes', (ex, rng) => { const s = side(rng, ex); const b = bytesOf(ex, s, rng).slice(); for (let k = rng.range(1, 8); k > 0 && b.length; k--) b[rng.int(b.length)] ^= 1 << rng.int(8); return withBytes(ex, s, b); }],
  ['insert invalid UTF-8', (ex, rng) => { const s = side(rng, ex); const b = bytesOf(ex, s, rng); const at = rng.int(b.length + 1); const bad = rng.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x28, 0xa1], [0xf0, 0x9f]]); const out = new Uint8Array(b.length + bad.length); out.set(b.subarray(0, at)); out.set(bad, at); out.set(b.subarray(at), at + bad.length); return withBytes(ex, s, out); }],
  ['delete a line', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => { const lines = t.split(/(?<=\n)/); lines.splice(rng.int(lines.length), 1); return lines.join(''); })],
  ['duplicate a line', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => { const lines = t.split(/(?<=\n)/); const i = rng.int(lines.length); lines.splice(i, 0, lines[i] ?? ''); return lines.join(''); })],
  ['swap a namespace', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => { const from = rng.pick(NAMESPACES.filter(Boolean)); return t.split(`"${from}"`).join(`"${rng.pick(NAMESPACES)}"`); })],
  ['drop namespace prefixes', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(rng.chance(0.5) ? /<(\/?)[A-Za-z]+:/g : /xmlns:[A-Za-z]+="[^"]*"/g, rng.chance(0.5) ? '<$1' : ''))],
  ['break iCalendar folding', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(/\r\n/g, () => rng.pick(['\r\n', '\r\n ', '\n', '\r', '\r\n\t', '\r\n\r\n', ''])))],
  ['inject a recurrence rule', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(/(BEGIN:V(?:EVENT|TODO)\r?\n)/, `$1${rng.pick(RRULES).slice(0, 20_000)}\r\n`))],
  ['replace a property value', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(/^(DTSTART|DTEND|UID|DTSTAMP|DURATION|RECURRENCE-ID|ORGANIZER|ATTENDEE|SEQUENCE|STATUS)([;:])[^\r\n]*/m, (_w, n: string, sep: string) => `${n}${sep === ';' ? ';TZID=Nowhere/Land:' : ':'}${rng.pick(['', '2025', '99999999T999999Z', '20250101', 'P', 'mailto:', '-1', 'x'.repeat(2000)])}`))],
  ['replace an element name', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => { const tags = t.match(/<\/?[A-Za-z]+:[A-Za-z-]+/g) ?? []; if (!tags.length) return t; const tag = rng.pick(tags).replace(/^<\/?/, ''); return t.split(tag).join(tag.replace(/:.*/, ':') + rng.pick(['href', 'response', 'multistatus', 'propstat', 'status', 'error', 'prop', 'calendar-data', 'comp-filter', 'time-range', 'sync-token', 'x'])); })],
  ['add a DOCTYPE', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(/^(<\?xml[^>]*\?>)?\s*/, `$1${rng.pick([`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`, '<!DOCTYPE x SYSTEM "http://127.0.0.1:1/">', '<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "&a;">]>'])}`).replace(/(<[A-Za-z]+:href>)/, '$1&e;'))],
  ['nest deeper', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => { const d = rng.range(100, 3000); return t.replace(/(<[A-Za-z]+:prop>)/, `$1${'<D:prop>'.repeat(d)}${'</D:prop>'.repeat(d)}`); })],
  ['replace the body with binary', (ex, rng) => withBytes(ex, side(rng, ex), rng.bytes(rng.range(0, 4096)))],
  ['replace the body with a hostile one', (ex, rng) => withBytes(ex, side(rng, ex), textBytes(rng.pick([billionLaughs(), XXE_FILE, XXE_HTTP, deepXml(rng.range(100, 10_000), rng.chance(0.5)), rng.pick(BROKEN_FOLDINGS), manyEvents(rng.range(1, 300), rng.chance(0.5))])))],
  ['large body', (ex, rng) => mapText(ex, side(rng, ex), rng, (t) => t.replace(/(="|>)/, `$1${'x'.repeat(rng.chance(0.2) ? MB : 10_000)}`))],
  ['mark truncated', (ex, rng) => { const s = side(rng, ex); const b = bytesOf(ex, s, rng); return setBody(ex, s, bytesBody(b.subarray(0, b.length >> 1), { truncated: true })); }],
  ['make unavailable', (ex, rng) => setBody(ex, side(rng, ex), rng.pick<Body>([{ kind: 'unavailable', reason: 'aborted' }, { kind: 'unavailable', reason: 'not-recorded', size: 5 }, { kind: 'none' }, { kind: 'captured', bytes: new Uint8Array(), size: 0, truncated: false }]))],
  ['garbage content-encoding', (ex, rng) => { const s = side(rng, ex); return setBody(ex, s, bytesBody(rng.bytes(rng.range(0, 300)), { contentEncoding: rng.pick(['gzip', 'br', 'deflate', 'x-unknown', '']), ...(rng.chance(0.5) ? { decoded: rng.chance(0.5) ? bytesOf(ex, s, rng) : rng.bytes(100) } : {}) })); }],
  ['set a content type', (ex, rng) => { const s = side(rng, ex); const t = rng.pick(TYPES); return setHeaders(ex, s, (h) => [...h.filter(([n]) => n.toLowerCase() !== 'content-type'), ['Content-Type', t]]); }],
  ['remove headers', (ex, rng) => setHeaders(ex, side(rng, ex), (h) => h.filter(() => rng.chance(0.5)))],
  ['add an absurd header', (ex, rng) => setHeaders(ex, side(rng, ex), (h) => { const pair: HeaderPair = [rng.pick(HEADER_NAMES), rng.pick(HEADER_VALUES)]; h.splice(rng.int(h.length + 1), 0, pair); return h; })],
  ['set an absurd header', (ex, rng) => setHeaders(ex, side(rng, ex), (h) => { const name = rng.pick(HEADER_NAMES); return [...h.filter(([n]) => n.toLowerCase() !== name.toLowerCase()), [rng.chance(0.5) ? name.toLowerCase() : name, rng.pick(HEADER_VALUES)]]; })],
  ['many headers', (ex, rng) => setHeaders(ex, side(rng, ex), (h) => { const n = rng.chance(0.3) ? 10_000 : 200; const name = rng.pick(HEADER_NAMES); for (let i = 0; i < n; i++) h.push([rng.chance(0.5) ? name : `X-${i}`, rng.pick(HEADER_VALUES.slice(0, -1))]); return h; })],
  ['change the method', (ex, rng) => ({ ...ex, request: { ...ex.request, method: rng.pick(METHODS) } })],
  ['change the target', (ex, rng) => ({ ...ex, request: { ...ex.request, target: rng.pick(TARGETS) } })],
  ['change the status', (ex, rng) => (ex.response ? { ...ex, response: { ...ex.response, status: rng.pick(STATUSES) } } : ex)],
  ['drop the response', (ex, rng) => { const { response: _r, ...rest } = ex; return rng.chance(0.8) ? { ...rest, error: { phase: rng.pick(['connect', 'request', 'response'] as const), code: rng.pick(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CLIENT_ABORTED', '']), message: rng.pick(['', 'socket hang up', '\u0000']) } } : (rest as Exchange); }],
  ['add a response to a transport error', (ex, rng) => (ex.response ? ex : { ...ex, response: { status: rng.pick(STATUSES), statusText: '', httpVersion: '1.1', headers: [], body: { kind: 'none' } } satisfies Response })],
];

const BIG_MUTATORS = new Set(['large body', 'many headers', 'replace the body with a hostile one', 'nest deeper']);

/** One to three mutations; the expensive ones (big bodies, many headers) are kept rare. */
export function mutate(ex: Exchange, rng: Rng, applied: string[]): Exchange {
  let out = ex;
  for (let k = rng.range(1, 3); k > 0; k--) {
    let m = rng.pick(MUTATORS);
    if (BIG_MUTATORS.has(m[0]) && rng.chance(0.8)) m = rng.pick(MUTATORS);
    applied.push(m[0]);
    out = m[1](out, rng);
  }
  return out;
}

export interface FuzzSession {
  readonly exchanges: Exchange[];
  /** What was done to each exchange, for the failure report. */
  readonly notes: string[];
}

/**
 * A session: either a window of a recorded session (so session knowledge is real) or a run of factory
 * exchanges, each mutated with probability `rate`; seq numbers increase, rarely out of order.
 */
export function fuzzSession(rng: Rng, recorded: readonly Exchange[][], rate = 0.6): FuzzSession {
  const length = rng.range(2, 8);
  let base: Exchange[];
  if (rng.chance(0.5) && recorded.length) {
    const rec = rng.pick(recorded);
    const start = rng.int(Math.max(1, rec.length - length + 1));
    base = rec.slice(start, start + length);
  } else {
    base = Array.from({ length }, (_, i) => rng.pick(FACTORY_SEEDS)(i + 1));
  }
  const notes: string[] = [];
  const exchanges = base.map((ex, i) => {
    const seq = rng.chance(0.03) ? rng.pick([0, -1, i]) : i + 1;
    const applied: string[] = [];
    const out = rng.chance(rate) ? mutate(ex, rng, applied) : ex;
    notes.push(`#${i} ${ex.request.method} ${ex.request.target.slice(0, 60)}${applied.length ? ` [${applied.join(', ')}]` : ''}`);
    return { ...out, seq, id: `fuzz-${i}` };
  });
  return { exchanges, notes };
}
