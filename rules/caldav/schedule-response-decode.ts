// Decodes the per-recipient request-status codes of a C:schedule-response (outbox POST), since a 200 can hide failures.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';

// RFC 5546 §3.6 request-status codes seen in CalDAV scheduling responses.
const MEANINGS: Readonly<Record<string, string>> = {
  '3.7': 'invalid calendar user',
  '3.8': 'no authority',
  '5.1': 'could not deliver',
  '5.2': 'invalid date or time',
  '5.3': 'no scheduling support for this user',
};

function meaning(code: string): string {
  if (MEANINGS[code]) return MEANINGS[code];
  if (code.startsWith('3.')) return 'request not accepted';
  if (code.startsWith('4.')) return 'scheduling error';
  if (code.startsWith('5.')) return 'scheduling error';
  return 'unknown status';
}

export default defineRule({
  id: 'caldav/schedule-response-decode',
  severity: 'info',
  party: 'unknown',
  judgesKeptPart: true,
  methods: ['POST'],
  docs: {
    summary: 'An outbox POST answers 200 even when some recipients failed; each C:response carries its own request-status.',
    specs: [rfc(6638, '5'), rfc(6638, '10.1'), rfc(6638, '10.4'), rfc(5546, '3.6')],
    details:
      'A free-busy request POSTed to the scheduling outbox gets a C:schedule-response with one C:response per recipient. The HTTP ' +
      'status is 200 as long as the request itself was fine; whether each attendee\'s free-busy came back is in C:request-status: 2.x ' +
      'is success, 3.7 an address the server does not know as a calendar user, 3.8 no permission to see that user\'s free-busy, 5.x a ' +
      'delivery or scheduling failure (RFC 5546 §3.6). A client that only checks the HTTP status shows empty free-busy grids without ' +
      'saying why (sabre-io/Baikal#1360, sabre-io/dav#1601 with Thunderbird).',
  },
  messages: {
    'recipients-failed': {
      message: 'Outbox POST: {failed} of {total} recipient(s) failed: {list}',
      fix: 'Show the failure per attendee; 3.7 means the address is not a calendar user on this server, 3.8 that the user may not read their free-busy.',
    },
  },
  check(view) {
    if (view.status !== 200) return [];
    const root = view.xmlRoot('response');
    if (!root || root.name !== caldav('schedule-response')) return [];
    const responses = childElements(root, caldav('response'));
    const failed: string[] = [];
    for (const r of responses) {
      const status = textOf(child(r, caldav('request-status'))).trim();
      const code = /^\d+(?:\.\d+)*/.exec(status)?.[0] ?? '';
      if (code.startsWith('1.') || code.startsWith('2.')) continue;
      const recipientEl = child(r, caldav('recipient'));
      const recipient = (textOf(child(recipientEl, dav('href'))) || textOf(recipientEl)).trim() || '(no recipient)';
      failed.push(`${recipient} ${code || '(no status)'} (${meaning(code)})`);
    }
    if (failed.length === 0) return [];
    return [{ messageId: 'recipients-failed', data: { failed: failed.length, total: responses.length, list: failed.join('; ') }, location: { side: 'response', xmlElement: caldav('request-status') } }];
  },
});
