// Flags a client repeating a request with the same If-Match right after a 412, without refetching: a loop.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';

export default defineRule({
  id: 'http/retry-after-412-without-refresh',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'After a 412 on If-Match, resending the same tag without refetching can never succeed.',
    specs: [rfc(9110, '13.1.1')],
    details:
      'A 412 says the ETag is stale. Sending the same method to the same URL with the same If-Match before any GET, PROPFIND or REPORT ' +
      'that could refresh it will fail again: the client is looping. Seen in bitfireAT/davx5-ose#1150 (ETag cache not invalidated by a ' +
      '412) and koreader/koreader PR #15715.',
  },
  messages: { loop: { message: '{method} {path} repeats If-Match {etag} after a 412 without refetching', fix: 'On 412, drop the cached ETag, GET the object, merge, and retry with the new ETag.' } },
  check(view, context) {
    const etag = view.reqHeader('If-Match')?.trim();
    if (etag === undefined) return [];
    const key = view.key;
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      const refreshes = ['GET', 'HEAD', 'PROPFIND', 'REPORT'].includes(prev.method) && (prev.method !== 'GET' && prev.method !== 'HEAD' ? true : prev.key === key);
      if (refreshes) return [];
      if (prev.key === key && prev.method === view.method && prev.status === 412) {
        if (prev.reqHeader('If-Match')?.trim() === etag) return [{ messageId: 'loop', data: { method: view.method, path: view.path, etag }, location: { side: 'request', header: 'If-Match' } }];
        return [];
      }
      if (resourceKey(prev.path) === key && prev.method === 'PUT' && prev.status !== 412) return [];
    }
    return [];
  },
});
