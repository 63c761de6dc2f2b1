// Flags COPY/MOVE with a missing, relative, cross-host, self-referencing or unencoded Destination.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { hideUrlPasswords, normalHost, urlOrigin } from '../model/url.ts';

export default defineRule({
  id: 'webdav/destination-header-invalid',
  severity: 'error',
  party: 'client',
  methods: ['COPY', 'MOVE'],
  docs: {
    summary: 'COPY and MOVE need a Destination that is an absolute URI or absolute path on the same server, differs from the source, and is percent-encoded.',
    specs: [rfc(4918, '10.3'), rfc(4918, '9.8.5'), rfc(4918, '9.9.4')],
    details:
      'Without Destination the server answers 400. A relative reference is not allowed. A Destination on another host or scheme (typically ' +
      'https:// kept by a TLS-terminating proxy that forwards http:// upstream) gets 502 "different scheme" (mar10/wsgidav#183, ' +
      'traefik/traefik#4816). Source equal to destination gets 403. Spaces, backslashes and non-ASCII must be percent-encoded.',
  },
  messages: {
    missing: { message: '{method} {path} has no Destination header', fix: 'Send Destination with the target URL.' },
    relative: { message: 'Destination "{value}" is neither an absolute URI nor an absolute path', fix: 'Send an absolute path (/alice/calendar/new.ics) or a full URL.' },
    'other-host': { message: 'Destination host {destHost} differs from the request Host {host}', fix: 'Keep Destination on the same scheme, host and port; a TLS-terminating proxy must rewrite it.' },
    same: { message: 'Destination equals the source {path}', fix: 'Choose a different Destination.' },
    unencoded: { message: 'Destination "{value}" contains unencoded spaces, backslashes or non-ASCII characters', fix: 'Percent-encode the Destination path.' },
  },
  check(view) {
    const location = { side: 'request' as const, header: 'Destination' };
    const raw = view.reqHeader('Destination');
    if (raw === undefined) return [{ messageId: 'missing', data: { method: view.method, path: view.path }, location }];
    const value = raw.trim();
    // Shown in messages: never with the password of a URL's userinfo.
    const shown = hideUrlPasswords(value);
    const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
    if (!absolute && !value.startsWith('/')) return [{ messageId: 'relative', data: { value: shown }, location }];
    // A backslash is no URI character either, and parsers disagree on it (WHATWG reads it as "/",
    // others as part of the authority), so the host it names depends on who reads it.
    if (/[\s\\\u0080-\uffff]/.test(value)) return [{ messageId: 'unencoded', data: { value: shown }, location }];
    const host = view.reqHeader('Host')?.trim();
    if (absolute && host) {
      // WHATWG URL parsing: the host follows the userinfo, and a default port is no difference.
      const dest = urlOrigin(value);
      if (!dest) return [{ messageId: 'relative', data: { value: shown }, location }];
      if (dest.host !== normalHost(host, dest.scheme)) return [{ messageId: 'other-host', data: { destHost: dest.host, host: host.toLowerCase() }, location }];
    }
    if (resourceKey(value) === view.key) return [{ messageId: 'same', data: { path: view.path }, location }];
    return [];
  },
});
