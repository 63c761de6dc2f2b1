// Rule tests: PUT answered without ETag.
import rule from '../../../rules/caldav/put-response-without-etag.ts';
import { run } from '../tester.ts';
import { put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a 201 with an ETag', exchange: put() },
    { name: 'a failed PUT', exchange: put({ status: 412, responseHeaders: {} }) },
  ],
  invalid: [
    { name: 'a 201 without ETag', exchange: put({ responseHeaders: {} }), findings: [{ messageId: 'missing', severity: 'info', data: { status: 201 } }] },
    { name: 'a 204 without ETag', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204, responseHeaders: {} }), findings: [{ messageId: 'missing', data: { status: 204 } }] },
  ],
});
