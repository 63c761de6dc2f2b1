// Rule tests: PROPFIND/PROPPATCH/REPORT success that is not a 207 multistatus.
import rule from '../../../rules/webdav/multistatus-expected.ts';
import { run } from '../tester.ts';
import { propfind, proppatch, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a 207 multistatus', exchange: propfind() },
    { name: 'a minimal PROPPATCH answered 204', exchange: proppatch({ headers: { Prefer: 'return=minimal' }, status: 204, responseBody: undefined }) },
    { name: 'a free-busy-query answered 200', exchange: report({ body: '<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20250101T000000Z" end="20250102T000000Z"/></C:free-busy-query>', status: 200, responseBody: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }) },
  ],
  invalid: [
    { name: 'a 200 HTML page to a PROPFIND', exchange: propfind({ status: 200, responseBody: '<html><body>Login</body></html>', responseHeaders: { 'Content-Type': 'text/html' } }), findings: [{ messageId: 'status', data: { status: 200 } }] },
    { name: 'a 207 labelled text/plain', exchange: propfind({ responseHeaders: { 'Content-Type': 'text/plain' } }), findings: [{ messageId: 'type', data: { type: 'text/plain' } }] },
    { name: 'a 207 whose root is DAV:error', exchange: report({ responseBody: '<D:error xmlns:D="DAV:"/>' }), findings: [{ messageId: 'root', data: { root: '{DAV:}error' } }] },
  ],
});
