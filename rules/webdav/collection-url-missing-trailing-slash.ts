// Flags collection creation at a URL without a trailing slash, and redirects that only add the slash.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { decodePath, rawPathOf } from '../model/paths.ts';
import { isRedirect } from '../lib/checks.ts';

export default defineRule({
  id: 'webdav/collection-url-missing-trailing-slash',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'Collection URLs should end with "/": create collections there, and store the slash form when a server redirects to it.',
    specs: [rfc(4918, '8.3'), rfc(4918, '5.2'), rfc(4791, '5.3.1'), rfc(6764, '6')],
    details:
      'RFC 4918 §5.2 and §8.3 say a collection URL should end in "/". Servers disagree on a MKCALENDAR or MKCOL without it: ' +
      'Radicale creates the calendar (at the slashed URL), while Apple CalendarServer answers 301 and creates nothing, so a client ' +
      'that then follows the redirect with a GET believes it succeeded. A 301/308 to the same path plus "/" means the client keeps a ' +
      'non-canonical URL; for a state-changing method the redirect means nothing was done. Hrefs in 207 bodies are authoritative: ' +
      'store those. Seen in Kozea/Radicale#73, bitfireAT/davx5-ose#1564 and CalDAVTester collection-redirects.xml.',
  },
  messages: {
    'create-without-slash': {
      message: '{method} {path} creates a collection at a URL without a trailing slash',
      fix: 'Send {method} to "{path}/" (collection URLs end with a slash).',
    },
    'create-redirected': {
      message: '{method} {path} was redirected to {location}: the collection was NOT created',
      fix: 'Reissue the {method} at the slashed URL; do not follow the redirect with a GET.',
    },
    'redirect-adds-slash': {
      message: '{method} {path} was redirected ({status}) only to add a trailing slash',
      fix: 'Use "{path}/" as the collection URL from now on (take collection URLs from the hrefs of 207 responses).',
    },
  },
  check(view) {
    const method = view.method;
    const path = view.path;
    const status = view.status;
    const location = view.resHeader('Location');
    const addsSlash = location !== undefined && decodePath(rawPathOf(location.trim())) === `${path}/`;
    if (method === 'MKCALENDAR' || method === 'MKCOL') {
      if (path.endsWith('/')) return [];
      if (isRedirect(status))
        return [{ messageId: 'create-redirected', severity: 'error', data: { method, path, location: location ?? '(no Location)' }, location: { side: 'response', header: 'Location' } }];
      return [{ messageId: 'create-without-slash', data: { method, path }, location: { side: 'request' } }];
    }
    if ((status === 301 || status === 302 || status === 307 || status === 308) && addsSlash && !path.endsWith('/'))
      return [{ messageId: 'redirect-adds-slash', data: { method, path, status: status! }, location: { side: 'response', header: 'Location' } }];
    return [];
  },
});
