// Flags a sync-collection REPORT with a Depth other than 0: the scope is sync-level's job.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'webdav/sync-collection-depth-not-zero',
  severity: 'error',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'sync-collection takes Depth: 0 (or none); its scope is given by DAV:sync-level.',
    specs: [rfc(6578, '3.2'), rfc(6578, '3.3')],
    details:
      'RFC 6578 requires Depth: 0 on sync-collection; DAV:sync-level (1 or infinite) sets the scope. Strict servers answer 400 to ' +
      'Depth: 1; lenient ones reinterpret it. Seen in stalwartlabs/stalwart#2116 (eM Client).',
  },
  messages: { depth: { message: 'sync-collection on {path} sent with Depth: {value}', fix: 'Send Depth: 0 (or no Depth) and put the scope in DAV:sync-level.' } },
  check(view) {
    if (view.xmlRoot('request')?.name !== dav('sync-collection')) return [];
    const d = view.depth;
    if (d === undefined || d === '0') return [];
    return [{ messageId: 'depth', data: { path: view.path, value: d }, location: { side: 'request', header: 'Depth' } }];
  },
});
