// Rule tests: 207 hrefs in mixed forms, outside the request scope, or not requested by a multiget.
import rule from '../../../rules/webdav/multistatus-href-inconsistent.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, HOST, multigetBody, multistatus, propfind, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a PROPFIND with paths under the collection', exchange: propfind() },
    { name: 'a PROPFIND with full URLs only', exchange: propfind({ responseBody: multistatus([{ href: `${HOST}${CALENDAR}`, propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }) },
    { name: 'a multiget answering what it asked', exchange: report({ body: multigetBody([EVENT]), headers: {}, responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"1"</D:getetag>' }] }]) }) },
  ],
  invalid: [
    {
      name: 'a 207 mixing a full URL and a path',
      exchange: propfind({ responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:getetag/>' }] }, { href: `${HOST}${EVENT}`, propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }),
      findings: [{ messageId: 'mixed' }],
    },
    {
      name: 'a PROPFIND returning an href outside the collection',
      exchange: propfind({ responseBody: multistatus([{ href: '/bob/calendar/x.ics', propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }),
      findings: [{ messageId: 'outside', data: { href: '/bob/calendar/x.ics' } }],
    },
    {
      name: 'a multiget answered with an href never asked',
      exchange: report({ body: multigetBody([EVENT]), headers: {}, responseBody: multistatus([{ href: '/alice/calendar/other.ics', propstats: [{ status: 200, props: '<D:getetag/>' }] }]) }),
      findings: [{ messageId: 'unrequested', severity: 'warning' }],
    },
  ],
});
