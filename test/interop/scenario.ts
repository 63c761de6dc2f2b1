// The interop scenario: the classic traps (MKCALENDAR without the slash, If-None-Match: * on an
// existing href, a duplicate UID, a sync with an unknown token, a non-UTC time-range, a multiget
// naming a missing href, a free-busy query) and the demo's seed mistakes, sent through the real
// davscope (--record) in front of real Radicale. make-traps.ts writes the recording davscope ships
// (proxy/interop/caldav-traps.jsonl, what `davscope interop` sends when given no FILE).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';

const CAL = '/user/calendar';
/** The scenario's user; the recording redacts the credentials, so interop gets them with --auth. */
export const USERS = { user: 'interop-secret' };
const AUTH = { Authorization: 'Basic ' + Buffer.from('user:interop-secret').toString('base64') };

function event(uid: string, summary: string): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//davscope//interop test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T090000Z', 'DTSTART:20260110T100000Z', 'DTEND:20260110T110000Z', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

const XML = { 'Content-Type': 'application/xml; charset=utf-8' };
const ICS = { 'Content-Type': 'text/calendar; charset=utf-8' };

/** The scenario's requests, in order: [method, path, headers, body]. */
export const SCENARIO: readonly [string, string, Record<string, string>, string?][] = [
  ['OPTIONS', '/', {}],
  // Radicale makes the principal's collection on the user's first request to it.
  ['PROPFIND', '/user/', { ...XML, Depth: '0' }, '<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/><D:resourcetype/></D:prop></D:propfind>'],
  ['MKCALENDAR', CAL, {}],
  ['PUT', `${CAL}/one.ics`, { ...ICS, 'If-None-Match': '*' }, event('interop-one', 'First')],
  ['PUT', `${CAL}/one.ics`, { ...ICS, 'If-None-Match': '*' }, event('interop-one', 'First again')],
  ['PUT', `${CAL}/dup.ics`, { ...ICS, 'If-None-Match': '*' }, event('interop-one', 'Same UID, other href')],
  ['GET', `${CAL}/one.ics`, {}],
  ['REPORT', `${CAL}/`, { ...XML, Depth: '1' }, '<?xml version="1.0" encoding="utf-8"?>\n<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>'],
  ['REPORT', `${CAL}/`, { ...XML }, '<?xml version="1.0" encoding="utf-8"?>\n<D:sync-collection xmlns:D="DAV:"><D:sync-token>http://example.com/ns/sync/unknown-token</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>'],
  ['REPORT', `${CAL}/`, { ...XML, Depth: '1' }, '<?xml version="1.0" encoding="utf-8"?>\n<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20260101T000000" end="20260201T000000"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>'],
  ['REPORT', `${CAL}/`, { ...XML, Depth: '1' }, `<?xml version="1.0" encoding="utf-8"?>\n<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>${CAL}/one.ics</D:href><D:href>${CAL}/missing.ics</D:href></C:calendar-multiget>`],
  ['REPORT', `${CAL}/`, { ...XML, Depth: '1' }, '<?xml version="1.0" encoding="utf-8"?>\n<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20260101T000000Z" end="20260201T000000Z"/></C:free-busy-query>'],
  ['PROPFIND', `${CAL}/`, { ...XML, Depth: '1' }, '<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>'],
  // The demo's seed mistakes: a create without If-None-Match, a broken iCalendar body, a DELETE without If-Match.
  ['PUT', `${CAL}/two.ics`, { ...ICS }, event('interop-two', 'Created blindly')],
  ['PUT', `${CAL}/broken.ics`, { ...ICS }, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:interop-broken\r\nSUMMARY:never closed\r\n'],
  ['DELETE', `${CAL}/two.ics`, {}],
];

/** Sends SCENARIO to a server (or davscope in front of one) as the scenario's user. */
export async function sendScenario(url: string): Promise<void> {
  for (const [method, path, headers, body] of SCENARIO) {
    await request(url, { method, path, headers: { ...AUTH, ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) }, ...(body !== undefined ? { body } : {}) });
  }
}

/** Records SCENARIO through davscope --record in front of a fresh Radicale; returns the file. */
export async function recordScenario(): Promise<string> {
  const radicale = await startRadicale({ users: USERS });
  const file = join(mkdtempSync(join(tmpdir(), 'davscope-interop-')), 'scenario.jsonl');
  const proxy = await startDavscopeProcess(radicale.url, ['--quiet', '--record', file]);
  try {
    await sendScenario(proxy.proxyUrl);
    await proxy.waitForExchanges(SCENARIO.length);
  } finally {
    await proxy.stop();
    await radicale.stop();
  }
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  if (lines.length !== SCENARIO.length + 1) throw new Error(`the recording holds ${lines.length - 1} exchanges, not ${SCENARIO.length}`);
  return file;
}
