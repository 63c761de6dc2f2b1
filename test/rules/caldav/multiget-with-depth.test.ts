// Rule tests: Depth sent with calendar-multiget.
import rule from '../../../rules/caldav/multiget-with-depth.ts';
import { run } from '../tester.ts';
import { EVENT, multigetBody, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a multiget without Depth', exchange: report({ body: multigetBody([EVENT]), headers: {} }) },
    { name: 'a calendar-query with Depth', exchange: report() },
  ],
  invalid: [{ name: 'a multiget with Depth: 1', exchange: report({ body: multigetBody([EVENT]) }), findings: [{ messageId: 'depth', severity: 'info', data: { value: '1' } }] }],
});
