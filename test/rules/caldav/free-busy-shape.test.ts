// Rule tests: free-busy-query request and response shapes.
import rule from '../../../rules/caldav/free-busy-shape.ts';
import { run } from '../tester.ts';
import { multistatus, report } from '../factories.ts';

const fb = (inner: string) => `<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">${inner}</C:free-busy-query>`;
const range = '<C:time-range start="20250101T000000Z" end="20250102T000000Z"/>';
const vfb = 'BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n';

run(rule, {
  valid: [{ name: 'one time-range answered with text/calendar', exchange: report({ body: fb(range), status: 200, responseBody: vfb }) }],
  invalid: [
    { name: 'no time-range', exchange: report({ body: fb(''), status: 400, responseBody: undefined }), findings: [{ messageId: 'time-range', data: { count: 0 } }] },
    { name: 'an answer as a multistatus (old Radicale)', exchange: report({ body: fb(range), status: 207, responseBody: multistatus([]) }), findings: [{ messageId: 'response', data: { status: 207 } }] },
  ],
});
