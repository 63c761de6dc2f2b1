// Explains a 412 by the conditional header the request carried (RFC 9110 §13.1).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/precondition-failed',
  severity: 'info',
  party: 'client',
  explains: 'refusal',
  docs: {
    summary: 'A 412 Precondition Failed, explained by the conditional header that caused it.',
    specs: [rfc(9110, '13.1.1'), rfc(9110, '13.1.2'), rfc(4918, '10.6'), rfc(6638, '3.2.10'), rfc(6578, '5')],
    details:
      'A 412 means a condition the client itself set did not hold; the conditional request did its job. Which one matters: a stale ' +
      'If-Match means someone changed the object; If-None-Match: * means something already exists at that URL; If-Schedule-Tag-Match ' +
      'means a change that matters to scheduling happened; Overwrite: F on COPY/MOVE means the destination exists; an If: header means ' +
      'a lock token or sync-token mismatch. Seen in nextcloud/server#14428 and aluxnimm/outlookcaldavsynchronizer#286.',
  },
  messages: {
    'if-match': { message: '{method} {path}: 412, the resource changed since the client read it (If-Match {value})', fix: 'Refetch the object, merge your change, retry with the new ETag.' },
    'if-none-match': { message: '{method} {path}: 412, something already exists at this URL (If-None-Match: *)', fix: 'The client believed it was creating: update the existing object with If-Match, or pick a new name.' },
    'if-schedule-tag-match': { message: '{method} {path}: 412, the Schedule-Tag changed (a change that matters happened)', fix: 'Re-read the object, merge, and retry with the new Schedule-Tag.' },
    overwrite: { message: '{method} {path}: 412, the destination exists and Overwrite is F', fix: 'Choose another Destination, or send Overwrite: T if replacing it is intended.' },
    'if-header': { message: '{method} {path}: 412, the If: header (lock token or state) did not match', fix: 'Refresh the lock or state token the If: header names.' },
    other: { message: '{method} {path}: 412 without a conditional header davscope recognises', fix: 'Look at the response body; some servers answer 412 for size limits (Radicale for max-resource-size).' },
  },
  check(view) {
    if (view.status !== 412) return [];
    const data = { method: view.method, path: view.path };
    const loc = (header: string) => ({ side: 'request' as const, header });
    if (view.reqHeader('If-Schedule-Tag-Match') !== undefined) return [{ messageId: 'if-schedule-tag-match', data, location: loc('If-Schedule-Tag-Match') }];
    const ifMatch = view.reqHeader('If-Match');
    if (ifMatch !== undefined) return [{ messageId: 'if-match', data: { ...data, value: ifMatch.trim() }, location: loc('If-Match') }];
    if (view.reqHeader('If-None-Match') !== undefined) return [{ messageId: 'if-none-match', data, location: loc('If-None-Match') }];
    if ((view.method === 'COPY' || view.method === 'MOVE') && view.reqHeader('Overwrite')?.trim().toUpperCase() === 'F') return [{ messageId: 'overwrite', data, location: loc('Overwrite') }];
    if (view.reqHeader('If') !== undefined) return [{ messageId: 'if-header', data, location: loc('If') }];
    return [{ messageId: 'other', data, location: { side: 'response' } }];
  },
});
