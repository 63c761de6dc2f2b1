// Flags a MKCALENDAR body whose root is not {urn:ietf:params:xml:ns:caldav}mkcalendar (RFC 4791 §5.3.1).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { prefixedName } from '../decode/preconditions.ts';
import { NS } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'caldav/mkcalendar-wrong-namespace',
  severity: 'error',
  party: 'client',
  judgesKeptPart: true,
  methods: ['MKCALENDAR'],
  docs: {
    summary: 'A MKCALENDAR body must have the root element mkcalendar in the CalDAV namespace.',
    specs: [rfc(4791, '5.3.1'), rfc(4791, '9.2'), rfc(4918, '8.4')],
    details:
      'RFC 4791 §9.2 defines the MKCALENDAR body as {urn:ietf:params:xml:ns:caldav}mkcalendar holding one DAV:set. A root in the ' +
      'CardDAV namespace (a copy-paste from address-book code), in DAV:, or a DAV:mkcol/propertyupdate body is not understood: Apple ' +
      'CalendarServer answers 415 ("Non-mkcalendar element in MKCALENDAR request body"), sabre answers 400, and other servers may ' +
      'ignore the body and create a calendar without the requested properties. Always check the result with a PROPFIND.',
  },
  messages: {
    'wrong-namespace': {
      message: 'MKCALENDAR body root is {root}: mkcalendar in namespace "{ns}" instead of the CalDAV namespace',
      fix: 'Declare xmlns:C="urn:ietf:params:xml:ns:caldav" and use <C:mkcalendar> as the root.',
    },
    'wrong-root': {
      message: 'MKCALENDAR body root is {root}, not CALDAV:mkcalendar',
      fix: 'Send <C:mkcalendar xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:"><D:set><D:prop>…</D:prop></D:set></C:mkcalendar>, or use extended MKCOL for a DAV:mkcol body.',
    },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root || root.ns === NS.CALDAV && root.local === 'mkcalendar') return [];
    const location = { side: 'request' as const, xmlElement: root.name };
    if (root.local === 'mkcalendar') return [{ messageId: 'wrong-namespace', data: { root: prefixedName(root.name), ns: root.ns || '(none)' }, location }];
    return [{ messageId: 'wrong-root', data: { root: prefixedName(root.name) }, location }];
  },
});
