// Rule tests: COPY/MOVE that nest a collection in a calendar, move an object out of calendars, or are refused without a reason.
import rule from '../../../rules/caldav/copy-move-into-calendar.ts';
import { run } from '../tester.ts';
import { CALENDAR, HOST, PRINCIPAL, copy, davError, move, multistatus, propfind } from '../factories.ts';

const home = propfind({
  path: PRINCIPAL,
  responseBody: multistatus([
    { href: PRINCIPAL, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }] },
    { href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>' }] },
    { href: '/alice/work/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>' }] },
    { href: '/alice/files/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }] },
  ]),
});

run(rule, {
  valid: [
    { name: 'a MOVE of an event between two calendars', history: [home], exchange: move({ headers: { Destination: `${HOST}/alice/work/event-1.ics` } }) },
    { name: 'a MOVE of a calendar to another name in the home', history: [home], exchange: move({ path: '/alice/work/', headers: { Destination: `${HOST}/alice/archive/` } }) },
    { name: 'a COPY whose target kinds are unknown', exchange: copy({ path: '/x/a/', headers: { Destination: '/x/b/c/' } }) },
    { name: 'a 403 with a DAV:error element (webdav/precondition-error decodes it)', history: [home], exchange: copy({ status: 403, responseBody: davError('<C:no-uid-conflict><D:href>/alice/calendar/x.ics</D:href></C:no-uid-conflict>') }) },
    { name: 'a 403 to a MOVE onto itself (webdav/destination-header-invalid reports it)', exchange: move({ headers: { Destination: `${HOST}/alice/calendar/event-1.ics` }, status: 403 }) },
  ],
  invalid: [
    {
      name: 'a MOVE of a calendar into another calendar',
      history: [home],
      exchange: move({ path: '/alice/work/', headers: { Destination: `${HOST}/alice/calendar/work/` }, status: 403 }),
      findings: [
        { messageId: 'nested', severity: 'error', data: { method: 'MOVE', path: '/alice/work/', parent: '/alice/calendar' } },
        { messageId: 'refused-undecoded', severity: 'info', data: { status: 403 } },
      ],
    },
    {
      name: 'a COPY of an event into a plain collection',
      history: [home],
      exchange: copy({ headers: { Destination: '/alice/files/event-1.ics' } }),
      findings: [{ messageId: 'object-outside-calendar', severity: 'warning', data: { parent: '/alice/files' } }],
    },
    {
      name: 'a MOVE refused with a bare 409',
      exchange: move({ status: 409 }),
      findings: [{ messageId: 'refused-undecoded', message: 'MOVE /alice/calendar/event-1.ics was refused with 409 and no reason' }],
    },
  ],
});
