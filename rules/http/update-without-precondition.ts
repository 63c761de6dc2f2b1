// Flags a PUT or DELETE that replaces or removes an existing resource with no If-Match (the lost-update hazard).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'http/update-without-precondition',
  severity: 'warning',
  party: 'client',
  methods: ['PUT', 'DELETE'],
  docs: {
    summary: 'A PUT or DELETE on an existing resource should carry If-Match (or If-Schedule-Tag-Match) so it cannot undo another client\'s change.',
    specs: [rfc(9110, '13.1.1'), rfc(4918, '8.6'), rfc(6638, '3.2.10')],
    details:
      'Without a precondition the last writer wins: a client that edits or deletes an event from a stale copy silently destroys ' +
      'another client\'s change ("lost update"). Send the ETag you last saw in If-Match; on 412 refetch, merge and retry. Radicale has ' +
      'a strict option that answers 412 when If-Match is missing on an existing item (Kozea/Radicale#1897). A resource counts as existing ' +
      'when the PUT answered 200/204, or when the session already saw its ETag.',
  },
  messages: {
    put: { message: 'PUT replaced {path} without If-Match', fix: 'Send If-Match with the ETag from your last GET, PROPFIND or REPORT.' },
    delete: { message: 'DELETE of {path} without If-Match', fix: 'Send If-Match with the last known ETag, so a changed object is not deleted blindly.' },
  },
  check(view, context) {
    const m = view.method;
    if (m !== 'PUT' && m !== 'DELETE') return [];
    if (!isSuccess(view.status)) return [];
    if (view.reqHeader('If-Match') !== undefined || view.reqHeader('If-Schedule-Tag-Match') !== undefined || view.reqHeader('If') !== undefined) return [];
    if (m === 'PUT' && view.reqHeaders('If-None-Match').some((v) => v.trim() === '*')) return [];
    const known = context.resource(view.path);
    const existed = (known?.exists === true && known.etag !== undefined) || (m === 'PUT' && (view.status === 200 || view.status === 204));
    if (!existed || view.path.endsWith('/')) return [];
    return [{ messageId: m === 'PUT' ? 'put' : 'delete', data: { path: view.path }, location: { side: 'request', header: 'If-Match' } }];
  },
});
