// Rule tests: components without UID or several UIDs in one resource.
import rule from '../../../rules/ical/uid-missing-or-multiple.ts';
import { run } from '../tester.ts';
import { ical, icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'one UID', exchange: put() },
    { name: 'a master and an override sharing a UID', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:a', 'RECURRENCE-ID:20250121T100000Z', 'END:VEVENT', 'END:VCALENDAR') }) },
  ],
  invalid: [
    { name: 'a VEVENT without UID', exchange: put({ body: icalEvent().replace(/UID:[^\r]*\r\n/, '') }), findings: [{ messageId: 'missing', data: { component: 'VEVENT' } }] },
    { name: 'two UIDs in one body', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:b', 'END:VEVENT', 'END:VCALENDAR') }), findings: [{ messageId: 'multiple', data: { count: 2, list: 'a, b' } }] },
  ],
});
