// Flags TZID parameters with no matching VTIMEZONE, and TZID on UTC or DATE values.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar, valueForm } from '../lib/ical-body.ts';
import { allProperties, definedTzids, mainComponents } from '../parse/ical/walk.ts';

export default defineRule({
  id: 'ical/tzid-without-vtimezone',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'Every TZID used must have a VTIMEZONE in the object (unless the server advertises calendar-no-timezone), and TZID never goes on UTC or DATE values.',
    specs: [rfc(5545, '3.2.19'), rfc(5545, '3.6.5'), rfc(4791, '4.1'), rfc(7809, '3.1.4')],
    details:
      'A TZID parameter refers to a VTIMEZONE in the same object. Without it the server and other clients guess the zone, or refuse the ' +
      'object (DavMail in marcoancona/MineTime#97; CalDAVTester "PUT with missing timezone" -> CALDAV:valid-timezone). With RFC 7809 ' +
      '(calendar-no-timezone in the DAV header) standard IANA zones may be left out. TZID on a UTC value (...Z) or a DATE is contradictory.',
  },
  messages: {
    missing: { message: '{name};TZID={tzid} has no VTIMEZONE with that TZID in the object', fix: 'Include the VTIMEZONE for {tzid}, or write the time in UTC.' },
    'on-utc': { message: '{name};TZID={tzid} is set on a UTC value {value}', fix: 'Drop the TZID parameter from UTC values (or drop the Z).' },
    'on-date': { message: '{name};TZID={tzid} is set on a DATE value {value}', fix: 'DATE values have no time zone: remove TZID.' },
  },
  check(view, context) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const defined = definedTzids(doc);
    const noTimezone = context.capabilities.has('calendar-no-timezone');
    const out: Report<'missing' | 'on-utc' | 'on-date'>[] = [];
    const seen = new Set<string>();
    for (const c of mainComponents(doc))
      for (const p of allProperties(c)) {
        const tzid = p.params.TZID;
        if (tzid === undefined) continue;
        const form = valueForm(p.value.split(',')[0] ?? '');
        const location = { side: 'request' as const, icalProperty: p.name };
        if (form === 'utc') out.push({ messageId: 'on-utc', data: { name: p.name, tzid, value: p.value }, location });
        else if (form === 'date') out.push({ messageId: 'on-date', data: { name: p.name, tzid, value: p.value }, location });
        else if (!defined.has(tzid) && !seen.has(tzid)) {
          seen.add(tzid);
          out.push({ messageId: 'missing', severity: noTimezone ? 'warning' : 'error', data: { name: p.name, tzid }, location });
        }
      }
    return out;
  },
});
