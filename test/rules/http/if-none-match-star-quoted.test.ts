// Rule tests: the quoted "*" that is not a wildcard.
import rule from '../../../rules/http/if-none-match-star-quoted.ts';
import { run } from '../tester.ts';
import { put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'If-None-Match: *', exchange: put({ headers: { 'If-None-Match': '*' } }) },
    { name: 'If-Match with a real tag', exchange: put({ headers: { 'If-Match': '"abc"' }, status: 204 }) },
  ],
  invalid: [
    { name: 'If-None-Match: "*"', exchange: put({ headers: { 'If-None-Match': '"*"' } }), findings: [{ messageId: 'quoted', data: { header: 'If-None-Match' } }] },
    { name: 'If-Match: "*"', exchange: put({ headers: { 'If-Match': ' "*" ' }, status: 412 }), findings: [{ messageId: 'quoted', data: { header: 'If-Match' }, severity: 'error' }] },
  ],
});
