// Flags a client that answers a Digest challenge with stale=true by reusing the expired nonce instead of the new one.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { authParam, authScheme } from '../lib/auth.ts';

export default defineRule({
  id: 'http/digest-stale-nonce-reused',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'After a Digest challenge with stale=true, the client re-hashes the same password with the new nonce; it neither reuses the old nonce nor asks the user.',
    specs: [rfc(7616, '3.3'), rfc(7616, '3.4')],
    details:
      'stale=true in a Digest challenge means "your password was right, only the nonce expired" (RFC 7616 §3.3). The client should ' +
      'compute a new response with the nonce from that challenge, silently. Clients that keep sending the expired nonce get 401 ' +
      'forever, and clients that treat the 401 as a wrong password pester the user: Apple CalendarServer users were re-prompted on ' +
      'stale nonces (apple/ccs-calendarserver#213). davscope compares the nonce in the request with the one the last stale challenge ' +
      'on the same URL handed out.',
  },
  messages: {
    'stale-nonce': {
      message: 'Digest credentials still use nonce "{old}" after a stale=true challenge gave "{fresh}"',
      fix: 'On stale=true, recompute the Digest response with the new nonce (nc restarts at 00000001) without prompting the user.',
    },
  },
  check(view, context) {
    const auth = view.reqHeader('Authorization');
    if (authScheme(auth) !== 'digest') return [];
    const nonce = authParam(auth, 'nonce');
    if (nonce === undefined) return [];
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      if (prev.key !== view.key) continue;
      if (prev.status !== 401) return [];
      const prevAuth = prev.reqHeader('Authorization');
      if (prevAuth === auth || authParam(prevAuth, 'nonce') !== nonce) return [];
      for (const c of prev.resHeaders('WWW-Authenticate')) {
        const at = c.search(/(?:^|,)\s*digest\s/i);
        if (at === -1) continue;
        const challenge = c.slice(at).replace(/^,/, '');
        if (authParam(challenge, 'stale')?.toLowerCase() !== 'true') continue;
        const fresh = authParam(challenge, 'nonce');
        if (fresh !== undefined && fresh !== nonce) {
          return [{ messageId: 'stale-nonce', data: { old: nonce, fresh }, location: { side: 'request', header: 'Authorization' } }];
        }
      }
      return [];
    }
    return [];
  },
});
