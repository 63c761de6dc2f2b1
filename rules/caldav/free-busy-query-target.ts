// Flags a free-busy-query sent to a calendar object, and decodes its 404 (no read-free-busy privilege).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'caldav/free-busy-query-target',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['REPORT'],
  docs: {
    summary: 'A free-busy-query REPORT runs on calendar collections only; a 404 to it means no read-free-busy privilege.',
    specs: [rfc(4791, '7.10'), rfc(4791, '6.1.1')],
    details:
      'free-busy-query is defined on calendar collections (Depth 1 covers the members). On a single object servers answer 403. A 404 ' +
      'means the user has neither CALDAV:read-free-busy nor DAV:read and the server hides the resource. CalDAVTester depthreports.xml ' +
      'covers both.',
  },
  messages: {
    object: { message: 'free-busy-query sent to {path}, which is not a collection', fix: 'Send the free-busy-query to the calendar collection (with a trailing slash) and Depth: 1.' },
    'not-found': { message: 'free-busy-query on {path} answered 404: no read or read-free-busy privilege there', fix: 'Ask the owner for CALDAV:read-free-busy, or query free-busy through the scheduling outbox.' },
  },
  check(view, context) {
    if (view.xmlRoot('request')?.name !== caldav('free-busy-query')) return [];
    if (!view.path.endsWith('/') && !context.isCollection(view.path) && !context.isCalendar(view.path))
      return [{ messageId: 'object', data: { path: view.path }, location: { side: 'request' } }];
    if (view.status === 404) return [{ messageId: 'not-found', severity: 'info', data: { path: view.path }, location: { side: 'response' } }];
    return [];
  },
});
