// Flags a GET or PUT of a scheduling object (one with an ORGANIZER) answered without Schedule-Tag on an auto-schedule server.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isSuccess } from '../lib/checks.ts';
import { mainComponents, prop } from '../parse/ical/query.ts';

export default defineRule({
  id: 'caldav/schedule-tag-missing',
  severity: 'warning',
  party: 'server',
  methods: ['GET', 'PUT'],
  docs: {
    summary: 'A server advertising calendar-auto-schedule must send Schedule-Tag with scheduling objects on GET and PUT.',
    specs: [rfc(6638, '3.2.10'), rfc(6638, '8.2')],
    details:
      'Schedule-Tag lets clients update a scheduling object without losing attendee replies (If-Schedule-Tag-Match). RFC 6638 §3.2.10 ' +
      'makes it a MUST for servers that do implicit scheduling. Without it clients fall back to If-Match and hit 412 after every reply.',
  },
  messages: { missing: { message: '{method} {path} of a scheduling object answered without Schedule-Tag', fix: 'The server must return Schedule-Tag for objects with an ORGANIZER when it advertises calendar-auto-schedule.' } },
  check(view, context) {
    if (!isSuccess(view.status) || !context.capabilities.has('calendar-auto-schedule')) return [];
    if (view.resHeader('Schedule-Tag') !== undefined) return [];
    const parsed = view.ical(view.method === 'PUT' ? 'request' : 'response');
    if (!parsed?.ok) return [];
    if (!mainComponents(parsed.doc).some((c) => prop(c, 'ORGANIZER'))) return [];
    return [{ messageId: 'missing', data: { method: view.method, path: view.path }, location: { side: 'response', header: 'Schedule-Tag' } }];
  },
});
