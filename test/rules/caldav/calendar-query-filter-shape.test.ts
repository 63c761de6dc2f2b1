// Rule tests: calendar-query filter structure.
import rule from '../../../rules/caldav/calendar-query-filter-shape.ts';
import { run } from '../tester.ts';
import { calendarQueryBody, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'VCALENDAR > VEVENT > time-range', exchange: report() },
    { name: 'VCALENDAR > VTODO > VALARM', exchange: report({ body: calendarQueryBody('<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"><C:comp-filter name="VALARM"/></C:comp-filter></C:comp-filter>') }) },
  ],
  invalid: [
    { name: 'no filter', exchange: report({ body: '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop></C:calendar-query>' }), findings: [{ messageId: 'filter-count', data: { count: 0 } }] },
    { name: 'a VEVENT comp-filter at the top', exchange: report({ body: calendarQueryBody('<C:comp-filter name="VEVENT"/>') }), findings: [{ messageId: 'top-not-vcalendar', data: { found: 'VEVENT' } }] },
    { name: 'a time-range directly in the filter', exchange: report({ body: calendarQueryBody('<C:time-range start="20250101T000000Z"/><C:comp-filter name="VCALENDAR"/>') }), findings: [{ messageId: 'misplaced', data: { element: 'time-range' } }] },
    { name: 'a VEVENT inside a VTODO', exchange: report({ body: calendarQueryBody('<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"><C:comp-filter name="VEVENT"/></C:comp-filter></C:comp-filter>') }), findings: [{ messageId: 'nesting', data: { inner: 'VEVENT', outer: 'VTODO' } }] },
    {
      name: 'a prop-filter with text-match and time-range',
      exchange: report({ body: calendarQueryBody('<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match>x</C:text-match><C:time-range start="20250101T000000Z"/></C:prop-filter></C:comp-filter></C:comp-filter>') }),
      findings: [{ messageId: 'text-and-time', data: { name: 'SUMMARY' } }],
    },
  ],
});
