// Flags a Depth header that is not 0, 1 or infinity.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/depth-value-invalid',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'The Depth header takes exactly 0, 1 or infinity.',
    specs: [rfc(4918, '10.2'), rfc(6578, '6.3')],
    details:
      'Values such as "infinite" (the spelling of sync-level, not Depth), "2", "1,noroot" (a Microsoft extension) or an empty value are ' +
      'invalid; servers answer 400 or guess. Seen in bitfireAT/webdav-push#85 and owncloud/ocis#1975 (Depth: 2 -> 400).',
  },
  messages: { invalid: { message: 'Depth: "{value}" is not 0, 1 or infinity', fix: 'Send Depth: 0, Depth: 1 or Depth: infinity.' } },
  check(view) {
    const raw = view.reqHeader('Depth');
    if (raw === undefined) return [];
    const v = raw.trim().toLowerCase();
    if (v === '0' || v === '1' || v === 'infinity') return [];
    return [{ messageId: 'invalid', data: { value: raw }, location: { side: 'request', header: 'Depth' } }];
  },
});
