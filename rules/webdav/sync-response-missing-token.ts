// Flags a sync-collection 207 without a DAV:sync-token: the client cannot continue incrementally.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'webdav/sync-response-missing-token',
  severity: 'error',
  party: 'server',
  methods: ['REPORT'],
  docs: {
    summary: 'Every sync-collection 207 ends with a DAV:sync-token for the next sync.',
    specs: [rfc(6578, '3.2'), rfc(6578, '6.4')],
    details: 'Without a new token the client must start from scratch next time, downloading everything again. A server that resets the token when nothing changed causes the same full replay (lennart-k/rustical#251).',
  },
  messages: { missing: { message: 'sync-collection answer for {path} has no DAV:sync-token', fix: 'The server must return DAV:sync-token in every sync-collection multistatus.' } },
  check(view) {
    if (view.status !== 207 || view.xmlRoot('request')?.name !== dav('sync-collection')) return [];
    if (!view.xmlRoot('response') || view.multistatus === undefined) return [];
    const token = view.responseSyncToken;
    return token ? [] : [{ messageId: 'missing', data: { path: view.path }, location: { side: 'response', xmlElement: dav('sync-token') } }];
  },
});
