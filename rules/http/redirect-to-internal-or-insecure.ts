// Flags redirects that downgrade to http:// or point at an internal host the client cannot reach.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { clientUsedTls, isRedirect } from '../lib/checks.ts';

function internal(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || /^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h) || !h.includes('.') || h.endsWith('.internal') || h.endsWith('.local');
}

export default defineRule({
  id: 'http/redirect-to-internal-or-insecure',
  severity: 'error',
  party: 'server',
  docs: {
    summary: 'A redirect must keep the scheme and the public host and port the client used.',
    specs: [rfc(6764, '8'), rfc(4918, '20.1'), rfc(9110, '10.2.2')],
    details:
      'Behind a TLS-terminating proxy, servers often build Location from what they see: http://, an internal host (127.0.0.1, a container ' +
      'name) or an internal port (:8080). The client then leaves TLS or cannot connect. Seen in nextcloud/server#11787 ("return 301 ' +
      '$scheme://…" behind TLS) and sabre-io/Baikal#1391 (iOS discovery failed).',
  },
  messages: {
    downgrade: { message: 'Redirect from HTTPS to {location}', fix: 'Make the server (or proxy) emit https:// Locations, e.g. trust X-Forwarded-Proto.' },
    internal: { message: 'Redirect to {location}, an internal host the client reached as {host}', fix: 'Emit Locations with the public host name and port (or a path only).' },
  },
  check(view) {
    if (!isRedirect(view.status)) return [];
    const location = view.resHeader('Location')?.trim();
    if (!location) return [];
    const m = /^(https?):\/\/([^/?#]+)/i.exec(location);
    if (!m) return [];
    if (clientUsedTls(view) && m[1]!.toLowerCase() === 'http') return [{ messageId: 'downgrade', data: { location }, location: { side: 'response', header: 'Location' } }];
    const host = view.reqHeader('Host')?.trim() ?? '';
    const target = m[2]!.toLowerCase();
    if (host && target !== host.toLowerCase() && internal(target) && !internal(host))
      return [{ messageId: 'internal', data: { location, host }, location: { side: 'response', header: 'Location' } }];
    return [];
  },
});
