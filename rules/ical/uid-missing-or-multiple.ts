// Flags components without UID, and calendar objects whose components carry more than one UID.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { mainComponents, uids, uidOf } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/uid-missing-or-multiple',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'Every component of a calendar object has a UID, and all of them share one UID (the master and its overrides).',
    specs: [rfc(5545, '3.8.4.7'), rfc(4791, '4.1')],
    details:
      'One resource holds one UID: a recurring master plus its overrides. A component without UID cannot be identified (Radicale: "UID ' +
      'in VEVENT is missing", Kozea/Radicale#650); several UIDs in one body are several objects, refused with ' +
      'CALDAV:valid-calendar-object-resource (Kozea/Radicale#1230, CalDAVTester errors.xml).',
  },
  messages: {
    missing: { message: '{component} on line {line} has no UID', fix: 'Give every component a UID (a UUID is fine) and keep it forever.' },
    multiple: { message: 'PUT body carries {count} different UIDs: {list}', fix: 'Store each UID in its own resource; only a master and its overrides share a resource.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const out: Report<'missing' | 'multiple'>[] = [];
    for (const c of mainComponents(doc)) if (!uidOf(c)) out.push({ messageId: 'missing', data: { component: c.name, line: c.line }, location: { side: 'request', icalProperty: 'UID' } });
    const list = uids(doc);
    if (list.length > 1) out.push({ messageId: 'multiple', data: { count: list.length, list: list.slice(0, 5).join(', ') }, location: { side: 'request', icalProperty: 'UID' } });
    return out;
  },
});
