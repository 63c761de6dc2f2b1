// Rule tests: sync-collection request bodies.
import rule from '../../../rules/webdav/sync-collection-body-shape.ts';
import { run } from '../tester.ts';
import { report, syncCollectionBody } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an initial sync with an empty token', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody() }) },
    { name: 'a sync with a limit', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody('http://x/1', '1', '<D:limit><D:nresults>100</D:nresults></D:limit>') }) },
  ],
  invalid: [
    { name: 'no sync-level', exchange: report({ headers: { Depth: '0' }, body: '<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:prop><D:getetag/></D:prop></D:sync-collection>' }), findings: [{ messageId: 'missing', data: { element: 'sync-level' } }] },
    { name: 'sync-level infinity', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody('', 'infinity') }), findings: [{ messageId: 'level', data: { value: 'infinity' } }] },
    { name: 'a limit of zero', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody('', '1', '<D:limit><D:nresults>0</D:nresults></D:limit>') }), findings: [{ messageId: 'limit' }] },
  ],
});
