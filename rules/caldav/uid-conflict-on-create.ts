// Predicts (and decodes) a UID conflict: a PUT creating a resource whose UID the calendar already holds at another href.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCreates, uidHeldElsewhere } from '../lib/ical-body.ts';

export default defineRule({
  id: 'caldav/uid-conflict-on-create',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'A new resource must not reuse a UID another resource in the same calendar already has.',
    specs: [rfc(4791, '4.1'), rfc(4791, '5.3.2.1')],
    details:
      'UIDs are unique per calendar. Creating a second resource with a UID the calendar holds (often a client guessing "<uid>.ics" when ' +
      'the event lives under a name another client chose) is refused: CALDAV:no-uid-conflict with 403/409 (Radicale 409), or Nextcloud\'s ' +
      '400 "Calendar object with uid already exists in this calendar collection." Update the existing href with If-Match instead. Seen ' +
      'in nextcloud/server PR #61640, suitenumerique/messages#752 and emersion/go-webdav#130.',
  },
  messages: {
    predicted: { message: 'PUT {path} creates UID {uid}, which this calendar already holds at {existing}', fix: 'Update {existing} with If-Match instead of creating a new resource.' },
    nextcloud: { message: 'PUT {path} was refused with 400: the UID already exists in this calendar (Nextcloud)', fix: 'Find the existing resource with that UID (calendar-query on UID) and update it with If-Match.' },
  },
  check(view, context) {
    if (view.status === 400 && /uid already exists/i.test(view.text('response')?.text ?? ''))
      return [{ messageId: 'nextcloud', data: { path: view.path }, location: { side: 'response' } }];
    const held = putCreates(view, context) ? uidHeldElsewhere(view, context) : undefined;
    if (held) return [{ messageId: 'predicted', data: { path: view.path, ...held }, location: { side: 'request', icalProperty: 'UID' } }];
    return [];
  },
});
