// Rule tests: weak tags in If-Match.
import rule from '../../../rules/http/if-match-weak-etag.ts';
import { run } from '../tester.ts';
import { put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a strong If-Match', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'no If-Match', exchange: put() },
  ],
  invalid: [{ name: 'If-Match: W/"e1"', exchange: put({ headers: { 'If-Match': 'W/"e1"' }, status: 412 }), findings: [{ messageId: 'weak', severity: 'error', data: { value: 'W/"e1"' } }] }],
});
