// Rule tests: non-UTC time ranges in REPORT bodies.
import rule from '../../../rules/caldav/time-range-not-utc.ts';
import { run } from '../tester.ts';
import { calendarQueryBody, report } from '../factories.ts';

const q = (attrs: string) => calendarQueryBody(`<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range ${attrs}/></C:comp-filter></C:comp-filter>`);

run(rule, {
  valid: [
    { name: 'UTC basic-format bounds', exchange: report() },
    { name: 'a start only', exchange: report({ body: q('start="20250101T000000Z"') }) },
  ],
  invalid: [
    { name: 'ISO 8601 extended format', exchange: report({ body: q('start="2025-01-01T00:00:00Z" end="20250201T000000Z"') }), findings: [{ messageId: 'format', data: { attribute: 'start', value: '2025-01-01T00:00:00Z' } }] },
    { name: 'a floating end and a date-only start', exchange: report({ body: q('start="20250101" end="20250201T000000"') }), findings: [{ messageId: 'format', data: { attribute: 'start' } }, { messageId: 'format', data: { attribute: 'end' } }] },
    { name: 'an expand with an offset', exchange: report({ body: calendarQueryBody(undefined, '<C:calendar-data><C:expand start="20250101T000000+0100" end="20250201T000000Z"/></C:calendar-data>') }), findings: [{ messageId: 'format', data: { element: 'C:expand' } }] },
  ],
});
