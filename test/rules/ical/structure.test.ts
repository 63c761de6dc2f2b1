// Rule tests: one VCALENDAR with at least one main component.
import rule from '../../../rules/ical/structure.ts';
import { run } from '../tester.ts';
import { ical, icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [{ name: 'one VCALENDAR with a VEVENT', exchange: put() }],
  invalid: [
    { name: 'two VCALENDARs', exchange: put({ body: icalEvent() + icalEvent({ uid: 'b' }) }), findings: [{ messageId: 'several-calendars', data: { count: 2 } }] },
    { name: 'a VCALENDAR with only a VTIMEZONE', exchange: put({ body: ical('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VTIMEZONE', 'TZID:UTC', 'END:VTIMEZONE', 'END:VCALENDAR') }), findings: [{ messageId: 'no-component' }] },
  ],
});
