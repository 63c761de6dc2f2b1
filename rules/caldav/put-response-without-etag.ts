// Notes a successful PUT of a calendar object with no ETag: the server probably rewrote what it stored.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/put-response-without-etag',
  severity: 'info',
  party: 'server',
  methods: ['PUT'],
  docs: {
    summary: 'A PUT answered without an ETag means the server stored something other than the bytes sent; refetch before the next conditional write.',
    specs: [rfc(4791, '5.3.4'), rfc(4918, '8.6')],
    details:
      'CalDAV servers return a strong ETag on PUT only when they stored exactly the bytes sent. No ETag usually means normalisation, an ' +
      'added SCHEDULE-STATUS, reordered properties or scheduling processing. The client must GET or PROPFIND the object before its next ' +
      'If-Match, or it will guess a tag and get 412. Seen in pimutils/vdirsyncer PR #476, sabre-io/dav#547 and natelindev/tsdav#125.',
  },
  messages: { missing: { message: 'PUT {path} answered {status} without an ETag', fix: 'GET (or PROPFIND DAV:getetag) the object before the next conditional request.' } },
  check(view) {
    if ((view.status !== 201 && view.status !== 204) || view.path.endsWith('/')) return [];
    if (view.resHeader('ETag') !== undefined) return [];
    return [{ messageId: 'missing', data: { path: view.path, status: view.status }, location: { side: 'response', header: 'ETag' } }];
  },
});
