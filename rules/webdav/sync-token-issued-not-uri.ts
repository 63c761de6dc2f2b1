// Flags a server issuing a sync token that is not a URI: the client echoing it back is not at fault.
import { hasUriScheme } from '../lib/checks.ts';
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'webdav/sync-token-issued-not-uri',
  severity: 'warning',
  party: 'server',
  methods: ['REPORT'],
  docs: {
    summary: 'The DAV:sync-token a server issues in a sync-collection answer is a URI.',
    specs: [rfc(6578, '3.2'), rfc(6578, '6.2')],
    details:
      'RFC 6578 makes the sync token a URI (§6.2: the DAV:sync-token element holds a URI; §3.2: clients treat it as opaque). A ' +
      'client that sends it back unchanged does the right thing even when the token is "12": the mistake is the server\'s, and ' +
      'davscope says so here, on the answer that issued it, not on the client\'s next request. Clients that validate tokens as URIs ' +
      'refuse the server\'s own token and fall back to a full resync every time.',
  },
  messages: {
    'not-uri': { message: 'The sync-collection answer for {path} issued sync-token "{token}", which is not a URI', fix: 'Issue sync tokens as URIs, e.g. http://example.com/ns/sync/12, and accept them back as sent.' },
  },
  check(view) {
    if (view.status !== 207 || view.xmlRoot('request')?.name !== dav('sync-collection')) return [];
    const token = view.responseSyncToken;
    if (token === undefined || token === '' || hasUriScheme(token)) return [];
    return [{ messageId: 'not-uri', data: { path: view.path, token }, location: { side: 'response', xmlElement: dav('sync-token') } }];
  },
});
