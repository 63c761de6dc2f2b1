// Rule tests: sync answers without a new token.
import rule from '../../../rules/webdav/sync-response-missing-token.ts';
import { run } from '../tester.ts';
import { multistatus, report, syncCollectionBody } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a sync answer with a token', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([], '<D:sync-token>t</D:sync-token>') }) },
    { name: 'a calendar-query answer', exchange: report() },
  ],
  invalid: [{ name: 'a sync answer without a token', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([]) }), findings: [{ messageId: 'missing', severity: 'error' }] }],
});
