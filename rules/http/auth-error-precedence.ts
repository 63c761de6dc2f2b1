// Notes a server that answered 404/412/423 to an anonymous request for a resource it then served to an authenticated one.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isSuccess } from '../lib/checks.ts';

const EARLY = new Set([404, 412, 423]);

export default defineRule({
  id: 'http/auth-error-precedence',
  severity: 'info',
  party: 'server',
  docs: {
    summary: 'A server should ask for credentials (401) before it checks existence, preconditions or locks of a protected resource.',
    specs: [rfc(4918, '8.1'), rfc(9110, '13.2.1'), rfc(9110, '15.5.2')],
    details:
      'When a request without credentials gets 404, 412 or 423 for a resource that the same request with credentials can read, the ' +
      'server evaluated the resource before authentication. Two things go wrong. The client is never challenged, so it may give up ' +
      '("calendar not found") instead of logging in; and the answers differ between existing and missing URLs, which tells anyone ' +
      'what exists. RFC 9110 §13.2.1 has preconditions evaluated only after the request would otherwise succeed, and RFC 4918 §8.1 ' +
      'treats authorization as the first check. CalDAVTester collection-redirects.xml expects the same 401 for real and bogus users. ' +
      'davscope only notes it when nothing changed the resource in between.',
  },
  messages: {
    'before-auth': {
      message: '{method} {path} answered {before} without credentials, then {status} with them',
      fix: 'Server side: check authentication first and answer 401 with a challenge to anonymous requests for protected resources.',
    },
  },
  check(view, context) {
    if (view.reqHeader('Authorization') === undefined || !isSuccess(view.status)) return [];
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      const touches = prev.key === view.key || prev.destinationKey === view.key;
      if (!touches) continue;
      if (prev.key !== view.key || prev.method !== view.method) return [];
      if (prev.reqHeader('Authorization') !== undefined || prev.status === undefined || !EARLY.has(prev.status)) return [];
      return [{ messageId: 'before-auth', data: { method: view.method, path: view.path, before: prev.status, status: view.status! }, location: { side: 'response' } }];
    }
    return [];
  },
});
