// Flags a METHOD property in a calendar object stored with PUT: METHOD belongs to iTIP messages only.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { calendars, prop } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/method-present',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'Calendar objects stored on a CalDAV server must not have a METHOD property.',
    specs: [rfc(4791, '4.1'), rfc(5545, '3.7.2')],
    details:
      'METHOD marks an iTIP message (an invitation or reply sent by email). A stored object must not carry it; sabre answers 415 ' +
      '"A calendar object on a CalDAV server MUST NOT have a METHOD property". It usually means data was copied from an email ' +
      'attachment. Seen in sabre-io/Baikal#968, pimutils/vdirsyncer#1152 and go-vikunja/vikunja#1573. POSTs to the outbox are exempt.',
  },
  messages: { method: { message: 'PUT {path} stores an object with METHOD:{value}', fix: 'Remove the METHOD line before storing the object.' } },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    for (const cal of calendars(doc)) {
      const m = prop(cal, 'METHOD');
      if (m) return [{ messageId: 'method', data: { path: view.path, value: m.value.trim() }, location: { side: 'request', icalProperty: 'METHOD' } }];
    }
    return [];
  },
});
