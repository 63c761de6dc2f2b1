// Named hostile inputs for the engine fuzz test: each builds a short session (a realistic exchange
// carrying the hostile part, often after a normal one so session knowledge is in play).
import type { Body, Exchange, HeaderPair } from '../../rules/model/exchange.ts';
import { DAV_NS, EVENT, CALENDAR, HOST, exchange, get, icalEvent, multistatus, propfind, propfindBody, put, report, calendarQueryBody } from '../rules/factories.ts';
import type { Rng } from './prng.ts';

const enc = new TextEncoder();

export function bytesBody(bytes: Uint8Array, extra: Partial<{ truncated: boolean; contentEncoding: string; decoded: Uint8Array }> = {}): Body {
  return { kind: 'captured', bytes, size: bytes.length, truncated: extra.truncated ?? false, ...extra };
}

export const textBytes = (text: string): Uint8Array => enc.encode(text);

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export const MB = 1 << 20;

/** An XML body that asks for an external entity: a parser that expands it reads the file or opens a socket. */
export const XXE_FILE = `<?xml version="1.0"?>\n<!DOCTYPE D:propfind [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<D:propfind ${DAV_NS}><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:propfind>`;
export const XXE_HTTP = `<?xml version="1.0"?>\n<!DOCTYPE D:multistatus [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote; <!ENTITY net SYSTEM "http://127.0.0.1:1/">]>\n<D:multistatus ${DAV_NS}><D:response><D:href>&net;</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`;
export const XXE_EXTERNAL_DTD = `<?xml version="1.0"?>\n<!DOCTYPE D:error SYSTEM "file:///etc/passwd">\n<D:error ${DAV_NS}><D:need-privileges/></D:error>`;
export const XINCLUDE = `<?xml version="1.0"?>\n<D:propfind ${DAV_NS} xmlns:xi="http://www.w3.org/2001/XInclude"><D:prop><xi:include href="file:///etc/passwd" parse="text"/></D:prop></D:propfind>`;

export function billionLaughs(): string {
  const ents = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [${ents.join('\n')}]>\n<D:multistatus ${DAV_NS}><D:response><D:href>&lol9;</D:href><D:propstat><D:prop><D:displayname>&lol9;</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
}

export function deepXml(depth: number, closed: boolean): string {
  const open = '<D:prop>'.repeat(depth);
  return `<?xml version="1.0"?>\n<D:propfind ${DAV_NS}>${open}${closed ? '</D:prop>'.repeat(depth) + '</D:propfind>' : ''}`;
}

export const bigAttribute = (size: number, ch = 'A'): string =>
  calendarQueryBody(`<C:comp-filter name="VCALENDAR"><C:comp-filter name="${ch.repeat(Math.ceil(size / ch.length))}"><C:time-range start="${'1'.repeat(size)}" end="20250201T000000Z"/></C:comp-filter></C:comp-filter>`);

export function manyAttributes(n: number): string {
  const attrs: string[] = [];
  for (let i = 0; i < n; i++) attrs.push(`a${i}="${i}"`);
  return `<?xml version="1.0"?>\n<D:propfind ${DAV_NS}><D:prop ${attrs.join(' ')}><D:getetag/></D:prop></D:propfind>`;
}

/** Many namespace declarations, then many children that each declare one more. */
export function namespaceFlood(n: number): string {
  const decls: string[] = [];
  for (let i = 0; i < n; i++) decls.push(`xmlns:p${i}="urn:x:${i}"`);
  const kids: string[] = [];
  for (let i = 0; i < n; i++) kids.push(`<q${i}:x xmlns:q${i}="urn:y:${i}"/>`);
  return `<D:multistatus ${DAV_NS} ${decls.join(' ')}><D:response><D:href>/a</D:href><D:propstat><D:prop>${kids.join('')}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
}

export function manyResponses(n: number, calendarData: boolean): string {
  const rs = [];
  for (let i = 0; i < n; i++) {
    const data = calendarData ? `<C:calendar-data>${icalEvent({ uid: `u${i}` }).replace(/\r\n/g, '\n')}</C:calendar-data>` : '';
    rs.push({ href: `${CALENDAR}e${i}.ics`, propstats: [{ status: 200, props: `<D:getetag>"${i}"</D:getetag>${data}` }] });
  }
  return multistatus(rs, '<D:sync-token>http://x/sync/1</D:sync-token>');
}

export function manyEvents(n: number, recurring = false): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//fuzz//EN'];
  for (let i = 0; i < n; i++) {
    lines.push('BEGIN:VEVENT', `UID:same-${recurring ? 0 : i}@x`, 'DTSTAMP:20250115T090000Z', `DTSTART:2025012${i % 10}T100000Z`, 'DTEND:20250130T110000Z', 'SUMMARY:x');
    if (recurring && i > 0) lines.push(`RECURRENCE-ID:2025012${i % 10}T100000Z`);
    if (recurring && i === 0) lines.push('RRULE:FREQ=SECONDLY;COUNT=1000000000');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

export function deepIcal(depth: number): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//fuzz//EN', ...Array(depth).fill('BEGIN:VEVENT'), 'UID:x', ...Array(depth).fill('END:VEVENT'), 'END:VCALENDAR'].join('\r\n') + '\r\n';
}

export const RRULES = [
  'RRULE:FREQ=SECONDLY;COUNT=1000000000',
  'RRULE:FREQ=SECONDLY;INTERVAL=1;UNTIL=99991231T235959Z',
  'RRULE:FREQ=MINUTELY;BYSECOND=' + Array.from({ length: 60 }, (_, i) => i).join(',') + ';COUNT=999999999',
  'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=1000000000',
  'RRULE:FREQ=DAILY;COUNT=-1',
  'RRULE:FREQ=DAILY;COUNT=1e9',
  'RRULE:FREQ=WEEKLY;BYDAY=' + 'MO,'.repeat(5000) + 'TU',
  'RRULE:FREQ=NEVER;;;==;COUNT',
  'RRULE:',
  'EXDATE:' + Array.from({ length: 10_000 }, (_, i) => `2025${String((i % 12) + 1).padStart(2, '0')}01T100000Z`).join(','),
  'RDATE;VALUE=PERIOD:20250101T000000Z/99991231T235959Z',
];

export const BROKEN_FOLDINGS = [
  // A continuation line before any content line.
  ' BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
  // Folds inside a name, a multi-byte character cut by the fold, tabs, and lines of only whitespace.
  'BEGIN:VCAL\r\n ENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEV\r\n\tENT\r\nUID:a\r\n \r\n \r\nSUMMARY:caf\xc3\r\n \xa9\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
  // Folding with bare CR and bare LF, and a fold right after BEGIN.
  'BEGIN:VCALENDAR\rVERSION:2.0\n PRODID:x\r\n\r\nBEGIN:VEVENT\r\n UID:x\nDTSTART:2025\r\n 0101T000000Z\rEND:VEVENT\n\nEND:VCALENDAR',
  // No line breaks at all, one 1 MB logical line made of folds.
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:x\r\nDESCRIPTION:' + 'x'.repeat(70) + '\r\n x'.repeat(15_000) + '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
  // Unbalanced quotes in parameters, colons in quotes, empty names.
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:x\r\nATTENDEE;CN="a:b;c=d:mailto:x@y\r\n:\r\n;;;:\r\nORGANIZER;CN=";"=;:mailto:\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
];

const withSeq = (ex: Exchange, seq: number): Exchange => ({ ...ex, seq, id: `fuzz-${seq}` });

type Spec = Parameters<typeof exchange>[0] & object;

function body(ex: Exchange, side: 'request' | 'response', b: Body, contentType?: string): Exchange {
  const setType = (h: readonly HeaderPair[]): HeaderPair[] =>
    contentType === undefined ? [...h] : [...h.filter(([n]) => n.toLowerCase() !== 'content-type'), ['Content-Type', contentType]];
  if (side === 'request') return { ...ex, request: { ...ex.request, body: b, headers: setType(ex.request.headers) } };
  if (!ex.response) return ex;
  return { ...ex, response: { ...ex.response, body: b, headers: setType(ex.response.headers) } };
}

export interface HostileCase {
  readonly name: string;
  /** A session: exchanges in seq order, starting at seq `from`. */
  session(rng: Rng, from: number): Exchange[];
}

const xmlReq = (xml: string, method = 'PROPFIND', spec: Spec = {}) => (seq: number) => exchange({ method, path: CALENDAR, headers: { Depth: '1' }, body: xml, status: 207, responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:getetag/>' }] }]), seq, ...spec });
const xmlRes = (xml: string, method = 'PROPFIND', status = 207) => (seq: number): Exchange => {
  const ex = body(propfind({ seq, status }), 'response', bytesBody(textBytes(xml)), 'application/xml; charset=utf-8');
  return { ...ex, request: { ...ex.request, method } };
};
const icalPut = (text: string | Uint8Array, type = 'text/calendar; charset=utf-8') => (seq: number) => body(put({ seq }), 'request', bytesBody(typeof text === 'string' ? textBytes(text) : text), type);
const icalGet = (text: string | Uint8Array, type = 'text/calendar; charset=utf-8') => (seq: number) => body(get({ seq }), 'response', bytesBody(typeof text === 'string' ? textBytes(text) : text), type);
const headers = (side: 'request' | 'response', extra: HeaderPair[], base: (seq: number) => Exchange = (seq) => put({ seq })) => (seq: number): Exchange => {
  const ex = base(seq);
  if (side === 'request') return { ...ex, request: { ...ex.request, headers: [...ex.request.headers, ...extra] } };
  return ex.response ? { ...ex, response: { ...ex.response, headers: [...ex.response.headers, ...extra] } } : ex;
};

/** A session: a normal PUT and PROPFIND first (so session knowledge exists), then the hostile ones. */
function session(...hostile: ((seq: number) => Exchange)[]): HostileCase['session'] {
  return (_rng, from) => [put({ seq: from }), propfind({ seq: from + 1 }), ...hostile.map((h, i) => withSeq(h(from + 2 + i), from + 2 + i))];
}

const binary = (rng: Rng, n: number): Uint8Array => rng.bytes(n);
const invalidUtf8 = (text: string): Uint8Array => {
  const b = textBytes(text);
  const mid = b.length >> 1;
  return concat(b.subarray(0, mid), new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]), b.subarray(mid));
};

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'billion-laughs DOCTYPE in a request and a response', session: session(xmlReq(billionLaughs()), xmlRes(billionLaughs())) },
  { name: 'external entity naming file:///etc/passwd', session: session(xmlReq(XXE_FILE), xmlRes(XXE_FILE), xmlRes(XXE_EXTERNAL_DTD, 'PUT', 403)) },
  { name: 'external entities naming http://127.0.0.1:1/', session: session(xmlReq(XXE_HTTP, 'REPORT'), xmlRes(XXE_HTTP, 'REPORT')) },
  { name: 'XInclude of file:///etc/passwd', session: session(xmlReq(XINCLUDE), xmlRes(XINCLUDE)) },
  { name: 'XML nested 10,000 deep, closed and unclosed', session: session(xmlReq(deepXml(10_000, true)), xmlReq(deepXml(10_000, false)), xmlRes(deepXml(10_000, true))) },
  { name: 'a 1 MB attribute value in a calendar-query', session: session(xmlReq(bigAttribute(MB), 'REPORT'), xmlReq(bigAttribute(MB, '&amp;'), 'REPORT')) },
  { name: 'a 1 MB attribute value in a response', session: session(xmlRes(multistatus([{ href: EVENT, propstats: [{ status: 200, props: `<D:getetag x="${'"'.replace('"', '&quot;').repeat(MB / 6)}"/>` }] }]))) },
  { name: 'a 1 MB href and a 1 MB sync-token', session: session(xmlRes(multistatus([{ href: '/' + 'a'.repeat(MB), status: 200 }], `<D:sync-token>${'t'.repeat(MB)}</D:sync-token>`), 'REPORT')) },
  { name: '10,000 attributes on one element', session: session(xmlReq(manyAttributes(10_000))) },
  { name: '5,000 namespace declarations and 5,000 scoped children', session: session(xmlRes(namespaceFlood(5_000))) },
  { name: 'a multistatus of 10,000 responses', session: session(xmlRes(manyResponses(10_000, false), 'REPORT')) },
  { name: 'a multistatus of 2,000 responses with calendar-data', session: session((seq) => body(report({ seq }), 'response', bytesBody(textBytes(manyResponses(2_000, true))))) },
  {
    name: 'wrong namespaces: CalDAV elements in DAV:, DAV: elements unqualified, a calendar-query in no namespace',
    session: session(
      xmlReq(`<D:calendar-query ${DAV_NS}><D:prop><D:calendar-data/></D:prop><D:filter><D:comp-filter name="VCALENDAR"/></D:filter></D:calendar-query>`, 'REPORT'),
      xmlReq(`<calendar-query><prop><getetag/></prop><filter/></calendar-query>`, 'REPORT'),
      xmlReq(`<C:mkcalendar xmlns:C="DAV:"><C:set><C:prop><C:supported-calendar-component-set/></C:prop></C:set></C:mkcalendar>`, 'MKCALENDAR'),
      xmlRes(`<multistatus xmlns="urn:ietf:params:xml:ns:caldav"><response><href>/a</href></response></multistatus>`),
    ),
  },
  {
    name: 'malformed and truncated XML',
    session: session(
      xmlReq(propfindBody().slice(0, 60)),
      xmlRes(multistatus([{ href: EVENT, status: 200 }]).slice(0, -20)),
      xmlReq('<D:propfind xmlns:D="DAV:"><D:prop><x:y/></D:prop></D:propfind>'),
      xmlReq('<<<>>>&&&;;;<!--<![CDATA[<?'),
      xmlReq('<a xmlns:b=""/>'),
      xmlReq('<a>&#0;&#xD800;&#x110000;&#99999999999999999999;&unknown;</a>'),
    ),
  },
  { name: 'invalid UTF-8 in XML and iCalendar bodies', session: session(xmlReq(''), (seq) => body(propfind({ seq }), 'response', bytesBody(invalidUtf8(multistatus([{ href: EVENT, status: 200 }]))), 'application/xml; charset=utf-8'), icalPut(invalidUtf8(icalEvent())), icalGet(invalidUtf8(icalEvent()), 'text/calendar')) },
  { name: 'odd charsets: UTF-16 with BOM, an unknown label, UTF-7', session: session(icalPut(new Uint8Array([0xff, 0xfe, 0x42, 0, 0x45, 0]), 'text/calendar; charset=utf-16'), icalPut(icalEvent(), 'text/calendar; charset=x-no-such'), xmlRes(multistatus([{ href: EVENT, status: 200 }]).replace('utf-8', 'utf-7'))) },
  ...BROKEN_FOLDINGS.map((text, i) => ({ name: `iCalendar with broken folding #${i + 1}`, session: session(icalPut(text), icalGet(text)) })),
  ...RRULES.map((rule, i) => ({ name: `a hostile recurrence rule #${i + 1} (${rule.slice(0, 40)})`, session: session(icalPut(icalEvent({ extra: [rule] })), icalGet(icalEvent({ extra: [rule, 'RECURRENCE-ID:20250120T100000Z'] }))) })),
  { name: '10,000 VEVENTs in a PUT and a GET', session: session(icalPut(manyEvents(10_000)), icalGet(manyEvents(10_000))) },
  { name: '10,000 overrides of one recurring event (COUNT=1e9, SECONDLY)', session: session(icalPut(manyEvents(10_000, true))) },
  { name: 'VEVENTs nested 10,000 deep', session: session(icalPut(deepIcal(10_000))) },
  { name: 'a 1 MB iCalendar line and 10,000 ATTENDEEs', session: session(icalPut(icalEvent({ extra: ['DESCRIPTION:' + 'x'.repeat(MB)] })), icalPut(icalEvent({ extra: Array.from({ length: 10_000 }, (_, i) => `ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-AGENT=CLIENT:mailto:a${i}@x`), calendarExtra: ['METHOD:REQUEST'] }))) },
  {
    name: 'binary bodies claiming text/calendar and application/xml',
    session: (rng, from) => [
      withSeq(icalPut(binary(rng, 4096))(from), from),
      withSeq(icalGet(binary(rng, 4096))(from + 1), from + 1),
      withSeq(xmlRes(new TextDecoder().decode(binary(rng, 4096)))(from + 2), from + 2),
      withSeq(body(propfind({ seq: from + 3 }), 'request', bytesBody(binary(rng, 4096)), 'application/xml'), from + 3),
      withSeq(icalPut(concat(textBytes('BEGIN:VCALENDAR\r\n'), new Uint8Array(MB)))(from + 4), from + 4),
    ],
  },
  {
    name: 'gzip content-encoding with garbage bytes',
    session: (rng, from) => [
      withSeq(body(get({ seq: from }), 'response', bytesBody(binary(rng, 512), { contentEncoding: 'gzip' })), from),
      withSeq(body(get({ seq: from + 1 }), 'response', bytesBody(binary(rng, 512), { contentEncoding: 'gzip', decoded: binary(rng, 2048) })), from + 1),
      withSeq(body(propfind({ seq: from + 2 }), 'response', bytesBody(new Uint8Array([0x1f, 0x8b, 8, 0]), { contentEncoding: 'gzip, br, x-nonsense', decoded: new Uint8Array() })), from + 2),
      withSeq(body(put({ seq: from + 3 }), 'request', bytesBody(binary(rng, 64), { contentEncoding: 'deflate', truncated: true })), from + 3),
    ],
  },
  {
    name: 'absurd headers: Depth infinity9, quotes inside ETags, 1 MB values, empty names',
    session: session(
      headers('request', [['Depth', 'infinity9'], ['If-Match', '"a"b"c"'], ['If-None-Match', '"*"'], ['Overwrite', 'maybe'], ['Destination', '::::'], ['Prefer', 'return=minimal;;;=,,,'], ['Schedule-Reply', 'x']], (seq) => propfind({ seq })),
      headers('response', [['ETag', '"a"b"'], ['ETag', 'W/""""'], ['Schedule-Tag', '"'], ['DAV', ',,,,'], ['Location', 'http://[::1'], ['WWW-Authenticate', 'Digest realm="a, nonce=, stale=maybe, Basic ,,,']]),
      headers('request', [['Authorization', 'Digest ' + 'username="a",'.repeat(10_000)], ['X-Big', 'v'.repeat(MB)], ['', ''], [' ', '\u0000\r\n']]),
      headers('response', [['Content-Type', ';;;charset=;boundary="'], ['Content-Length', '-1'], ['Retry-After', '1e999']]),
    ),
  },
  { name: '10,000 request and response headers', session: session(headers('request', Array.from({ length: 10_000 }, (_, i): HeaderPair => [i % 2 ? 'Depth' : `X-H${i}`, String(i)])), headers('response', Array.from({ length: 10_000 }, (_, i): HeaderPair => [i % 3 ? 'ETag' : 'DAV', `"${i}"`]))) },
  {
    name: 'status codes 0, 999, 100 and -1',
    session: (_rng, from) => [0, 999, 100, -1, 207].map((status, i) => withSeq(propfind({ seq: from + i, status, statusText: '' }), from + i)),
  },
  {
    name: 'missing responses and transport errors in every phase',
    session: (_rng, from) => {
      const base = put({ seq: from });
      const { response: _r, ...noResponse } = base;
      return [
        withSeq({ ...noResponse, error: { phase: 'connect', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' } }, from),
        withSeq({ ...noResponse, error: { phase: 'request', code: 'EPIPE', message: '' } }, from + 1),
        withSeq({ ...noResponse, error: { phase: 'response', code: 'ECONNRESET', message: 'socket hang up' } }, from + 2),
        withSeq(noResponse as Exchange, from + 3),
        withSeq({ ...base, error: { phase: 'response', code: 'CLIENT_ABORTED', message: 'aborted' } }, from + 4),
      ];
    },
  },
  {
    name: 'unavailable and truncated bodies',
    session: session(
      (seq) => body(put({ seq }), 'request', { kind: 'unavailable', reason: 'aborted' }),
      (seq) => body(get({ seq }), 'response', { kind: 'unavailable', reason: 'evicted', size: 1e12 }),
      (seq) => body(report({ seq }), 'response', bytesBody(textBytes(manyResponses(20, false)).subarray(0, 300), { truncated: true })),
    ),
  },
  {
    name: 'hostile request targets',
    session: (_rng, from) =>
      ['*', '', '//a//../..//b/./', '/%zz%', 'http://127.0.0.1:1/x', '/' + 'a/'.repeat(50_000), '/a?b#c', '/\u0000\uffff\ud800'].map((target, i) => withSeq({ ...get({ seq: from + i }), request: { ...get({ seq: from + i }).request, target } }, from + i)),
  },
  {
    name: 'redirect and auth loops with hostile headers',
    session: (_rng, from) =>
      Array.from({ length: 8 }, (_, i) =>
        withSeq(
          exchange({ method: 'PROPFIND', path: '/', seq: from + i, status: i % 2 ? 401 : 301, headers: { Authorization: 'Basic ' + '='.repeat(i) }, responseHeaders: i % 2 ? { 'WWW-Authenticate': 'Basic realm="' + 'r'.repeat(i * 1000) } : { Location: `${HOST}${'/.'.repeat(i)}` } }),
          from + i,
        ),
      ),
  },
];
