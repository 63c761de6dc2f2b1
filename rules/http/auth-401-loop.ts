// Flags a client stuck in a 401 loop: three or more 401s in a row on one URL with credentials each time.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/auth-401-loop',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'A client that keeps sending credentials that get 401 is looping, and may lock the account.',
    specs: [rfc(9110, '11.6.1'), rfc(7616, '3.3'), rfc(4918, '20.1')],
    details:
      'After a 401 with credentials the client should ask the user, not retry with the same header. Digest with stale=true wants a re-hash ' +
      'with the new nonce, not new credentials. Seen in python-caldav/caldav#295 (endless loop on a wrong password) and sabre-io/Baikal#159 ' +
      '(a rewritten realm caused endless prompts).',
  },
  messages: { loop: { message: '{count} consecutive 401s on {path}, each with credentials', fix: 'Stop retrying and ask for the password; for Digest, check the realm and re-hash with the new nonce.' } },
  check(view, context) {
    if (view.status !== 401 || view.reqHeader('Authorization') === undefined) return [];
    let count = 1;
    for (let i = context.recent.length - 1; i >= 0; i--) {
      const prev = context.recent[i]!;
      if (prev.key !== view.key) continue;
      if (prev.status === 401 && prev.reqHeader('Authorization') !== undefined) count++;
      else break;
    }
    return count >= 3 ? [{ messageId: 'loop', data: { count, path: view.path }, location: { side: 'request', header: 'Authorization' } }] : [];
  },
});
