// Notes updates of scheduling objects guarded by If-Match where If-Schedule-Tag-Match would let the server merge replies.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/scheduling-update-uses-if-match',
  severity: 'info',
  party: 'client',
  methods: ['PUT', 'DELETE', 'MOVE'],
  docs: {
    summary: 'On servers with calendar-auto-schedule, update scheduling objects with If-Schedule-Tag-Match rather than If-Match.',
    specs: [rfc(6638, '3.2.10'), rfc(6638, '8.3')],
    details:
      'Attendee replies change an organizer\'s object (and its ETag) but not its Schedule-Tag. A client guarding with If-Match gets 412 ' +
      'whenever a reply arrived; with If-Schedule-Tag-Match the server merges the reply into the client\'s change. CalDAVTester ' +
      'implicitscheduletag.xml shows CalendarServer keeping the Schedule-Tag across replies.',
  },
  messages: { 'if-match': { message: '{method} {path} uses If-Match on a scheduling object (Schedule-Tag {tag} known)', fix: 'Send If-Schedule-Tag-Match: {tag} instead of If-Match.' } },
  check(view, context) {
    if (!['PUT', 'DELETE', 'MOVE'].includes(view.method) || !context.capabilities.has('calendar-auto-schedule')) return [];
    if (view.reqHeader('If-Match') === undefined || view.reqHeader('If-Schedule-Tag-Match') !== undefined) return [];
    const tag = context.resource(view.path)?.scheduleTag;
    if (!tag) return [];
    return [{ messageId: 'if-match', data: { method: view.method, path: view.path, tag }, location: { side: 'request', header: 'If-Match' } }];
  },
});
