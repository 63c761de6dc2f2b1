// Rule tests: calendar-query on a collection with Depth 0 or none.
import rule from '../../../rules/caldav/calendar-query-depth-zero.ts';
import { run } from '../tester.ts';
import { EVENT, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a calendar-query with Depth: 1', exchange: report() },
    { name: 'a calendar-query with Depth: 0 on an object', exchange: report({ path: EVENT, headers: { Depth: '0' } }) },
  ],
  invalid: [
    { name: 'a calendar-query on a calendar without Depth', exchange: report({ headers: {} }), findings: [{ messageId: 'depth', data: { depth: 'no Depth header' } }] },
    { name: 'a calendar-query on a calendar with Depth: 0 (sabre answers 400)', exchange: report({ headers: { Depth: '0' }, status: 400 }), findings: [{ messageId: 'depth', data: { depth: 'Depth: 0' } }] },
  ],
});
