// Rule tests: 207 bodies with failed hrefs or properties, including a refused MKCALENDAR.
import rule from '../../../rules/webdav/multistatus-failure.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, exchange, mkcalendar, mkcalendarBody, multistatus, propfind, proppatch, report, syncCollectionBody, multigetBody } from '../factories.ts';

const vjournalOnly = mkcalendarBody('<D:displayname>Journal</D:displayname><C:supported-calendar-component-set><C:comp name="VJOURNAL"/></C:supported-calendar-component-set>');

run(rule, {
  valid: [
    { name: 'a PROPFIND 207 where every property is 200', exchange: propfind() },
    {
      name: 'a PROPFIND 207 with 404 propstats (properties not supported)',
      exchange: propfind({ responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype/>' }, { status: 404, props: '<CS:getctag/>' }] }]) }),
    },
    {
      name: 'a sync-collection 207 listing a removed member as 404',
      exchange: report({ body: syncCollectionBody(), headers: { Depth: '0' }, responseBody: multistatus([{ href: EVENT, status: 404 }], '<D:sync-token>t2</D:sync-token>') }),
    },
    { name: 'Radicale answering DELETE with a 200 multistatus', exchange: exchange({ method: 'DELETE', path: EVENT, status: 200, responseBody: multistatus([{ href: EVENT, status: 200 }]) }) },
    { name: 'a successful MKCALENDAR', exchange: mkcalendar() },
  ],
  invalid: [
    {
      name: 'a MKCALENDAR whose VJOURNAL-only component set the server refuses',
      exchange: mkcalendar({
        body: vjournalOnly,
        status: 207,
        responseBody: multistatus([
          {
            href: '/alice/work/',
            propstats: [
              { status: 403, props: '<C:supported-calendar-component-set/>', description: 'VJOURNAL is not supported' },
              { status: 424, props: '<D:displayname/>' },
            ],
          },
        ]),
      }),
      findings: [
        {
          messageId: 'not-created',
          severity: 'error',
          message: /CALDAV:supported-calendar-component-set 403 "VJOURNAL is not supported"; .*DAV:displayname 424/,
        },
      ],
    },
    {
      name: 'a 403 MKCALENDAR with an mkcalendar-response body',
      exchange: mkcalendar({
        status: 403,
        responseBody: '<C:mkcalendar-response xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:propstat><D:prop><C:calendar-timezone/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status><D:error><C:valid-calendar-data/></D:error></D:propstat></C:mkcalendar-response>',
      }),
      findings: [{ messageId: 'not-created', message: /CALDAV:calendar-timezone 403 \(CALDAV:valid-calendar-data\)/ }],
    },
    {
      name: 'a PROPPATCH 207 refusing a protected property',
      exchange: proppatch({ responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 403, props: '<D:getetag/>' }, { status: 424, props: '<D:displayname/>' }] }]) }),
      findings: [{ messageId: 'failures', severity: 'info', data: { count: 2, method: 'PROPPATCH' } }],
    },
    {
      name: 'a multiget 207 with a 404 href',
      exchange: report({ body: multigetBody([EVENT, '/alice/calendar/gone.ics']), headers: {}, responseBody: multistatus([{ href: '/alice/calendar/gone.ics', status: 404 }]) }),
      findings: [{ messageId: 'failures', data: { count: 1, list: '/alice/calendar/gone.ics 404' } }],
    },
  ],
});
