// Rule tests: TZID references without VTIMEZONE, and TZID on UTC or DATE values.
import rule from '../../../rules/ical/tzid-without-vtimezone.ts';
import { run } from '../tester.ts';
import { ical, options, put } from '../factories.ts';

// Components nested 10,000 deep (found by the engine fuzz test): the property walk overflowed the stack.
const deep = (line: string) =>
  ical('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...Array<string>(10_000).fill('BEGIN:VEVENT'), 'UID:a', line, ...Array<string>(10_000).fill('END:VEVENT'), 'END:VCALENDAR');

const withTz = (start: string, tz = true) =>
  ical('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...(tz ? ['BEGIN:VTIMEZONE', 'TZID:Europe/Paris', 'END:VTIMEZONE'] : []), 'BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20250101T000000Z', start, 'END:VEVENT', 'END:VCALENDAR');

run(rule, {
  valid: [
    { name: 'a TZID with its VTIMEZONE', exchange: put({ body: withTz('DTSTART;TZID=Europe/Paris:20250120T100000') }) },
    { name: 'a UTC time without TZID', exchange: put({ body: withTz('DTSTART:20250120T100000Z', false) }) },
  ],
  invalid: [
    { name: 'a TZID without VTIMEZONE', exchange: put({ body: withTz('DTSTART;TZID=Europe/Berlin:20250120T100000') }), findings: [{ messageId: 'missing', severity: 'error', data: { tzid: 'Europe/Berlin' } }] },
    { name: 'a TZID without VTIMEZONE on a calendar-no-timezone server', history: [options({ responseHeaders: { DAV: '1, calendar-access, calendar-no-timezone' } })], exchange: put({ body: withTz('DTSTART;TZID=Europe/Berlin:20250120T100000', false) }), findings: [{ messageId: 'missing', severity: 'warning' }] },
    { name: 'a TZID on a UTC value', exchange: put({ body: withTz('DTSTART;TZID=Europe/Paris:20250120T100000Z') }), findings: [{ messageId: 'on-utc' }] },
    { name: 'a TZID without VTIMEZONE in components nested 10,000 deep', exchange: put({ body: deep('DTSTART;TZID=Europe/Berlin:20250120T100000') }), findings: [{ messageId: 'missing', data: { tzid: 'Europe/Berlin' } }] },
    { name: 'a TZID on a DATE', exchange: put({ body: withTz('DTSTART;VALUE=DATE;TZID=Europe/Paris:20250120') }), findings: [{ messageId: 'on-date' }] },
  ],
});
