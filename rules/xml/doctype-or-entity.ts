// Flags XML request bodies with a DOCTYPE or entity declarations, which servers refuse (no-external-entities).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'xml/doctype-or-entity',
  severity: 'error',
  party: 'client',
  judgesKeptPart: true,
  docs: {
    summary: 'WebDAV request bodies must not contain a DOCTYPE or entity declarations.',
    specs: [rfc(4918, '20.6'), rfc(4918, '16')],
    details:
      'External entities and entity expansion are a classic attack (XXE, billion laughs); RFC 4918 §20.6 lets servers refuse them with ' +
      '403 DAV:no-external-entities, and davscope never expands them. A legitimate client has no reason to send a DOCTYPE.',
  },
  messages: { doctype: { message: 'The {method} body contains a DOCTYPE or entity declaration', fix: 'Send plain XML without <!DOCTYPE> or <!ENTITY>.' } },
  check(view) {
    if (!view.looksLikeXml('request')) return [];
    const r = view.xml('request');
    const declared = r?.ok ? r.doc.hasDoctype : /<!(DOCTYPE|ENTITY)/.test(view.text('request')?.text ?? '');
    return declared ? [{ messageId: 'doctype', data: { method: view.method }, location: { side: 'request' } }] : [];
  },
});
