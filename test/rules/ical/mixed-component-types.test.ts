// Rule tests: several component types in one resource.
import rule from '../../../rules/ical/mixed-component-types.ts';
import { run } from '../tester.ts';
import { ical, put } from '../factories.ts';

run(rule, {
  valid: [{ name: 'only a VEVENT (with a VTIMEZONE)', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VTIMEZONE', 'TZID:X', 'END:VTIMEZONE', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'END:VCALENDAR') }) }],
  invalid: [{ name: 'a VEVENT and a VTODO', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VTODO', 'UID:a', 'END:VTODO', 'END:VCALENDAR') }), findings: [{ messageId: 'mixed', data: { types: 'VEVENT, VTODO' } }] }],
});
