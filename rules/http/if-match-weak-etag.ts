// Flags If-Match with a weak entity tag: If-Match compares strongly, so the request can never succeed.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { etagMembers } from '../lib/checks.ts';

export default defineRule({
  id: 'http/if-match-weak-etag',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'If-Match uses the strong comparison, so a W/ entity tag in it never matches.',
    specs: [rfc(9110, '13.1.1'), rfc(9110, '8.8.3.2')],
    details:
      'A weak validator in If-Match can never match, so the write always fails with 412. Refetch a strong tag (PROPFIND DAV:getetag), ' +
      'or fix the proxy that weakens the server\'s ETags (see caldav/weak-etag-on-calendar-object). DouglasdeMoura/chroncal PR #237 ' +
      'works around it by omitting If-Match for weak validators, which trades the 412 for lost updates.',
  },
  messages: { weak: { message: 'If-Match carries the weak entity tag {value}, which can never match', fix: 'Send a strong ETag in If-Match; if the server only has weak ones, fix the compressing proxy.' } },
  check(view, context) {
    // A weak tag the server itself gave for this resource is the server's fault (caldav/weak-etag-on-calendar-object).
    const given = context.resource(view.key)?.etag?.trim();
    const weak = view.reqHeaders('If-Match').flatMap(etagMembers).find((m) => m.startsWith('W/') && m !== given);
    return weak ? [{ messageId: 'weak', data: { value: weak }, location: { side: 'request', header: 'If-Match' } }] : [];
  },
});
