// The exchange factories of every test (rules, lint, the store, the UI): one host, one principal
// (alice), one calendar, a fixed clock, and realistic default answers (Radicale-like unless a test
// says otherwise). Tests that need bytes a factory would not make (a recording's raw forms, a
// hostile file) write them out, and say why.
import type { Body, Exchange, Finding, HeaderList, HeaderPair } from '../../rules/model/exchange.ts';

export const HOST = 'http://127.0.0.1:5232';
export const PRINCIPAL = '/alice/';
export const CALENDAR = '/alice/calendar/';
export const EVENT = '/alice/calendar/event-1.ics';
export const CLOCK = Date.UTC(2025, 0, 15, 9, 0, 0);

export const DAV_NS = 'xmlns:D="DAV:"';
export const CAL_NS = 'xmlns:C="urn:ietf:params:xml:ns:caldav"';

const encoder = new TextEncoder();
let nextSeq = 1;

export function textBody(text: string | undefined): Body {
  if (text === undefined) return { kind: 'none' };
  const bytes = encoder.encode(text);
  return { kind: 'captured', bytes, size: bytes.length, truncated: false };
}

export type Headers = HeaderList | Record<string, string>;

function headerList(h: Headers | undefined): HeaderPair[] {
  if (!h) return [];
  return Array.isArray(h) ? [...(h as HeaderList)] : Object.entries(h as Record<string, string>);
}

export interface ExchangeSpec {
  method?: string;
  path?: string;
  /** Request headers; the factory adds Host, User-Agent and a Content-Type matching the body unless given. */
  headers?: Headers;
  body?: string;
  /** Request body as a Body, when text is not enough (truncated, unavailable). */
  requestBody?: Body;
  status?: number;
  statusText?: string;
  responseHeaders?: Headers;
  responseBody?: string;
  responseBodyRaw?: Body;
  /** No response at all (a transport error instead). */
  noResponse?: boolean;
  seq?: number;
  /** The exchange id (default ex-SEQ). */
  id?: string;
  /** Raw header list for the request, taken as is. */
  rawHeaders?: HeaderList;
  /** Raw header list for the response, taken as is (no Content-Type added). */
  rawResponseHeaders?: HeaderList;
  /** Findings already attached, as an analysed exchange has them. */
  findings?: Finding[];
  /** When the request started (default: the fixed clock plus a second per seq). */
  startedAt?: number;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 207: 'Multi-Status', 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 412: 'Precondition Failed', 415: 'Unsupported Media Type', 423: 'Locked', 500: 'Internal Server Error', 507: 'Insufficient Storage',
};

function withDefault(list: HeaderPair[], name: string, value: string | undefined): HeaderPair[] {
  if (value === undefined || list.some(([n]) => n.toLowerCase() === name.toLowerCase())) return list;
  return [...list, [name, value]];
}

function guessType(body: string | undefined): string | undefined {
  if (body === undefined || body === '') return undefined;
  if (/^\s*BEGIN:VCALENDAR/.test(body)) return 'text/calendar; charset=utf-8';
  if (/^\s*</.test(body)) return 'application/xml; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/** Any exchange; every other factory builds on this one. */
export function exchange(spec: ExchangeSpec = {}): Exchange {
  const method = spec.method ?? 'GET';
  const path = spec.path ?? EVENT;
  const seq = spec.seq ?? nextSeq++;
  let reqHeaders = spec.rawHeaders ? [...spec.rawHeaders] : headerList(spec.headers);
  if (!spec.rawHeaders) {
    reqHeaders = withDefault(reqHeaders, 'Host', '127.0.0.1:5232');
    reqHeaders = withDefault(reqHeaders, 'User-Agent', 'davscope-test/1.0');
    reqHeaders = withDefault(reqHeaders, 'Content-Type', guessType(spec.body));
  }
  const status = spec.status ?? 200;
  let resHeaders = spec.rawResponseHeaders ? [...spec.rawResponseHeaders] : headerList(spec.responseHeaders);
  if (!spec.rawResponseHeaders) resHeaders = withDefault(resHeaders, 'Content-Type', guessType(spec.responseBody));
  return {
    id: spec.id ?? `ex-${seq}`,
    seq,
    source: 'live',
    upstream: HOST,
    request: {
      method,
      target: path,
      httpVersion: '1.1',
      headers: reqHeaders,
      body: spec.requestBody ?? textBody(spec.body),
    },
    ...(spec.noResponse
      ? { error: { phase: 'connect' as const, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5232' } }
      : {
          response: {
            status,
            statusText: spec.statusText ?? REASONS[status] ?? '',
            httpVersion: '1.0',
            headers: resHeaders,
            body: spec.responseBodyRaw ?? textBody(spec.responseBody),
          },
        }),
    timings: { startedAt: spec.startedAt ?? CLOCK + seq * 1000, requestEnd: 1, responseStart: 5, end: 6 },
    findings: spec.findings ?? [],
  };
}

// ---------- bodies ----------

export interface EventOptions {
  uid?: string;
  /** Lines added inside the VEVENT. */
  extra?: string[];
  /** Lines added to the VCALENDAR before the VEVENT. */
  calendarExtra?: string[];
  component?: string;
  dtstart?: string;
  dtend?: string | null;
  eol?: string;
}

/** A valid iCalendar object with one VEVENT (CRLF line endings). */
export function icalEvent(o: EventOptions = {}): string {
  const comp = o.component ?? 'VEVENT';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//davscope//tests//EN',
    ...(o.calendarExtra ?? []),
    `BEGIN:${comp}`,
    `UID:${o.uid ?? 'event-1@example.com'}`,
    'DTSTAMP:20250115T090000Z',
    `DTSTART:${o.dtstart ?? '20250120T100000Z'}`,
    ...(o.dtend === null ? [] : [`DTEND:${o.dtend ?? '20250120T110000Z'}`]),
    'SUMMARY:Planning',
    ...(o.extra ?? []),
    `END:${comp}`,
    'END:VCALENDAR',
  ];
  const eol = o.eol ?? '\r\n';
  return lines.join(eol) + eol;
}

/** An iCalendar text from explicit lines (CRLF). */
export function ical(...lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

export interface MsResponse {
  href: string;
  status?: number;
  /** propstats: status plus raw XML of the properties (with D: and C: prefixes available). */
  propstats?: { status: number; props: string; error?: string; description?: string }[];
  error?: string;
  description?: string;
}

const line = (status: number): string => `HTTP/1.1 ${status} ${REASONS[status] ?? ''}`.trimEnd();

/** A D:multistatus body with D:, C: and CS: prefixes declared. */
export function multistatus(responses: MsResponse[], extra = ''): string {
  const body = responses
    .map((r) => {
      const ps = (r.propstats ?? [])
        .map(
          (p) =>
            `<D:propstat><D:prop>${p.props}</D:prop><D:status>${line(p.status)}</D:status>${p.error ? `<D:error>${p.error}</D:error>` : ''}${p.description ? `<D:responsedescription>${p.description}</D:responsedescription>` : ''}</D:propstat>`,
        )
        .join('');
      return `<D:response><D:href>${r.href}</D:href>${r.status ? `<D:status>${line(r.status)}</D:status>` : ''}${ps}${r.error ? `<D:error>${r.error}</D:error>` : ''}${r.description ? `<D:responsedescription>${r.description}</D:responsedescription>` : ''}</D:response>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus ${DAV_NS} ${CAL_NS} xmlns:CS="http://calendarserver.org/ns/">${body}${extra}</D:multistatus>`;
}

/** A D:error body holding the given elements (D:, C:, CS: and S: prefixes declared). */
export function davError(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:error ${DAV_NS} ${CAL_NS} xmlns:CS="http://calendarserver.org/ns/" xmlns:S="http://sabredav.org/ns">${inner}</D:error>`;
}

export function mkcalendarBody(props = '<D:displayname>Work</D:displayname>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar ${DAV_NS} ${CAL_NS}><D:set><D:prop>${props}</D:prop></D:set></C:mkcalendar>`;
}

export function propfindBody(props = '<D:resourcetype/><D:getetag/>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:propfind ${DAV_NS} ${CAL_NS} xmlns:CS="http://calendarserver.org/ns/"><D:prop>${props}</D:prop></D:propfind>`;
}

export function calendarQueryBody(filter = '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250101T000000Z" end="20250201T000000Z"/></C:comp-filter></C:comp-filter>', props = '<D:getetag/>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<C:calendar-query ${DAV_NS} ${CAL_NS}><D:prop>${props}</D:prop><C:filter>${filter}</C:filter></C:calendar-query>`;
}

export function multigetBody(hrefs: string[], props = '<D:getetag/><C:calendar-data/>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<C:calendar-multiget ${DAV_NS} ${CAL_NS}><D:prop>${props}</D:prop>${hrefs.map((h) => `<D:href>${h}</D:href>`).join('')}</C:calendar-multiget>`;
}

export function syncCollectionBody(token = '', level = '1', extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:sync-collection ${DAV_NS}><D:sync-token>${token}</D:sync-token><D:sync-level>${level}</D:sync-level>${extra}<D:prop><D:getetag/></D:prop></D:sync-collection>`;
}

// ---------- method factories ----------

type Partial2 = Omit<ExchangeSpec, 'method'>;

export function put(spec: Partial2 = {}): Exchange {
  return exchange({ path: EVENT, headers: { 'If-None-Match': '*' }, body: icalEvent(), status: 201, responseHeaders: { ETag: '"e1"' }, ...spec, method: 'PUT' });
}

export function get(spec: Partial2 = {}): Exchange {
  return exchange({
    path: EVENT,
    status: 200,
    responseBody: icalEvent(),
    responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8', ETag: '"e1"' },
    ...spec,
    method: 'GET',
  });
}

export function del(spec: Partial2 = {}): Exchange {
  return exchange({ path: EVENT, status: 204, headers: { 'If-Match': '"e1"' }, ...spec, method: 'DELETE' });
}

export function mkcalendar(spec: Partial2 = {}): Exchange {
  return exchange({ path: '/alice/work/', body: mkcalendarBody(), status: 201, ...spec, method: 'MKCALENDAR' });
}

export function mkcol(spec: Partial2 = {}): Exchange {
  return exchange({ path: '/alice/stuff/', status: 201, ...spec, method: 'MKCOL' });
}

export function propfind(spec: Partial2 = {}): Exchange {
  return exchange({
    path: CALENDAR,
    headers: { Depth: '1' },
    body: propfindBody(),
    status: 207,
    responseBody: multistatus([
      { href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:getetag/>' }] },
      { href: EVENT, propstats: [{ status: 200, props: '<D:resourcetype/><D:getetag>"e1"</D:getetag>' }] },
    ]),
    ...spec,
    method: 'PROPFIND',
  });
}

export function proppatch(spec: Partial2 = {}): Exchange {
  return exchange({
    path: CALENDAR,
    body: `<?xml version="1.0" encoding="utf-8"?>\n<D:propertyupdate ${DAV_NS}><D:set><D:prop><D:displayname>Home</D:displayname></D:prop></D:set></D:propertyupdate>`,
    status: 207,
    responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:displayname/>' }] }]),
    ...spec,
    method: 'PROPPATCH',
  });
}

export function report(spec: Partial2 = {}): Exchange {
  return exchange({
    path: CALENDAR,
    headers: { Depth: '1' },
    body: calendarQueryBody(),
    status: 207,
    responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }]),
    ...spec,
    method: 'REPORT',
  });
}

export function options(spec: Partial2 = {}): Exchange {
  return exchange({
    path: CALENDAR,
    status: 200,
    responseHeaders: { DAV: '1, 2, 3, calendar-access, extended-mkcol', Allow: 'DELETE, GET, HEAD, MKCALENDAR, MKCOL, MOVE, OPTIONS, PROPFIND, PROPPATCH, PUT, REPORT' },
    ...spec,
    method: 'OPTIONS',
  });
}

export function move(spec: Partial2 = {}): Exchange {
  return exchange({ path: EVENT, headers: { Destination: `${HOST}/alice/calendar/event-2.ics`, Overwrite: 'F' }, status: 201, ...spec, method: 'MOVE' });
}

export function copy(spec: Partial2 = {}): Exchange {
  return exchange({ path: EVENT, headers: { Destination: `${HOST}/alice/calendar/event-2.ics`, Overwrite: 'F' }, status: 201, ...spec, method: 'COPY' });
}

export function post(spec: Partial2 = {}): Exchange {
  return exchange({ path: '/alice/outbox/', status: 200, ...spec, method: 'POST' });
}
