// Flags an XML request body sent with a media type that is not application/xml or text/xml.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isXmlMediaType } from '../model/media-type.ts';
import { XML_BODY_METHODS } from '../lib/checks.ts';

export default defineRule({
  id: 'xml/body-content-type',
  severity: 'warning',
  party: 'client',
  methods: [...XML_BODY_METHODS],
  docs: {
    summary: 'PROPFIND, PROPPATCH, REPORT, MKCALENDAR, MKCOL, LOCK and ACL bodies should be sent as application/xml (or text/xml).',
    specs: [rfc(4918, '8.2'), rfc(5689, '3')],
    details:
      'Servers must accept application/xml and text/xml. A missing Content-Type, text/plain or a form type makes some servers ignore ' +
      'the body or answer 415: lighttpd mod_webdav answers 415 (authpass/authpass#328); for MKCALENDAR without Content-Type some servers ' +
      'created the calendar without its properties (caldav4j/caldav4j#12).',
  },
  messages: {
    type: { message: '{method} body sent with Content-Type {type}', fix: 'Send Content-Type: application/xml; charset=utf-8.' },
    rejected: { message: '{method} body sent with Content-Type {type} was rejected with 415', fix: 'Send Content-Type: application/xml; charset=utf-8.' },
  },
  check(view) {
    if (!XML_BODY_METHODS.has(view.method) || !view.hasBody('request')) return [];
    const type = view.requestType?.type;
    if (isXmlMediaType(type)) return [];
    const data = { method: view.method, type: type ?? '(none)' };
    const location = { side: 'request' as const, header: 'Content-Type' };
    return view.status === 415 ? [{ messageId: 'rejected', severity: 'error', data, location }] : [{ messageId: 'type', data, location }];
  },
});
