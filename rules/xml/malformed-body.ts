// The one rule that reports an XML body that fails to parse; every other rule skips such bodies.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'xml/malformed-body',
  severity: 'error',
  party: 'by-side',
  explains: 'refusal',
  docs: {
    summary: 'An XML request or response body is not well-formed, namespace-correct XML (or a required body is missing).',
    specs: [rfc(4918, '8.2')],
    details:
      'WebDAV bodies must be well-formed XML with namespaces used correctly (RFC 4918 §8.2): an unescaped "&" or "<", mismatched tags, ' +
      'an undeclared prefix or two root elements make the whole body unreadable. A server must answer such a request with 400; a ' +
      'client receiving a malformed response must not assume the operation succeeded. PROPPATCH and REPORT always need a body. ' +
      'Seen in Kozea/Radicale#1582 (an unescaped "&" in a MKCOL body) and nextcloud/server#6533. Other rules skip a body reported here.',
  },
  messages: {
    request: {
      message: 'The {method} request body is not well-formed XML: {error}',
      fix: 'Build request bodies with an XML library (escape &, < and >; declare every prefix; one root element).',
    },
    response: {
      message: 'The {status} response to {method} is not well-formed XML: {error}',
      fix: 'The server (or a proxy in front of it) sent a broken body; do not treat the operation as successful, and report it to the server\'s maintainers.',
    },
    'missing-body': {
      message: '{method} was sent without the XML body it requires',
      fix: 'Send the {method} body (for PROPPATCH a DAV:propertyupdate, for REPORT the report element).',
    },
  },
  check(view) {
    const out: Report<'request' | 'response' | 'missing-body'>[] = [];
    const method = view.method;
    const req = view.xml('request');
    if (req && !req.ok)
      out.push({ messageId: 'request' as const, data: { method, error: req.error.line ? `${req.error.message} (line ${req.error.line})` : req.error.message }, location: { side: 'request' as const } });
    const body = view.body('request');
    if ((method === 'PROPPATCH' || method === 'REPORT') && body && (body.kind === 'none' || (body.kind === 'captured' && body.size === 0)))
      out.push({ messageId: 'missing-body' as const, data: { method }, location: { side: 'request' as const } });
    const res = view.xml('response');
    if (res && !res.ok)
      out.push({
        messageId: 'response' as const,
        data: { method, status: view.status ?? 0, error: res.error.line ? `${res.error.message} (line ${res.error.line})` : res.error.message },
        location: { side: 'response' as const },
      });
    return out;
  },
});
