// Rule tests: recurrence sets: masters, overrides, RRULE ends.
import rule from '../../../rules/ical/recurrence-set-consistency.ts';
import { run } from '../tester.ts';
import { ical, icalEvent, put } from '../factories.ts';

const set = (...comps: string[][]) => ical('BEGIN:VCALENDAR', ...comps.flatMap((c) => ['BEGIN:VEVENT', ...c, 'END:VEVENT']), 'END:VCALENDAR');

run(rule, {
  valid: [
    { name: 'a master with one override', exchange: put({ body: set(['UID:a', 'DTSTART:20250120T100000Z', 'RRULE:FREQ=DAILY;COUNT=5'], ['UID:a', 'RECURRENCE-ID:20250121T100000Z', 'DTSTART:20250121T120000Z']) }) },
    { name: 'an RRULE with UTC UNTIL on a zoned start', exchange: put({ body: set(['UID:a', 'DTSTART;TZID=Europe/Paris:20250120T100000', 'RRULE:FREQ=DAILY;UNTIL=20250130T090000Z']) }) },
  ],
  invalid: [
    { name: 'two overrides of one instance', exchange: put({ body: set(['UID:a', 'DTSTART:20250120T100000Z'], ['UID:a', 'RECURRENCE-ID:20250121T100000Z'], ['UID:a', 'RECURRENCE-ID:20250121T100000Z']) }), findings: [{ messageId: 'duplicate-override' }] },
    { name: 'two masters with one UID', exchange: put({ body: set(['UID:a', 'DTSTART:20250120T100000Z'], ['UID:a', 'DTSTART:20250121T100000Z']) }), findings: [{ messageId: 'two-masters', data: { count: 2 } }] },
    { name: 'a DATE RECURRENCE-ID on a DATE-TIME master', exchange: put({ body: set(['UID:a', 'DTSTART:20250120T100000Z'], ['UID:a', 'RECURRENCE-ID;VALUE=DATE:20250121']) }), findings: [{ messageId: 'rid-type' }] },
    { name: 'COUNT and UNTIL together', exchange: put({ body: icalEvent({ extra: ['RRULE:FREQ=DAILY;COUNT=3;UNTIL=20250130T000000Z'] }) }), findings: [{ messageId: 'count-and-until' }] },
    { name: 'a DATE UNTIL on a DATE-TIME start', exchange: put({ body: icalEvent({ extra: ['RRULE:FREQ=DAILY;UNTIL=20250130'] }) }), findings: [{ messageId: 'until-type' }] },
    { name: 'a local UNTIL on a zoned start', exchange: put({ body: set(['UID:a', 'DTSTART;TZID=Europe/Paris:20250120T100000', 'RRULE:FREQ=DAILY;UNTIL=20250130T100000']) }), findings: [{ messageId: 'until-not-utc' }] },
  ],
});
