// Flags a PROPFIND without a Depth header, which means infinity and is refused or reinterpreted by servers.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/propfind-without-depth',
  severity: 'warning',
  party: 'client',
  methods: ['PROPFIND'],
  docs: {
    summary: 'Every PROPFIND should carry Depth: 0 or Depth: 1; without it the server must assume infinity.',
    specs: [rfc(4918, '9.1'), rfc(4918, '10.2')],
    details:
      'A PROPFIND without Depth counts as Depth: infinity. Apple CalendarServer, Apache mod_dav and nginx answer 403 ' +
      'DAV:propfind-finite-depth; sabre silently treats it as 1; others walk the whole tree. The client gets a different answer per server. ' +
      'Seen in xbmc/xbmc PR #2361 and perry-mitchell/webdav-fs PR #1 (Yandex).',
  },
  messages: { missing: { message: 'PROPFIND {path} has no Depth header (servers read it as infinity)', fix: 'Send Depth: 0 for the resource itself, Depth: 1 for its members.' } },
  check(view) {
    if (view.reqHeader('Depth') !== undefined) return [];
    return [{ messageId: 'missing', data: { path: view.path }, location: { side: 'request', header: 'Depth' } }];
  },
});
