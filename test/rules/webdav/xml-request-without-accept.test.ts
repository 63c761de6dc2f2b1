// Rule tests: PROPFIND/REPORT Accept header.
import rule from '../../../rules/webdav/xml-request-without-accept.ts';
import { run } from '../tester.ts';
import { propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'Accept: application/xml', exchange: propfind({ headers: { Depth: '1', Accept: 'application/xml' } }) },
    { name: 'Accept: */*', exchange: propfind({ headers: { Depth: '1', Accept: '*/*' } }) },
    { name: 'a PUT without Accept', exchange: put() },
  ],
  invalid: [
    { name: 'no Accept', exchange: propfind(), findings: [{ messageId: 'missing', severity: 'info' }] },
    { name: 'Accept: text/html', exchange: propfind({ headers: { Depth: '1', Accept: 'text/html' } }), findings: [{ messageId: 'excluded' }] },
  ],
});
