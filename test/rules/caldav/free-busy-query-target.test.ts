// Rule tests: free-busy-query on objects, and its 404.
import rule from '../../../rules/caldav/free-busy-query-target.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, report } from '../factories.ts';

const fb = '<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20250101T000000Z" end="20250102T000000Z"/></C:free-busy-query>';

run(rule, {
  valid: [{ name: 'a free-busy-query on a calendar', exchange: report({ path: CALENDAR, body: fb, status: 200, responseBody: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }) }],
  invalid: [
    { name: 'a free-busy-query on an event', exchange: report({ path: EVENT, body: fb, status: 403, responseBody: undefined }), findings: [{ messageId: 'object', severity: 'error' }] },
    { name: 'a free-busy-query answered 404', exchange: report({ path: '/bob/calendar/', body: fb, status: 404, responseBody: undefined }), findings: [{ messageId: 'not-found', severity: 'info' }] },
  ],
});
