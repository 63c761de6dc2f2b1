// Rule tests: multiget answers that drop hrefs.
import rule from '../../../rules/caldav/multiget-missing-responses.ts';
import { run } from '../tester.ts';
import { EVENT, HOST, multigetBody, multistatus, report } from '../factories.ts';

const B = '/alice/calendar/b.ics';

run(rule, {
  valid: [
    { name: 'every href answered, one with 404', exchange: report({ headers: {}, body: multigetBody([EVENT, B]), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"1"</D:getetag>' }] }, { href: B, status: 404 }]) }) },
    { name: 'hrefs answered as full URLs', exchange: report({ headers: {}, body: multigetBody([EVENT]), responseBody: multistatus([{ href: `${HOST}${EVENT}`, propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }) },
  ],
  invalid: [{ name: 'one of two hrefs silently dropped', exchange: report({ headers: {}, body: multigetBody([EVENT, B]), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }), findings: [{ messageId: 'missing', data: { count: 1, total: 2, first: B } }] }],
});
