// Rule tests: Depth on sync-collection.
import rule from '../../../rules/webdav/sync-collection-depth-not-zero.ts';
import { run } from '../tester.ts';
import { report, syncCollectionBody } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a sync-collection with Depth: 0', exchange: report({ body: syncCollectionBody(), headers: { Depth: '0' } }) },
    { name: 'a sync-collection without Depth', exchange: report({ body: syncCollectionBody(), headers: {} }) },
  ],
  invalid: [{ name: 'a sync-collection with Depth: 1', exchange: report({ body: syncCollectionBody() }), findings: [{ messageId: 'depth', severity: 'error', data: { value: '1' } }] }],
});
