// Rule tests: 412 explained by the conditional header sent.
import rule from '../../../rules/http/precondition-failed.ts';
import { run } from '../tester.ts';
import { move, put, del, exchange } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a 201 PUT', exchange: put() },
    { name: 'a 409 PUT', exchange: put({ status: 409 }) },
  ],
  invalid: [
    { name: 'a stale If-Match', exchange: put({ headers: { 'If-Match': '"old"' }, status: 412 }), findings: [{ messageId: 'if-match', severity: 'info', data: { value: '"old"' } }] },
    { name: 'If-None-Match: * on an existing URL', exchange: put({ status: 412 }), findings: [{ messageId: 'if-none-match' }] },
    { name: 'a stale If-Schedule-Tag-Match', exchange: del({ headers: { 'If-Schedule-Tag-Match': '"s1"' }, status: 412 }), findings: [{ messageId: 'if-schedule-tag-match' }] },
    { name: 'a MOVE with Overwrite: F onto an existing destination', exchange: move({ status: 412 }), findings: [{ messageId: 'overwrite' }] },
    { name: 'an If: header mismatch', exchange: exchange({ method: 'PUT', headers: { If: '(<urn:uuid:1>)' }, status: 412 }), findings: [{ messageId: 'if-header' }] },
    { name: 'Radicale refusing an oversize object with 412', exchange: put({ headers: {}, status: 412, responseBody: 'Precondition failed.' }), findings: [{ messageId: 'other' }] },
  ],
});
