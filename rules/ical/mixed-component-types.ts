// Flags a calendar object mixing component types (VEVENT with VTODO, ...).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { mainComponents } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/mixed-component-types',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  judgesKeptPart: true,
  methods: ['PUT'],
  docs: {
    summary: 'A calendar object resource holds one component type only (besides VTIMEZONE).',
    specs: [rfc(4791, '4.1')],
    details: 'RFC 4791 §4.1 allows one type of calendar component per resource. A VEVENT and a VTODO together are refused with CALDAV:valid-calendar-object-resource (CalDAVTester errors.xml "PUT with multiple component types").',
  },
  messages: { mixed: { message: 'PUT body mixes component types: {types}', fix: 'Store each component type in its own resource (and tasks in a VTODO calendar).' } },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const types = [...new Set(mainComponents(doc).map((c) => c.name))];
    return types.length > 1 ? [{ messageId: 'mixed', data: { types: types.join(', ') }, location: { side: 'request' } }] : [];
  },
});
