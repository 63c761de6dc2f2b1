// Rule tests: truncated sync-collection answers.
import rule from '../../../rules/webdav/sync-truncated.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, multistatus, report, syncCollectionBody } from '../factories.ts';

run(rule, {
  valid: [{ name: 'a complete sync answer', exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag/>' }] }], '<D:sync-token>t</D:sync-token>') }) }],
  invalid: [
    {
      name: 'a 507 entry for the collection itself',
      exchange: report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag/>' }] }, { href: CALENDAR, status: 507 }], '<D:sync-token>t</D:sync-token>') }),
      findings: [{ messageId: 'truncated', severity: 'info', data: { count: 1 } }],
    },
  ],
});
