// Rule tests: Schedule-Reply values and methods.
import rule from '../../../rules/caldav/schedule-reply-header-invalid.ts';
import { run } from '../tester.ts';
import { del, put } from '../factories.ts';

run(rule, {
  valid: [{ name: 'Schedule-Reply: F on DELETE', exchange: del({ headers: { 'If-Match': '"e1"', 'Schedule-Reply': 'F' } }) }],
  invalid: [
    { name: 'Schedule-Reply: no', exchange: del({ headers: { 'Schedule-Reply': 'no' } }), findings: [{ messageId: 'value' }] },
    { name: 'Schedule-Reply on PUT', exchange: put({ headers: { 'If-None-Match': '*', 'Schedule-Reply': 'F' } }), findings: [{ messageId: 'method', severity: 'warning' }] },
  ],
});
