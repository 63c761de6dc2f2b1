// Rule tests: a 5xx where the RFCs name the 4xx and the precondition (an unknown sync token, a taken URL,
// a duplicate UID, a body that does not parse, a non-UTC time-range); a 5xx to an ordinary request, or the right 4xx, passes.
import rule from '../../../rules/webdav/server-error-for-precondition.ts';
import { run } from '../tester.ts';
import { CALENDAR, calendarQueryBody, davError, exchange, icalEvent, mkcalendar, propfind, put, report, syncCollectionBody } from '../factories.ts';

const issued = report({ seq: 1, headers: { Depth: '0' }, body: syncCollectionBody(''), status: 207, responseBody: '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:sync-token>http://x/sync/1</D:sync-token></D:multistatus>' });
const sync = (token: string, status: number) => report({ seq: 2, headers: { Depth: '0' }, body: syncCollectionBody(token), status, responseBody: '' });
const localRange = calendarQueryBody('<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250101T000000" end="20250201T000000Z"/></C:comp-filter></C:comp-filter>');
const other = '/alice/calendar/other.ics';
const broken = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:broken\r\n';
const putBroken = (status: number) => exchange({ method: 'PUT', path: other, headers: { 'Content-Type': 'text/calendar' }, body: broken, status });

run(rule, {
  valid: [
    { name: 'an unknown sync token refused 403 with DAV:valid-sync-token', history: [issued], exchange: report({ seq: 2, headers: { Depth: '0' }, body: syncCollectionBody('http://x/sync/0'), status: 403, responseBody: davError('<D:valid-sync-token/>') }) },
    { name: 'a 500 to a sync with a token the server issued (its own failure, nothing the RFC names)', history: [issued], exchange: sync('http://x/sync/1', 500) },
    { name: 'a 500 to an initial sync', exchange: sync('', 500) },
    { name: 'a 500 to an ordinary PROPFIND', exchange: propfind({ status: 500, responseBody: '' }) },
    { name: 'a 503 to a calendar-query with UTC times', exchange: report({ status: 503, responseBody: '' }) },
    { name: 'an iCalendar body that does not parse, refused 400 (Radicale)', exchange: putBroken(400) },
    { name: 'a 500 to a PUT of a well-formed new event (nothing the RFC names)', exchange: exchange({ method: 'PUT', path: other, headers: { 'Content-Type': 'text/calendar' }, body: icalEvent({ uid: 'fresh' }), status: 500 }) },
  ],
  invalid: [
    {
      name: 'a sync token the collection never issued, answered 500',
      history: [issued],
      exchange: sync('http://x/sync/0', 500),
      findings: [{ messageId: 'server-error', data: { status: 500, precondition: 'DAV:valid-sync-token', expected: '403 or 409', path: CALENDAR }, location: { side: 'response' } }],
    },
    {
      name: 'a calendar-query with a floating start, answered 500',
      exchange: report({ body: localRange, status: 500, responseBody: '' }),
      findings: [{ messageId: 'server-error', data: { precondition: 'CALDAV:valid-filter', what: 'start="20250101T000000" is not UTC' } }],
    },
    {
      name: 'a MKCALENDAR on a calendar the session listed, answered 500',
      history: [propfind({ path: '/alice/work/', responseBody: '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:response><D:href>/alice/work/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>' })],
      exchange: mkcalendar({ status: 500 }),
      findings: [{ messageId: 'server-error', data: { precondition: 'DAV:resource-must-be-null' } }],
    },
    {
      name: 'a PUT creating a UID another object holds, answered 500',
      history: [put({ seq: 1, status: 201 })],
      exchange: exchange({ seq: 2, method: 'PUT', path: other, headers: { 'If-None-Match': '*' }, body: icalEvent(), status: 500 }),
      findings: [{ messageId: 'server-error', data: { precondition: 'CALDAV:no-uid-conflict', what: 'UID event-1@example.com is held by /alice/calendar/event-1.ics' } }],
    },
    {
      name: 'a PUT whose iCalendar body does not parse, answered 500 (DAViCal 1.1)',
      exchange: putBroken(500),
      findings: [{ messageId: 'server-error', data: { precondition: 'CALDAV:valid-calendar-data', what: 'the iCalendar body does not parse', expected: '403 or 409' } }],
    },
  ],
});
