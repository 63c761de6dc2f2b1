// Flags a PUT body that is not exactly one VCALENDAR with at least one component besides VTIMEZONE.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { calendars, mainComponents } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/structure',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'A calendar object resource is exactly one VCALENDAR holding at least one VEVENT, VTODO, VJOURNAL or VFREEBUSY.',
    specs: [rfc(5545, '3.4'), rfc(5545, '3.6'), rfc(4791, '4.1')],
    details:
      'RFC 4791 §4.1 stores one calendar object per resource. Several VCALENDARs in one body, or a VCALENDAR holding only VTIMEZONEs ' +
      '(or nothing), cannot be stored: Radicale answers "Main component missing" (Kozea/Radicale#753, #1758), sabre "iCalendar objects ' +
      'must at least have a component of type ...".',
  },
  messages: {
    'several-calendars': { message: 'PUT body holds {count} VCALENDAR objects', fix: 'PUT one VCALENDAR per resource; split the others into their own resources.' },
    'no-component': { message: 'PUT body holds no component besides VTIMEZONE', fix: 'Include the VEVENT, VTODO or VJOURNAL the resource is meant to store.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const out: Report<'several-calendars' | 'no-component'>[] = [];
    const cals = calendars(doc);
    if (cals.length > 1) out.push({ messageId: 'several-calendars', data: { count: cals.length }, location: { side: 'request', icalProperty: 'VCALENDAR' } });
    if (mainComponents(doc).length === 0) out.push({ messageId: 'no-component', location: { side: 'request', icalProperty: 'VCALENDAR' } });
    return out;
  },
});
