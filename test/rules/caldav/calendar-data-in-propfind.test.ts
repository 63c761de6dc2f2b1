// Rule tests: calendar-data in PROPFIND.
import rule from '../../../rules/caldav/calendar-data-in-propfind.ts';
import { run } from '../tester.ts';
import { propfind, propfindBody, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a PROPFIND for getetag', exchange: propfind() },
    { name: 'calendar-data in a REPORT', exchange: report() },
  ],
  invalid: [{ name: 'a PROPFIND asking for calendar-data', exchange: propfind({ body: propfindBody('<D:getetag/><C:calendar-data/>') }), findings: [{ messageId: 'propfind', severity: 'warning' }] }],
});
