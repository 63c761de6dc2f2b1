// Rule tests: If-Match loops after 412.
import rule from '../../../rules/http/retry-after-412-without-refresh.ts';
import { run } from '../tester.ts';
import { get, put } from '../factories.ts';

const failed = () => put({ headers: { 'If-Match': '"old"' }, status: 412 });

run(rule, {
  valid: [
    { name: 'a first PUT with If-Match', exchange: put({ headers: { 'If-Match': '"old"' }, status: 412 }) },
    { name: 'a retry after a GET refreshed the ETag', history: [failed(), get()], exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'a retry with a different tag', history: [failed()], exchange: put({ headers: { 'If-Match': '"new"' }, status: 204 }) },
  ],
  invalid: [
    { name: 'the same If-Match right after a 412', history: [failed()], exchange: failed(), findings: [{ messageId: 'loop', severity: 'warning', data: { etag: '"old"' } }] },
  ],
});
