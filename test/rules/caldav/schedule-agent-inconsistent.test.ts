// Rule tests: SCHEDULE-AGENT that differs for one calendar user between the master and its overrides.
import rule from '../../../rules/caldav/schedule-agent-inconsistent.ts';
import { run } from '../tester.ts';
import { get, ical, icalEvent, put } from '../factories.ts';

const meeting = (masterOrg: string, overrideOrg: string, masterAtt: string, overrideAtt: string) =>
  ical(
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//davscope//tests//EN',
    'BEGIN:VEVENT', 'UID:m1@example.com', 'DTSTAMP:20250115T090000Z', 'DTSTART:20250120T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=4',
    `ORGANIZER${masterOrg}:mailto:alice@example.com`, `ATTENDEE${masterAtt}:mailto:bob@example.com`, 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:m1@example.com', 'DTSTAMP:20250115T090000Z', 'RECURRENCE-ID:20250127T100000Z', 'DTSTART:20250127T110000Z',
    `ORGANIZER${overrideOrg}:mailto:alice@example.com`, `ATTENDEE${overrideAtt}:MAILTO:Bob@Example.com`, 'END:VEVENT',
    'END:VCALENDAR',
  );

run(rule, {
  valid: [
    { name: 'a master and an override with the same (absent) SCHEDULE-AGENT', exchange: put({ body: meeting('', '', '', '') }) },
    { name: 'SCHEDULE-AGENT=CLIENT on every component', exchange: put({ body: meeting(';SCHEDULE-AGENT=CLIENT', ';SCHEDULE-AGENT=CLIENT', ';SCHEDULE-AGENT=CLIENT', ';SCHEDULE-AGENT=CLIENT') }) },
    { name: 'an explicit SERVER beside an absent one (the default is SERVER)', exchange: put({ body: meeting(';SCHEDULE-AGENT=SERVER', '', '', ';SCHEDULE-AGENT=server') }) },
    { name: 'a single component with SCHEDULE-AGENT=CLIENT', exchange: put({ body: icalEvent({ extra: ['ORGANIZER;SCHEDULE-AGENT=CLIENT:mailto:alice@example.com'] }) }) },
    { name: 'a GET of such an object (only what the client sends is judged)', exchange: get({ responseBody: meeting(';SCHEDULE-AGENT=CLIENT', '', '', '') }) },
  ],
  invalid: [
    {
      name: 'the ORGANIZER scheduled by the client in the master and by the server in an override',
      exchange: put({ body: meeting(';SCHEDULE-AGENT=CLIENT', '', '', '') }),
      findings: [{ messageId: 'organizer', severity: 'warning', data: { uid: 'm1@example.com', agents: 'CLIENT, SERVER' }, location: { side: 'request', icalProperty: 'ORGANIZER' } }],
    },
    {
      name: 'one attendee with NONE in the override only (address compared case-insensitively)',
      exchange: put({ body: meeting('', '', '', ';SCHEDULE-AGENT=NONE') }),
      findings: [{ messageId: 'attendee', data: { address: 'mailto:bob@example.com', agents: 'SERVER, NONE' }, location: { icalProperty: 'ATTENDEE' } }],
    },
  ],
});
