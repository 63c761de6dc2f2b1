// Flags a server that stored a second resource with a UID the calendar already holds at another href,
// where RFC 4791 has it refuse with CALDAV:no-uid-conflict: the calendar now holds one event twice.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCreates, uidHeldElsewhere } from '../lib/ical-body.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'caldav/uid-conflict-accepted',
  severity: 'warning',
  party: 'server',
  methods: ['PUT'],
  docs: {
    summary: 'A server must refuse a new resource whose UID another resource of the same calendar holds, not store it twice.',
    specs: [rfc(4791, '4.1'), rfc(4791, '5.3.2.1')],
    details:
      'UIDs are unique per calendar collection, and a PUT that would break that is refused with 403/409 and CALDAV:no-uid-conflict ' +
      'naming the existing href, so the client can update that one instead. A server that stores the copy leaves the calendar with ' +
      'the same event twice: every client shows it twice, and an update or delete reaches only one of them. DAViCal 1.1 answers such ' +
      'a PUT 201; Radicale 3 refuses it with 409, Xandikos with CALDAV:no-uid-conflict. The client that sent it is told so by ' +
      'caldav/uid-conflict-on-create; this finding is about the answer.',
  },
  messages: {
    stored: {
      message: 'PUT {path} was answered {status}: the server stored UID {uid} a second time in this calendar (the session saw it at {existing})',
      fix: 'Refuse it with 403 or 409 and a DAV:error holding CALDAV:no-uid-conflict with the href of {existing} (RFC 4791 §5.3.2.1).',
    },
  },
  check(view, context) {
    // A 207 to a PUT is Xandikos's refusal (a multistatus carrying the precondition), not a store.
    if (!isSuccess(view.status) || view.status === 207) return [];
    const held = putCreates(view, context) ? uidHeldElsewhere(view, context) : undefined;
    if (held) return [{ messageId: 'stored', data: { path: view.path, status: view.status!, ...held }, location: { side: 'response' } }];
    return [];
  },
});
