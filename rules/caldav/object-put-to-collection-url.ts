// Flags iCalendar data PUT to a collection URL instead of collection + object name.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/object-put-to-collection-url',
  severity: 'error',
  party: 'client',
  methods: ['PUT'],
  docs: {
    summary: 'A calendar object is PUT to the collection URL plus a resource name, never to the collection itself.',
    specs: [rfc(4791, '5.3.2'), rfc(4791, '4.2')],
    details:
      'Radicale treats a PUT of iCalendar data on a collection as "replace the whole calendar with this", wiping every other event; ' +
      'CalendarServer answers 403, sabre 405. The object URL is the collection URL followed by a name, e.g. /alice/calendar/<uuid>.ics. ' +
      'Seen in Kozea/Radicale#1230 and #1758, and CalDAVTester errors.xml ("PUT to collection").',
  },
  messages: { collection: { message: 'PUT of iCalendar data to the collection {path}', fix: 'PUT to {path}<name>.ics (a new, unique name) with If-None-Match: *.' } },
  check(view, context) {
    if (!view.looksLikeIcal('request')) return [];
    if (!view.path.endsWith('/') && !context.isCollection(view.path)) return [];
    const path = view.path.endsWith('/') ? view.path : `${view.path}/`;
    return [{ messageId: 'collection', data: { path }, location: { side: 'request' } }];
  },
});
