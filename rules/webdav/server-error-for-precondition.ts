// Flags a 5xx answer to a request the RFCs say to refuse with a 4xx and a named precondition (an unknown
// sync token, a taken URL, a duplicate UID, an iCalendar body that does not parse, a non-UTC
// time-range): the server failed where it should have said why.
import { defineRule } from '../engine/define-rule.ts';
import type { SessionContext } from '../engine/session.ts';
import type { ExchangeView } from '../engine/view.ts';
import { rfc } from '../model/spec.ts';
import { uidHeldElsewhere } from '../lib/ical-body.ts';
import { nonUtcTimes } from '../lib/time-range.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';

/** A request the RFCs answer with a precondition, recognised from the request and the session. */
interface Expected {
  /** What is wrong with the request, in a few words. */
  readonly what: string;
  readonly precondition: string;
  readonly status: string;
  readonly section: string;
}

export default defineRule({
  id: 'webdav/server-error-for-precondition',
  severity: 'warning',
  party: 'server',
  docs: {
    summary: 'A request the RFCs refuse with a 4xx and a named precondition was answered with a 5xx server error.',
    specs: [rfc(6578, '3.2'), rfc(4918, '16'), rfc(4791, '5.3.2.1'), rfc(4791, '9.9')],
    details:
      'WebDAV and CalDAV name the condition a refused request broke, and the status to send with it: an unknown or expired sync ' +
      'token is 403/409 with DAV:valid-sync-token (RFC 6578 §3.2), so the client starts a fresh sync; a MKCALENDAR on a taken URL ' +
      'is 403/409 with DAV:resource-must-be-null; a second object with the same UID is 403/409 with CALDAV:no-uid-conflict; an iCalendar body that does ' +
      'not parse is refused with CALDAV:valid-calendar-data (DAViCal 1.1 answers it 500); a ' +
      'non-UTC time-range is 403 with CALDAV:valid-filter. A 5xx instead says the server itself failed, so a client retries the ' +
      'same request, or gives up, instead of recovering. This is the server\'s fault even when the request was wrong too.',
  },
  messages: {
    'server-error': {
      message: '{method} {path} was answered {status} where the RFC asks for {expected} with {precondition} ({what})',
      fix: 'Refuse it with {expected} and a DAV:error body holding {precondition} ({section}), not a server error.',
    },
  },
  check(view, context) {
    const status = view.status;
    if (status === undefined || status < 500 || status > 599) return [];
    const expected = expectedRefusal(view, context);
    if (!expected) return [];
    return [
      {
        messageId: 'server-error',
        data: { method: view.method, path: view.path, status, expected: expected.status, precondition: expected.precondition, what: expected.what, section: expected.section },
        location: { side: 'response' },
      },
    ];
  },
});

function expectedRefusal(view: ExchangeView, context: SessionContext): Expected | undefined {
  const method = view.method;
  const root = view.xmlRoot('request');
  if (method === 'REPORT' && root?.name === dav('sync-collection')) {
    const token = view.requestSyncToken;
    if (token && !context.syncTokensFor(view.key).has(token))
      return { what: 'a sync token this collection did not issue in the session', precondition: 'DAV:valid-sync-token', status: '403 or 409', section: 'RFC 6578 §3.2' };
  }
  if (method === 'REPORT' && (root?.name === caldav('calendar-query') || root?.name === caldav('free-busy-query'))) {
    const bad = nonUtcTimes(root)[0];
    if (bad) return { what: `${bad.attribute}="${bad.value}" is not UTC`, precondition: 'CALDAV:valid-filter', status: '403', section: 'RFC 4791 §9.9, §7.8' };
  }
  if ((method === 'MKCALENDAR' || method === 'MKCOL') && context.resource(view.key)?.exists)
    return { what: 'something already exists at that URL', precondition: 'DAV:resource-must-be-null', status: '403 or 409', section: 'RFC 4791 §5.3.1.1, RFC 5689 §3.3' };
  if (method === 'PUT') {
    const parsed = view.ical('request');
    if (parsed && !parsed.ok) return { what: 'the iCalendar body does not parse', precondition: 'CALDAV:valid-calendar-data', status: '403 or 409', section: 'RFC 4791 §5.3.2.1' };
    const held = uidHeldElsewhere(view, context);
    if (held) return { what: `UID ${held.uid} is held by ${held.existing}`, precondition: 'CALDAV:no-uid-conflict', status: '403 or 409', section: 'RFC 4791 §5.3.2.1' };
  }
  return undefined;
}
