// Explains a COPY/MOVE refused with 400/403/502 whose Destination names another scheme than the request (TLS terminated in front).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { clientUsedTls } from '../lib/checks.ts';
import { urlOrigin } from '../model/url.ts';

const REFUSALS = new Set([400, 403, 502]);

export default defineRule({
  id: 'webdav/destination-scheme-mismatch',
  severity: 'error',
  party: 'client',
  methods: ['COPY', 'MOVE'],
  docs: {
    summary: 'A Destination with https:// on a request that reached the server as http:// (or the reverse) is refused as "another server".',
    specs: [rfc(4918, '10.3'), rfc(4918, '9.9.4'), rfc(4918, '9.8.5')],
    details:
      'COPY and MOVE name their target in the Destination header. Servers compare its scheme, host and port with their own and refuse ' +
      'a Destination that points elsewhere, with 502 (Bad Gateway, "destination on another server"), 400 or 403. Behind a proxy that ' +
      'terminates TLS, the client writes https:// into Destination while the server receives the request over http://, so every MOVE ' +
      'fails although host and path are right (traefik/traefik#4816, mar10/wsgidav#183 "Source and destination must have the same ' +
      'scheme", nginx-proxy/nginx-proxy#451). Fixes: send a path-only Destination (RFC 4918 §10.3 allows an absolute path), or have the ' +
      'proxy rewrite Destination. davscope only reports it when the server refused the request, because it cannot see a TLS hop in ' +
      'front of itself.',
  },
  messages: {
    scheme: {
      message: '{method} refused with {status}: Destination uses {destScheme}:// but the request arrived over {scheme}://',
      fix: 'Send Destination as an absolute path (/alice/calendar/x.ics), or make the TLS-terminating proxy rewrite the Destination scheme.',
    },
  },
  check(view) {
    const status = view.status;
    if (status === undefined || !REFUSALS.has(status)) return [];
    const dest = urlOrigin((view.reqHeader('Destination') ?? '').trim());
    if (!dest || (dest.scheme !== 'http' && dest.scheme !== 'https')) return [];
    const destScheme = dest.scheme;
    const scheme = clientUsedTls(view) ? 'https' : 'http';
    if (destScheme === scheme) return [];
    return [{ messageId: 'scheme', data: { method: view.method, status, destScheme, scheme }, location: { side: 'request', header: 'Destination' } }];
  },
});
