// Notes that deleting an invitation (an attendee's copy) without Schedule-Reply makes the server send the organizer a decline.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'caldav/attendee-delete-sends-decline',
  severity: 'info',
  party: 'client',
  methods: ['DELETE'],
  docs: {
    summary: 'Deleting an attendee\'s copy of a meeting without Schedule-Reply: F makes a scheduling server send the organizer a DECLINED reply.',
    specs: [rfc(6638, '8.1'), rfc(6638, '3.2.2.4')],
    details:
      'On a server that does the scheduling (calendar-auto-schedule), removing your copy of someone else\'s meeting is an answer: ' +
      'RFC 6638 §3.2.2.4 has the server send the organizer a REPLY with PARTSTAT=DECLINED, because Schedule-Reply defaults to T. ' +
      'That is right when the user declines, and wrong when the client only cleans up (deleting spam invitations, removing a ' +
      'calendar\'s contents, re-syncing): then the organizer, possibly a spammer, hears back. Send Schedule-Reply: F for silent ' +
      'removals (cyrusimap/cyrus-imapd#2588). davscope only says this when it knows the object\'s ORGANIZER and the user\'s ' +
      'CALDAV:calendar-user-address-set, and the ORGANIZER is not one of the user\'s addresses.',
  },
  messages: {
    'decline-sent': {
      message: 'DELETE {path} removed an invitation from {organizer} without Schedule-Reply; the server sends a decline',
      fix: 'If the user did not mean to decline (spam, clean-up, re-sync), send Schedule-Reply: F with the DELETE.',
    },
  },
  check(view, context) {
    if (!isSuccess(view.status) || view.path.endsWith('/')) return [];
    if (view.reqHeader('Schedule-Reply') !== undefined) return [];
    if (context.optionsSeen && !context.capabilities.has('calendar-auto-schedule')) return [];
    const addresses = context.calendarUserAddresses;
    if (addresses.size === 0) return [];
    const resource = context.resource(view.path);
    const organizer = resource?.organizer?.trim();
    if (!organizer || resource?.isCollection) return [];
    if (addresses.has(organizer.toLowerCase())) return [];
    return [{ messageId: 'decline-sent', data: { path: view.path, organizer }, location: { side: 'request', header: 'Schedule-Reply' } }];
  },
});
