// Writes test/corpus/sabre-dav-4.jsonl: the answers a sabre/dav 4 server (Nextcloud, Baïkal) gives a
// CalDAV client, built from sabre/dav's source (lib/DAV/Server.php writes every exception as a
// DAV:error holding S:sabredav-version, S:exception and S:message, plus the standard element the
// exception stands for; lib/DAV/Exception/*.php, lib/CalDAV/Plugin.php, lib/DAV/Sync/Plugin.php), since
// no sabre/dav server runs in the test bed. Usage: npx tsx test/corpus/make-sabre-fixtures.ts
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import type { Exchange, HeaderList } from '../../rules/model/exchange.ts';
import { CORPUS_DIR } from './record-corpus.ts';

const UPSTREAM = 'https://cloud.example.com/remote.php/dav/';
const HOME = '/remote.php/dav/calendars/alice/';
const CAL = `${HOME}personal/`;
const XML = 'application/xml; charset=utf-8';
const AUTH: [string, string] = ['Authorization', 'Basic [redacted]'];

function sabreError(exception: string, message: string, extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n  <s:sabredav-version>4.6.0</s:sabredav-version>\n  <s:exception>${exception}</s:exception>\n  <s:message>${message}</s:message>\n${extra}</d:error>\n`;
}

function event(uid: string, extra: string[] = []): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example Corp.//CalDAV Client//EN', ...extra, 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250115T090000Z', 'DTSTART:20250120T100000Z', 'DTEND:20250120T110000Z', 'SUMMARY:Planning', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

let seq = 0;
function ex(method: string, target: string, reqHeaders: HeaderList, reqBody: string | undefined, status: number, statusText: string, resHeaders: HeaderList, resBody: string | undefined): Exchange {
  seq++;
  const body = (text: string | undefined) => {
    if (text === undefined) return { kind: 'none' as const };
    const bytes = new TextEncoder().encode(text);
    return { kind: 'captured' as const, bytes, size: bytes.length, truncated: false };
  };
  return {
    id: String(seq),
    seq,
    source: 'live',
    upstream: UPSTREAM,
    // As davscope records it: the client talks to the proxy on loopback, which forwards over HTTPS.
    request: { method, target, httpVersion: '1.1', headers: [['Host', '127.0.0.1:8088'], ['User-Agent', 'DAVx5/4.4 (fixture)'], ...reqHeaders], body: body(reqBody) },
    response: { status, statusText, httpVersion: '1.1', headers: [['Server', 'Apache'], ...resHeaders, ...(resBody !== undefined ? [['Content-Length', String(new TextEncoder().encode(resBody).length)] as [string, string]] : [])], body: body(resBody) },
    timings: { startedAt: Date.UTC(2025, 0, 15, 9, 0, seq), requestEnd: 1, responseStart: 20, end: 21 },
    findings: [],
  };
}

const propfind = '<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>';
const multistatusPrincipal = `<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:response><d:href>/remote.php/dav/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/remote.php/dav/principals/users/alice/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>\n`;
const ctags = `<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"><d:response><d:href>${CAL}</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><cs:getctag>http://sabre.io/ns/sync/7</cs:getctag><d:sync-token>http://sabre.io/ns/sync/7</d:sync-token></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>${CAL}planning.ics</d:href><d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;5f2b8c1e9a04&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>\n`;
const sync = (token: string) => `<?xml version="1.0" encoding="utf-8"?>\n<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
const query = '<?xml version="1.0" encoding="utf-8"?>\n<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="20250101T000000Z" end="20250201T000000Z"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>';
const mkcalendar = '<?xml version="1.0" encoding="utf-8"?>\n<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>Personal</d:displayname></d:prop></d:set></c:mkcalendar>';
const xmlReq: HeaderList = [['Accept', 'application/xml, text/xml'], ['Content-Type', XML]];
const ics: HeaderList = [['Content-Type', 'text/calendar; charset=utf-8']];
const xmlRes: HeaderList = [['Content-Type', XML]];

const exchanges: Exchange[] = [
  // 0: the first request of any client goes without credentials; sabre challenges with its exception body.
  ex('PROPFIND', '/remote.php/dav/', [['Depth', '0'], ...xmlReq], propfind, 401, 'Unauthorized', [['WWW-Authenticate', 'Basic realm="Nextcloud", charset="UTF-8"'], ...xmlRes], sabreError('Sabre\\DAV\\Exception\\NotAuthenticated', "No public access to this resource., No 'Authorization: Bearer' header found. Either the client didn't send one, or the server is mis-configured, Username or password was incorrect")),
  // 1: the same with credentials.
  ex('PROPFIND', '/remote.php/dav/', [AUTH, ['Depth', '0'], ...xmlReq], propfind, 207, 'Multi-Status', xmlRes, multistatusPrincipal),
  // 2: the calendar and its members.
  ex('PROPFIND', CAL, [AUTH, ['Depth', '1'], ...xmlReq], '<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:resourcetype/><cs:getctag/><d:sync-token/><d:getetag/></d:prop></d:propfind>', 207, 'Multi-Status', xmlRes, ctags),
  // 3: a plain 404 (lib/CalDAV/Calendar.php getChild).
  ex('GET', `${CAL}gone.ics`, [AUTH], undefined, 404, 'Not Found', xmlRes, sabreError('Sabre\\DAV\\Exception\\NotFound', 'Calendar object not found')),
  // 4: a PUT carrying METHOD (lib/CalDAV/Plugin.php validateICalendar).
  ex('PUT', `${CAL}invite.ics`, [AUTH, ['If-None-Match', '*'], ...ics], event('invite@example.com', ['METHOD:REQUEST']), 415, 'Unsupported Media Type', xmlRes, sabreError('Sabre\\DAV\\Exception\\UnsupportedMediaType', 'A calendar object on a CalDAV server MUST NOT have a METHOD property')),
  // 5: an update with a stale ETag (lib/DAV/Server.php checkPreconditions).
  ex('PUT', `${CAL}planning.ics`, [AUTH, ['If-Match', '"0000stale"'], ...ics], event('planning@example.com'), 412, 'Precondition Failed', xmlRes, sabreError('Sabre\\DAV\\Exception\\PreconditionFailed', 'An If-Match header was specified, but none of the specified ETags matched.', '  <s:header>If-Match</s:header>\n')),
  // 6: the same update with the current ETag; sabre answers 204 with the new ETag.
  ex('PUT', `${CAL}planning.ics`, [AUTH, ['If-Match', '"5f2b8c1e9a04"'], ...ics], event('planning@example.com'), 204, 'No Content', [['ETag', '"7a11e0c2b3d9"']], undefined),
  // 7: a sync with a token sabre no longer knows (lib/DAV/Sync/Plugin.php; InvalidSyncToken writes DAV:valid-sync-token).
  ex('REPORT', CAL, [AUTH, ['Depth', '0'], ...xmlReq], sync('http://sabre.io/ns/sync/3'), 403, 'Forbidden', xmlRes, sabreError('Sabre\\DAV\\Exception\\InvalidSyncToken', 'Invalid or unknown sync token', '  <d:valid-sync-token/>\n')),
  // 8: a calendar-query with Depth: 0 (lib/CalDAV/Plugin.php calendarQueryReport).
  ex('REPORT', CAL, [AUTH, ['Depth', '0'], ...xmlReq], query, 400, 'Bad Request', xmlRes, sabreError('Sabre\\DAV\\Exception\\BadRequest', 'A calendar-query REPORT on a calendar with a Depth: 0 is undefined. Set Depth to 1')),
  // 9: MKCALENDAR where the calendar exists (lib/CalDAV/Plugin.php httpMkCalendar via CorePlugin).
  ex('MKCALENDAR', CAL, [AUTH, ...xmlReq], mkcalendar, 405, 'Method Not Allowed', [['Allow', 'OPTIONS, GET, HEAD, DELETE, PROPFIND, PUT, PROPPATCH, COPY, MOVE, REPORT'], ...xmlRes], sabreError('Sabre\\DAV\\Exception\\MethodNotAllowed', 'The resource you tried to create already exists')),
  // 10: a PUT creating a second object with a UID the calendar holds (Nextcloud's CalDavBackend).
  ex('PUT', `${CAL}planning-copy.ics`, [AUTH, ['If-None-Match', '*'], ...ics], event('planning@example.com'), 400, 'Bad Request', xmlRes, sabreError('Sabre\\DAV\\Exception\\BadRequest', 'Calendar object with uid already exists in this calendar collection.')),
  // 11: writing into a calendar shared read-only (lib/DAVACL/Exception/NeedPrivileges.php).
  ex('PUT', '/remote.php/dav/calendars/alice/bob_shared_by_bob/new.ics', [AUTH, ['If-None-Match', '*'], ...ics], event('new@example.com'), 403, 'Forbidden', xmlRes, sabreError('Sabre\\DAVACL\\Exception\\NeedPrivileges', 'User did not have the required privileges ({DAV:}write-content) for path "calendars/alice/bob_shared_by_bob/new.ics"', '  <d:need-privileges>\n    <d:resource>\n      <d:href>/remote.php/dav/calendars/alice/bob_shared_by_bob/new.ics</d:href>\n      <d:privilege><d:write-content/></d:privilege>\n    </d:resource>\n  </d:need-privileges>\n')),
];

const path = join(CORPUS_DIR, 'sabre-dav-4.jsonl');
rmSync(path, { force: true });
const writer = await RecordingWriter.open(path, { upstream: UPSTREAM, davscope: '0.1.0', redact: true });
for (const e of exchanges) void writer.append(e);
await writer.close();
console.log(`wrote ${path}: ${exchanges.length} exchanges`);
