// Flags a 401 without WWW-Authenticate: the client cannot know how to authenticate.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/unauthorized-without-challenge',
  severity: 'error',
  party: 'server',
  docs: {
    summary: 'Every 401 carries a WWW-Authenticate challenge.',
    specs: [rfc(9110, '15.5.2'), rfc(9110, '11.6.1')],
    details: 'RFC 9110 makes the challenge a MUST. Without it, libraries never send credentials: python-caldav could not log in to Yahoo (python-caldav/caldav#713).',
  },
  messages: { missing: { message: '{method} {path} answered 401 without WWW-Authenticate', fix: 'The server (or proxy) must send WWW-Authenticate with its 401s.' } },
  check(view) {
    if (view.status !== 401 || view.resHeader('WWW-Authenticate') !== undefined) return [];
    return [{ messageId: 'missing', data: { method: view.method, path: view.path }, location: { side: 'response', header: 'WWW-Authenticate' } }];
  },
});
