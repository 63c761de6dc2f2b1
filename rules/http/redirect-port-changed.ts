// Flags a redirect that keeps the host name the client used but changes or drops its port (an internal or default port leaks out).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { clientUsedTls, isRedirect } from '../lib/checks.ts';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const effectivePort = (u: URL): string => u.port || (u.protocol === 'https:' ? '443' : '80');

export default defineRule({
  id: 'http/redirect-port-changed',
  severity: 'error',
  party: 'server',
  docs: {
    summary: 'A redirect to the same host name must keep the port the client used; an internal port (:8080) or a dropped external port breaks discovery.',
    specs: [rfc(6764, '5'), rfc(9110, '10.2.2'), rfc(9110, '4.2.3')],
    details:
      'Servers behind a reverse proxy build absolute Locations from what they see: the port they listen on (8080, 5232) instead of the ' +
      'public one, or no port at all when the public service runs on a non-standard port such as 8443. The client follows the redirect ' +
      'to a port that is closed or that serves something else, and discovery fails, typically on /.well-known/caldav (sabre-io/Baikal#1391; ' +
      'jchaney/owncloud PR #52 for a custom HTTPS port). Redirects that change the scheme are left to http/redirect-to-internal-or-insecure, ' +
      'and a Location naming the upstream davscope proxies to is fine because davscope maps it back for the client.',
  },
  messages: {
    'port-changed': {
      message: 'Redirect to {location} changes the port from {from} to {to}',
      fix: 'Make the server emit the public port (or a path-only Location): trust X-Forwarded-Host/-Port from the proxy, or set the overwrite host in the server configuration.',
    },
  },
  check(view) {
    if (!isRedirect(view.status)) return [];
    const location = view.resHeader('Location')?.trim();
    const host = view.reqHeader('Host')?.trim();
    if (!location || !host) return [];
    const target = parse(location);
    if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return [];
    const scheme = clientUsedTls(view) ? 'https:' : 'http:';
    if (target.protocol !== scheme) return [];
    const client = parse(`${scheme}//${host}/`);
    if (!client || client.hostname.toLowerCase() !== target.hostname.toLowerCase()) return [];
    const upstream = parse(view.exchange.upstream);
    if (upstream && upstream.origin === target.origin) return [];
    const from = effectivePort(client);
    const to = effectivePort(target);
    if (from === to) return [];
    return [{ messageId: 'port-changed', data: { location, from, to }, location: { side: 'response', header: 'Location' } }];
  },
});
