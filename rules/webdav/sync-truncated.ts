// Notes a sync-collection answer truncated by the server (507 on the request-URI): the client must keep paging.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { dav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'webdav/sync-truncated',
  severity: 'info',
  party: 'unknown',
  methods: ['REPORT'],
  docs: {
    summary: 'A sync-collection 207 with a 507 response for the request-URI is truncated; repeat the report with the new token until no 507 comes back.',
    specs: [rfc(6578, '3.6'), rfc(6578, '3.7')],
    details:
      'Servers cap sync results (or honour DAV:limit) by returning part of the changes, a 507 entry for the collection itself, and a token ' +
      'covering only what was sent. A client that stops there misses changes. Seen with OneCalendar and sabre (sabre-io/dav PR #1248), ' +
      'Google and Yandex (python-caldav/caldav#340).',
  },
  messages: { truncated: { message: 'sync-collection on {path} was truncated ({count} changes returned)', fix: 'Send the sync-collection again with the returned token until the answer has no 507 entry.' } },
  check(view) {
    if (view.status !== 207 || view.xmlRoot('request')?.name !== dav('sync-collection')) return [];
    const entries = view.multistatus ?? [];
    const self = entries.find((e) => e.status === 507 && resourceKey(e.href) === view.key);
    if (!self) return [];
    return [{ messageId: 'truncated', data: { path: view.path, count: entries.length - 1 }, location: { side: 'response' } }];
  },
});
