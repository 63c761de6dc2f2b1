// Rule tests: DAV:error preconditions decoded by element name, with severity by status and expectation.
import rule from '../../../rules/webdav/precondition-error.ts';
import { run } from '../tester.ts';
import { davError, exchange, mkcalendar, multistatus, put, report, syncCollectionBody, get } from '../factories.ts';

const radicaleTaken = '<?xml version="1.0" encoding="utf-8"?>\n<error xmlns="DAV:"><resource-must-be-null /></error>';

run(rule, {
  valid: [
    {
      name: 'a sabre 415 with only its exception and message: the server\'s message, not a precondition (webdav/server-exception shows it)',
      exchange: put({
        status: 415,
        responseBody: davError('<S:sabredav-version>4.6.0</S:sabredav-version><S:exception>Sabre\\DAV\\Exception\\UnsupportedMediaType</S:exception><S:message>A calendar object on a CalDAV server MUST NOT have a METHOD property</S:message>'),
      }),
    },
    { name: 'a 201 to MKCALENDAR with an empty body', exchange: mkcalendar() },
    { name: 'a plain-text 409 without a DAV:error body', exchange: put({ status: 409, responseBody: 'Conflict in the request.' }) },
    { name: 'a 207 without any D:error', exchange: report() },
    { name: 'a 200 GET', exchange: get() },
  ],
  invalid: [
    {
      name: 'Radicale answering MKCALENDAR 409 with a default-namespace resource-must-be-null',
      exchange: mkcalendar({ status: 409, responseBody: radicaleTaken, responseHeaders: { 'Content-Type': 'text/xml; charset=utf-8' } }),
      findings: [{ messageId: 'known', severity: 'error', data: { name: 'DAV:resource-must-be-null', status: 409, method: 'MKCALENDAR' }, location: { xmlElement: '{DAV:}resource-must-be-null' } }],
    },
    {
      name: 'a 403 MKCALENDAR with calendar-collection-location-ok and a Cyrus description',
      exchange: mkcalendar({
        path: '/alice/calendar/nested/',
        status: 403,
        responseBody: davError('<C:calendar-collection-location-ok/><D:responsedescription>Calendars may not nest</D:responsedescription>'),
      }),
      findings: [{ messageId: 'known', severity: 'error', data: { name: 'CALDAV:calendar-collection-location-ok' }, explanation: /Calendars may not nest/ }],
    },
    {
      name: 'a PUT refused with valid-calendar-data',
      exchange: put({ status: 403, responseBody: davError('<C:valid-calendar-data/>') }),
      findings: [{ messageId: 'known', severity: 'error', data: { name: 'CALDAV:valid-calendar-data' } }],
    },
    {
      name: 'an expired sync token (an expected failure)',
      exchange: report({ body: syncCollectionBody('http://127.0.0.1:5232/sync/old'), headers: { Depth: '0' }, status: 403, responseBody: davError('<D:valid-sync-token/>') }),
      findings: [{ messageId: 'known', severity: 'info', data: { name: 'DAV:valid-sync-token' } }],
    },
    {
      name: 'an Apple CalendarServer element',
      exchange: put({ status: 403, responseBody: davError('<CS:max-collections/>') }),
      findings: [{ messageId: 'known', data: { name: 'CS:max-collections' } }],
    },
    {
      name: 'an element no table knows',
      exchange: put({ status: 403, responseBody: davError('<X:quota-exhausted xmlns:X="urn:example:vendor"/>') }),
      findings: [{ messageId: 'unknown', severity: 'error', data: { name: '{urn:example:vendor}quota-exhausted' } }],
    },
    {
      name: 'a sabre need-privileges with exception details',
      exchange: put({
        status: 403,
        responseBody: davError('<D:need-privileges><D:resource><D:href>/alice/calendar/</D:href><D:privilege><D:bind/></D:privilege></D:resource></D:need-privileges><S:exception>Sabre\\DAVACL\\Exception\\NeedPrivileges</S:exception><S:message>User did not have the required privileges (bind)</S:message>'),
      }),
      findings: [{ messageId: 'known', data: { name: 'DAV:need-privileges' }, explanation: /required privileges/ }],
    },
    {
      name: 'a D:error inside a 207 propstat',
      exchange: exchange({
        method: 'PROPPATCH',
        path: '/alice/calendar/',
        body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:getetag>x</D:getetag></D:prop></D:set></D:propertyupdate>',
        status: 207,
        responseBody: multistatus([{ href: '/alice/calendar/', propstats: [{ status: 403, props: '<D:getetag/>', error: '<D:cannot-modify-protected-property/>' }] }]),
      }),
      findings: [{ messageId: 'known', severity: 'error', data: { name: 'DAV:cannot-modify-protected-property', status: 403 } }],
    },
  ],
});
