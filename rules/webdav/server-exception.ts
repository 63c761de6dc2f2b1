// Shows the server's own message from a vendor error body (sabre/dav's S:exception and S:message, as
// Nextcloud, ownCloud and Baïkal send on every error, a 401 challenge included), decoded, as info.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { lookupSabreException, SABRE_DIAGNOSTICS } from '../decode/preconditions.ts';
import { NS, clark } from '../parse/xml/namespaces.ts';
import { textOf } from '../parse/xml/query.ts';

export default defineRule({
  id: 'webdav/server-exception',
  severity: 'info',
  party: 'unknown',
  explains: 'refusal',
  judgesKeptPart: true,
  docs: {
    summary: 'The error body holds the server\'s own exception and message (sabre/dav: Nextcloud, ownCloud, Baïkal), not a precondition; davscope shows it decoded.',
    specs: [rfc(4918, '16'), rfc(4918, '8.7')],
    details:
      'sabre/dav answers every error with a DAV:error body holding S:exception (the PHP exception class) and S:message, in the ' +
      'http://sabredav.org/ns namespace: a 401 challenge, a plain 404 and a failed validation alike. These are not RFC 4918 ' +
      'preconditions; they are the server explaining itself, and often the fastest way to the cause ("No \'Authorization: Digest\' ' +
      'header found" means the server wants Digest). Where the exception stands for a standard condition it also writes that ' +
      'element, which webdav/precondition-error decodes. The status says whether the request failed; this finding only reads the message.',
  },
  messages: {
    message: {
      message: '{method} answered {status}; the server says ({exception}): {text}',
      fix: '{fix}',
    },
  },
  check(view) {
    const conds = view.conditions;
    if (conds.length === 0) return [];
    // Where a standard element is there too, webdav/precondition-error tells the story with the message in it.
    if (conds.some((c) => !(c.element.ns === NS.SABRE && SABRE_DIAGNOSTICS.has(c.element.local)))) return [];
    const exception = textOf(conds.find((c) => c.element.local === 'exception')?.element).trim();
    if (!exception) return [];
    const text = textOf(conds.find((c) => c.element.local === 'message')?.element).trim() || '(no message)';
    const info = lookupSabreException(exception);
    const shortName = exception.slice(exception.lastIndexOf('\\') + 1);
    return [
      {
        messageId: 'message',
        data: { method: view.method, status: view.status ?? 0, exception: shortName, text, fix: info?.readAs ?? 'Read the message: it names the problem.' },
        explanation: info
          ? `sabre/dav sent ${exception} (it sends it with ${info.status}). ${info.readAs}`
          : `sabre/dav sent ${exception} with its message; the class is not in davscope's table.`,
        location: { side: 'response', xmlElement: clark(NS.SABRE, 'exception') },
      },
    ];
  },
});
