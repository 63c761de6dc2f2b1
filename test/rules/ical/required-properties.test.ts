// Rule tests: DTSTAMP and DTSTART requirements.
import rule from '../../../rules/ical/required-properties.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an event with DTSTAMP and DTSTART', exchange: put() },
    { name: 'a VTODO without DTSTART', exchange: put({ body: icalEvent({ component: 'VTODO' }).replace(/DTSTART:[^\r]*\r\n/, '').replace(/DTEND:[^\r]*\r\n/, '') }) },
  ],
  invalid: [
    { name: 'a VEVENT without DTSTAMP', exchange: put({ body: icalEvent().replace(/DTSTAMP:[^\r]*\r\n/, '') }), findings: [{ messageId: 'dtstamp', data: { component: 'VEVENT' } }] },
    { name: 'a local-time DTSTAMP', exchange: put({ body: icalEvent().replace('DTSTAMP:20250115T090000Z', 'DTSTAMP:20250115T090000') }), findings: [{ messageId: 'dtstamp-utc' }] },
    { name: 'a VEVENT without DTSTART', exchange: put({ body: icalEvent({ dtend: null }).replace(/DTSTART:[^\r]*\r\n/, '') }), findings: [{ messageId: 'dtstart' }] },
    { name: 'a space after DTSTAMP:', exchange: put({ body: icalEvent().replace('DTSTAMP:2025', 'DTSTAMP: 2025') }), findings: [{ messageId: 'junk', data: { name: 'DTSTAMP' } }] },
  ],
});
