// Flags XML bodies whose charset parameter, XML declaration and bytes disagree.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import type { Side } from '../engine/view.ts';

const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii']);

export default defineRule({
  id: 'xml/charset-mismatch',
  severity: 'warning',
  party: 'by-side',
  docs: {
    summary: 'An XML body\'s charset parameter, its XML declaration and its bytes should agree, and be UTF-8.',
    specs: [rfc(4918, '8.2'), rfc(7303, '3')],
    details:
      'For XML media types the charset parameter overrides the XML declaration (RFC 7303), so a mismatch garbles non-ASCII display ' +
      'names and descriptions. text/xml without charset plus non-ASCII bytes is read as US-ASCII by old parsers. Use UTF-8 everywhere. ' +
      'Seen in gggard/AndroidCaldavSyncAdapater#114.',
  },
  messages: {
    disagree: { message: '{side} charset={charset} but the XML declaration says encoding="{declared}"', fix: 'Make the Content-Type charset and the XML declaration agree (both utf-8).' },
    invalid: { message: '{side} body bytes are not valid {charset}', fix: 'Encode the body in the charset the Content-Type declares (utf-8).' },
    'not-utf8': { message: '{side} XML body declared as charset={charset}', fix: 'Send XML bodies in UTF-8.' },
  },
  check(view) {
    const out: Report<'disagree' | 'invalid' | 'not-utf8'>[] = [];
    for (const side of ['request', 'response'] as Side[]) {
      if (!view.looksLikeXml(side)) continue;
      const t = view.text(side);
      if (!t) continue;
      const charset = (side === 'request' ? view.requestType : view.responseType)?.charset;
      const location = { side, header: 'Content-Type' };
      if (!t.valid) {
        out.push({ messageId: 'invalid', data: { side, charset: t.charset }, location });
        continue;
      }
      if (charset !== undefined && !UTF8.has(charset)) out.push({ messageId: 'not-utf8', data: { side, charset }, location });
      const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/.exec(t.text)?.[1]?.toLowerCase();
      if (charset !== undefined && declared !== undefined && declared !== charset && !(UTF8.has(declared) && UTF8.has(charset)))
        out.push({ messageId: 'disagree', data: { side, charset, declared }, location });
    }
    return out;
  },
});
