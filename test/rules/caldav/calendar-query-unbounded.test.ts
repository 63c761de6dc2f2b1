// Rule tests: calendar-query asking for calendar-data of a whole, large calendar without a time-range.
import rule from '../../../rules/caldav/calendar-query-unbounded.ts';
import { run } from '../tester.ts';
import { CALENDAR, calendarQueryBody, multistatus, propfind, report, type MsResponse } from '../factories.ts';

const members = (n: number): MsResponse[] =>
  Array.from({ length: n }, (_, i) => ({ href: `${CALENDAR}e${i}.ics`, propstats: [{ status: 200, props: `<D:getetag>"${i}"</D:getetag>` }] }));
const allEvents = calendarQueryBody('<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter>', '<D:getetag/><C:calendar-data/>');

run(rule, {
  valid: [
    { name: 'calendar-data with a time-range over 300 objects', exchange: report({ body: calendarQueryBody(undefined, '<D:getetag/><C:calendar-data/>'), responseBody: multistatus(members(300)) }) },
    { name: 'ETags only without a time-range over 300 objects', exchange: report({ body: calendarQueryBody('<C:comp-filter name="VCALENDAR"/>'), responseBody: multistatus(members(300)) }) },
    { name: 'calendar-data without a time-range on a small calendar', exchange: report({ body: allEvents, responseBody: multistatus(members(50)) }) },
    { name: 'a PROPFIND listing 300 members', exchange: propfind({ responseBody: multistatus(members(300)) }) },
  ],
  invalid: [
    {
      name: 'calendar-data of every event, 250 objects in one answer',
      exchange: report({ body: allEvents, responseBody: multistatus(members(250)) }),
      findings: [{ messageId: 'unbounded', severity: 'info', data: { count: 250, path: CALENDAR }, location: { side: 'request', xmlElement: '{urn:ietf:params:xml:ns:caldav}filter' } }],
    },
  ],
});
