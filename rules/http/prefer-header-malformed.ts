// Flags Prefer headers that repeat the header name or use an unknown return= value.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/prefer-header-malformed',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'Prefer is a list of token[=value] preferences; return= takes minimal or representation.',
    specs: [rfc(7240, '2'), rfc(7240, '4.2'), rfc(8144, '2')],
    details: 'A value like "Prefer: return=minimal" (the header name repeated inside the value, owncloud/client PR #10104) or return=min is not understood and silently ignored, so the client gets the full answer it wanted to avoid.',
  },
  messages: {
    'name-repeated': { message: 'Prefer value "{value}" repeats the header name', fix: 'Send the header as Prefer: return=minimal.' },
    syntax: { message: 'Prefer value "{value}" is not a list of token[=value] preferences', fix: 'Send e.g. Prefer: return=minimal, depth-noroot.' },
    'return-value': { message: 'Prefer return={value} is neither minimal nor representation', fix: 'Use return=minimal or return=representation.' },
  },
  check(view) {
    const out: Report<'name-repeated' | 'syntax' | 'return-value'>[] = [];
    const location = { side: 'request' as const, header: 'Prefer' };
    for (const raw of view.reqHeaders('Prefer')) {
      const value = raw.trim();
      if (/^prefer\s*:/i.test(value)) {
        out.push({ messageId: 'name-repeated', data: { value }, location });
        continue;
      }
      for (const pref of value.split(',').map((p) => p.trim()).filter(Boolean)) {
        const first = pref.split(';')[0]!.trim();
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*=\s*("[^"]*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))?$/.test(first)) {
          out.push({ messageId: 'syntax', data: { value }, location });
          break;
        }
        const m = /^return\s*=\s*"?([^"]*)"?$/i.exec(first);
        if (m && m[1]!.toLowerCase() !== 'minimal' && m[1]!.toLowerCase() !== 'representation') out.push({ messageId: 'return-value', data: { value: m[1]! }, location });
      }
    }
    return out;
  },
});
