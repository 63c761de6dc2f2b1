// Flags refused Digest credentials computed for another realm than the one the server challenged with.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { authParam, authScheme } from '../lib/auth.ts';

export default defineRule({
  id: 'http/digest-realm-mismatch',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'Digest credentials must use the realm of the server\'s challenge; a hash for another realm is refused every time.',
    specs: [rfc(7616, '3.4'), rfc(7616, '3.3'), rfc(9110, '11.5')],
    details:
      'The Digest response is a hash over username, realm and password (RFC 7616 §3.4.2), so credentials computed for another realm ' +
      'can never match and the client loops on 401 prompts. The usual causes are a realm remembered from an earlier server setup, ' +
      'or a client that rewrites or caches the realm: Thunderbird Lightning kept "SabreDAV" after Baïkal changed its realm, with ' +
      'endless password prompts (sabre-io/Baikal#159). davscope compares the realm in the refused Authorization with the last Digest ' +
      'challenge the server sent.',
  },
  messages: {
    'realm-mismatch': {
      message: 'Digest credentials for realm "{sent}" were refused; the server challenges with realm "{challenged}"',
      fix: 'Compute the Digest response with the realm from the latest WWW-Authenticate challenge; clear any realm the client stored.',
    },
  },
  check(view, context) {
    if (view.status !== 401) return [];
    const auth = view.reqHeader('Authorization');
    if (authScheme(auth) !== 'digest') return [];
    const sent = authParam(auth, 'realm');
    if (sent === undefined) return [];
    let challenged: string | undefined;
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0 && challenged === undefined; i--) {
      if (recent[i]!.status !== 401) continue;
      for (const c of recent[i]!.resHeaders('WWW-Authenticate')) {
        // One header line may hold several challenges: Basic realm="a", Digest realm="b", ...
        const at = c.search(/(?:^|,)\s*digest\s/i);
        if (at === -1) continue;
        challenged = authParam(c.slice(at).replace(/^,/, ''), 'realm');
        if (challenged !== undefined) break;
      }
    }
    if (challenged === undefined || challenged === sent) return [];
    return [{ messageId: 'realm-mismatch', data: { sent, challenged }, location: { side: 'request', header: 'Authorization' } }];
  },
});
