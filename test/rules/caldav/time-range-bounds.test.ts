// Rule tests: time-range bounds.
import rule from '../../../rules/caldav/time-range-bounds.ts';
import { run } from '../tester.ts';
import { calendarQueryBody, report } from '../factories.ts';

const q = (attrs: string) => calendarQueryBody(`<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range ${attrs}/></C:comp-filter></C:comp-filter>`);

run(rule, {
  valid: [
    { name: 'start before end', exchange: report() },
    { name: 'an end only', exchange: report({ body: q('end="20250101T000000Z"') }) },
  ],
  invalid: [
    { name: 'no bound', exchange: report({ body: q('') }), findings: [{ messageId: 'no-bound' }] },
    { name: 'end before start', exchange: report({ body: q('start="20250201T000000Z" end="20250101T000000Z"') }), findings: [{ messageId: 'reversed' }] },
    { name: 'an expand without end', exchange: report({ body: calendarQueryBody(undefined, '<C:calendar-data><C:expand start="20250101T000000Z"/></C:calendar-data>') }), findings: [{ messageId: 'missing-bound', data: { element: 'expand' } }] },
  ],
});
