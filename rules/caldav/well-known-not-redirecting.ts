// Flags /.well-known/caldav answered with anything but a redirect or 401.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/well-known-not-redirecting',
  severity: 'warning',
  party: 'server',
  explains: 'refusal',
  docs: {
    summary: '/.well-known/caldav must redirect to the CalDAV context path (possibly after asking for authentication).',
    specs: [rfc(6764, '5')],
    details:
      'Clients start discovery at /.well-known/caldav. The server must redirect (301/302/307/308) and must not serve the service there; ' +
      'it may answer 401 first. A 404 or 405 usually means the reverse proxy in front of the server does not forward or rewrite it ' +
      '(nextcloud/server#11850, #21473; sabre-io/Baikal#1391).',
  },
  messages: { status: { message: '{method} /.well-known/caldav answered {status} instead of a redirect', fix: 'Configure the server or reverse proxy to redirect /.well-known/caldav to the CalDAV root (e.g. 301 to /remote.php/dav/).' } },
  check(view) {
    if (!/^\/\.well-known\/caldav\/?$/i.test(view.path)) return [];
    const s = view.status;
    if (s === undefined || (s >= 300 && s < 400) || s === 401) return [];
    return [{ messageId: 'status', data: { method: view.method, status: s }, location: { side: 'response' } }];
  },
});
