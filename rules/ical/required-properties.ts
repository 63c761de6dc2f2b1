// Flags VEVENT/VTODO/VJOURNAL without DTSTAMP, VEVENT without DTSTART, a non-UTC DTSTAMP, or junk before a value.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { calendars, mainComponents, prop } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/required-properties',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  judgesKeptPart: true,
  methods: ['PUT'],
  docs: {
    summary: 'VEVENT, VTODO and VJOURNAL need a UTC DTSTAMP; a VEVENT in a stored object needs DTSTART.',
    specs: [rfc(5545, '3.6.1'), rfc(5545, '3.6.2'), rfc(5545, '3.6.3'), rfc(5545, '3.8.7.2')],
    details:
      'DTSTAMP is required and must be a UTC date-time; DTSTART is required in a VEVENT when there is no METHOD (stored objects). ' +
      'CalendarServer refuses "Missing or too many required property: DTSTAMP" (pimutils/todoman#15); a VEVENT without DTSTART became ' +
      'impossible to delete in ConductionNL/openregister#3680; a space after "DTSTAMP:" gave caldav4j/caldav4j#21 a 403.',
  },
  messages: {
    dtstamp: { message: '{component} (line {line}) has no DTSTAMP', fix: 'Add DTSTAMP with the current time in UTC, e.g. DTSTAMP:20250115T090000Z.' },
    'dtstamp-utc': { message: 'DTSTAMP:{value} is not a UTC date-time', fix: 'Write DTSTAMP in UTC form YYYYMMDDTHHMMSSZ.' },
    dtstart: { message: 'VEVENT (line {line}) has no DTSTART', fix: 'Add DTSTART.' },
    junk: { message: '{name} value "{value}" starts with a space', fix: 'Write the value right after the colon, without spaces.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const hasMethod = calendars(doc).some((c) => prop(c, 'METHOD'));
    const out: Report<'dtstamp' | 'dtstamp-utc' | 'dtstart' | 'junk'>[] = [];
    for (const c of mainComponents(doc)) {
      if (!['VEVENT', 'VTODO', 'VJOURNAL'].includes(c.name)) continue;
      const stamp = prop(c, 'DTSTAMP');
      if (!stamp) out.push({ messageId: 'dtstamp', data: { component: c.name, line: c.line }, location: { side: 'request', icalProperty: 'DTSTAMP' } });
      else if (/^\s/.test(stamp.value)) out.push({ messageId: 'junk', data: { name: 'DTSTAMP', value: stamp.value }, location: { side: 'request', icalProperty: 'DTSTAMP' } });
      else if (!/^\d{8}T\d{6}Z$/.test(stamp.value)) out.push({ messageId: 'dtstamp-utc', data: { value: stamp.value }, location: { side: 'request', icalProperty: 'DTSTAMP' } });
      if (c.name === 'VEVENT' && !hasMethod && !prop(c, 'DTSTART')) out.push({ messageId: 'dtstart', data: { line: c.line }, location: { side: 'request', icalProperty: 'DTSTART' } });
    }
    return out;
  },
});
