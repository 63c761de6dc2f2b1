// Flags a request that repeats, byte for byte, the Authorization the server just refused on the same URL.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { authScheme } from '../lib/auth.ts';

export default defineRule({
  id: 'http/auth-retry-same-credentials',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'After a 401, sending the very same Authorization again cannot succeed; the client should ask the user or re-hash (Digest).',
    specs: [rfc(9110, '11.6.1'), rfc(9110, '15.5.2'), rfc(7616, '3.3')],
    details:
      'A 401 to a request that carried credentials means those credentials were refused. Repeating them unchanged is the start of ' +
      'an authentication loop: the client hammers the server, and many servers lock the account after a few failures. With Digest, ' +
      'an identical header also replays a used nonce and counter, which a server must refuse. The right moves are to prompt for the ' +
      'password, or for Digest to compute a fresh response with the new nonce from the challenge. python-caldav/caldav#295 looped ' +
      'forever on a wrong password; kristapsdz/kcaldav#18 shows repeated 401s. http/auth-401-loop reports the loop itself once it ' +
      'reaches three 401s; this rule flags the first unchanged retry. In recordings made with secrets redacted, Basic credentials ' +
      'cannot be compared and are left alone.',
  },
  messages: {
    'same-credentials': {
      message: '{method} {path} resent the {scheme} credentials that just got 401, and got {status} again',
      fix: 'After a 401 with credentials, ask the user again; for Digest, answer the new challenge (nonce, realm) instead of replaying the header.',
    },
  },
  check(view, context) {
    const auth = view.reqHeader('Authorization');
    // A retry that succeeded was not futile (a transient 401); judge only retries refused again.
    if (auth === undefined || view.status !== 401) return [];
    // Recordings redact secrets ("Basic alice:[redacted]"), so two redacted Basic headers may differ on the wire.
    // Digest keeps nonce and nc, which alone make a header a replay.
    if (auth.includes('[redacted]') && authScheme(auth) !== 'digest') return [];
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      if (prev.key !== view.key) continue;
      if (prev.status !== 401 || prev.reqHeader('Authorization') !== auth) return [];
      // A request sent before the 401 arrived is a parallel request, not a retry.
      const prevEnd = prev.exchange.timings.end;
      if (prevEnd !== undefined && view.exchange.timings.startedAt < prev.exchange.timings.startedAt + prevEnd) return [];
      const raw = auth.trim().split(/\s+/)[0] ?? '';
      const scheme = authScheme(auth) ? raw : '(unknown)';
      return [{ messageId: 'same-credentials', data: { method: view.method, path: view.path, scheme, status: view.status }, location: { side: 'request', header: 'Authorization' } }];
    }
    return [];
  },
});
