// Rule tests: malformed XML request and response bodies, and REPORT/PROPPATCH without a body.
import rule from '../../../rules/xml/malformed-body.ts';
import { run } from '../tester.ts';
import { exchange, mkcol, propfind, proppatch, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a well-formed PROPFIND and 207', exchange: propfind() },
    { name: 'a plain-text 400 answer', exchange: propfind({ status: 400, responseBody: 'Bad Request' }) },
    { name: 'an HTML error page', exchange: propfind({ status: 500, responseBody: '<html><body>oops<br></body></html>', responseHeaders: { 'Content-Type': 'text/html' } }) },
    { name: 'a PROPFIND without a body (allprop)', exchange: propfind({ body: undefined }) },
    {
      name: 'a truncated response body (cut bodies are not judged)',
      exchange: propfind({ responseBodyRaw: { kind: 'captured', bytes: new TextEncoder().encode('<D:multistatus xmlns:D="DAV:"><D:resp'), size: 90000, truncated: true } }),
    },
  ],
  invalid: [
    {
      name: 'a MKCOL body with an unescaped ampersand',
      exchange: mkcol({ body: '<D:mkcol xmlns:D="DAV:"><D:set><D:prop><D:displayname>Tom & Jerry</D:displayname></D:prop></D:set></D:mkcol>', status: 400 }),
      findings: [{ messageId: 'request', severity: 'error', data: { method: 'MKCOL' } }],
    },
    {
      name: 'a PROPFIND with an undeclared prefix',
      exchange: propfind({ body: '<D:propfind><D:prop/></D:propfind>' }),
      findings: [{ messageId: 'request', message: /prefix "D"/ }],
    },
    {
      name: 'a 207 whose body is cut mid-element by the server',
      exchange: propfind({ responseBody: '<D:multistatus xmlns:D="DAV:"><D:response>' }),
      findings: [{ messageId: 'response', data: { status: 207 } }],
    },
    {
      name: 'a REPORT without a body',
      exchange: report({ body: undefined, status: 400, responseBody: undefined }),
      findings: [{ messageId: 'missing-body', data: { method: 'REPORT' } }],
    },
    {
      name: 'a PROPPATCH with an empty body and a malformed answer',
      exchange: proppatch({ body: '', responseBody: '<a><b></a>' }),
      findings: [{ messageId: 'missing-body' }, { messageId: 'response' }],
    },
    { name: 'an XML body sent as text/plain that is broken', exchange: exchange({ method: 'PROPFIND', headers: { 'Content-Type': 'text/plain' }, body: '<a><b></a>' }), findings: [{ messageId: 'request' }] },
  ],
});
