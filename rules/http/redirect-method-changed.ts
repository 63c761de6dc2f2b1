// Flags a client that followed a 301/302/303 of a DAV request with another method (usually GET).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';

export default defineRule({
  id: 'http/redirect-method-changed',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'After a 301/302/303 to a PROPFIND, REPORT, PUT, PROPPATCH, MKCALENDAR or DELETE, the client retried the Location with another method.',
    specs: [rfc(9110, '15.4'), rfc(6764, '5')],
    details:
      'Many HTTP stacks rewrite the method to GET when following 301 or 302 (allowed for historical reasons); 307 and 308 always keep ' +
      'method and body. A PROPFIND turned into a GET returns a web page, a MKCALENDAR turned into a GET creates nothing. Servers should ' +
      'use 307/308 for DAV redirects, and clients must reissue the original method. Seen in owncloud/client#5555, seanmonstar/reqwest#1777 ' +
      'and lysine-dev/okhttp PR #2078.',
  },
  messages: { changed: { message: '{from} {path} was redirected ({status}) and the client followed with {to}', fix: 'Reissue the original {from} (with its body) at the Location; servers should answer DAV requests with 307/308.' } },
  check(view, context) {
    const recent = context.recent;
    const prev = recent[recent.length - 1];
    if (!prev || (prev.status !== 301 && prev.status !== 302 && prev.status !== 303)) return [];
    if (prev.method === 'GET' || prev.method === 'HEAD') return [];
    const loc = prev.resHeader('Location');
    if (!loc || resourceKey(loc) !== view.key || view.method === prev.method) return [];
    return [{ messageId: 'changed', data: { from: prev.method, to: view.method, path: prev.path, status: prev.status! }, location: { side: 'request' } }];
  },
});
