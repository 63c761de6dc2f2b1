// Rule tests: iCalendar handed out by a server (a GET body, calendar-data in a REPORT's 207, a
// free-busy answer) is judged as strictly as what a client sends.
import rule from '../../../rules/ical/served-calendar-invalid.ts';
import { run } from '../tester.ts';
import { CALENDAR, CAL_NS, DAV_NS, EVENT, get, icalEvent, multistatus, report } from '../factories.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const withData = (...objects: string[]) =>
  report({ responseBody: multistatus(objects.map((o, i) => ({ href: `/alice/calendar/e${i}.ics`, propstats: [{ status: 200, props: `<D:getetag>"${i}"</D:getetag><C:calendar-data>${esc(o)}</C:calendar-data>` }] }))) });
const noStamp = icalEvent().replace('DTSTAMP:20250115T090000Z\r\n', '');
const FREE_BUSY_Q = `<?xml version="1.0" encoding="utf-8"?>\n<C:free-busy-query ${DAV_NS} ${CAL_NS}><C:time-range start="20250120T000000Z" end="20250127T000000Z"/></C:free-busy-query>`;
const freeBusy = (periods: string) =>
  report({
    path: CALENDAR, headers: { Depth: '1' }, body: FREE_BUSY_Q, status: 200, responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8' },
    responseBody: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VFREEBUSY\r\nDTSTAMP:20250115T090000Z\r\nDTSTART:20250120T000000Z\r\nDTEND:20250127T000000Z\r\nFREEBUSY;FBTYPE=BUSY:${periods}\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n`,
  });

run(rule, {
  valid: [
    { name: 'a GET of a valid event', exchange: get() },
    { name: 'a multiget answer with valid calendar-data', exchange: withData(icalEvent(), icalEvent({ uid: 'two' })) },
    { name: 'a free-busy answer in UTC, with a duration period (RFC 4791 §7.10 has no UID in its VFREEBUSY)', exchange: freeBusy('20250120T090000Z/20250120T100000Z,20250121T090000Z/PT1H') },
    { name: 'a GET whose body does not parse (ical/malformed-body says so)', exchange: get({ responseBody: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n' }) },
    { name: 'a failed propstat with empty calendar-data', exchange: report({ responseBody: multistatus([{ href: EVENT, propstats: [{ status: 404, props: '<C:calendar-data/>' }] }]) }) },
    { name: 'a 404 GET', exchange: get({ status: 404, responseBody: '', responseHeaders: {} }) },
  ],
  invalid: [
    {
      name: 'a GET of an event without DTSTAMP',
      exchange: get({ responseBody: noStamp }),
      findings: [{ messageId: 'dtstamp', data: { component: 'VEVENT', where: 'returned', href: EVENT, problem: 'no DTSTAMP' }, location: { side: 'response', icalProperty: 'DTSTAMP' } }],
    },
    {
      name: 'calendar-data with a floating DTSTAMP and no UID, in a sync answer',
      exchange: withData(icalEvent().replace('DTSTAMP:20250115T090000Z', 'DTSTAMP:20250115T090000').replace('UID:event-1@example.com\r\n', '')),
      findings: [
        { messageId: 'uid', data: { href: '/alice/calendar/e0.ics', where: 'in calendar-data' } },
        { messageId: 'dtstamp', data: { problem: 'DTSTAMP:20250115T090000, not a UTC date-time' } },
      ],
    },
    {
      name: 'calendar-data whose UID is empty (as uid-missing-or-multiple judges a PUT)',
      exchange: withData(icalEvent().replace('UID:event-1@example.com', 'UID: ')),
      findings: [{ messageId: 'uid', data: { href: '/alice/calendar/e0.ics', where: 'in calendar-data' } }],
    },
    {
      name: 'calendar-data that does not parse',
      exchange: withData(icalEvent(), 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n'),
      findings: [{ messageId: 'malformed', data: { href: '/alice/calendar/e1.ics', where: 'in calendar-data' } }],
    },
    {
      name: 'a free-busy answer with a floating period',
      exchange: freeBusy('20250120T090000Z/20250120T100000Z,20250121T090000/20250121T100000'),
      findings: [{ messageId: 'freebusy-utc', data: { value: '20250121T090000/20250121T100000', href: CALENDAR } }],
    },
  ],
});
