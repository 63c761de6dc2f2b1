// Rule tests: MKCALENDAR/MKCOL without a trailing slash, and redirects that only add the slash.
import rule from '../../../rules/webdav/collection-url-missing-trailing-slash.ts';
import { run } from '../tester.ts';
import { HOST, exchange, mkcalendar, mkcol, propfind } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a MKCALENDAR to a slashed URL', exchange: mkcalendar({ path: '/alice/work/' }) },
    { name: 'a MKCOL to a slashed URL', exchange: mkcol({ path: '/alice/stuff/' }) },
    { name: 'a PROPFIND on a slashed collection', exchange: propfind() },
    {
      name: 'a redirect to a different path',
      exchange: propfind({ path: '/.well-known/caldav', status: 301, responseHeaders: { Location: '/alice/' }, responseBody: undefined }),
    },
    { name: 'a GET of an object answered 200', exchange: exchange({ method: 'GET', path: '/alice/calendar/e.ics' }) },
  ],
  invalid: [
    {
      name: 'a MKCALENDAR without a trailing slash that Radicale answered 201',
      exchange: mkcalendar({ path: '/alice/work', status: 201 }),
      findings: [{ messageId: 'create-without-slash', severity: 'warning', data: { method: 'MKCALENDAR', path: '/alice/work' } }],
    },
    {
      name: 'a MKCOL without a trailing slash',
      exchange: mkcol({ path: '/alice/stuff' }),
      findings: [{ messageId: 'create-without-slash', data: { method: 'MKCOL' } }],
    },
    {
      name: 'a MKCALENDAR without a slash that CalendarServer answered 301',
      exchange: mkcalendar({ path: '/alice/work', status: 301, responseHeaders: { Location: `${HOST}/alice/work/` } }),
      findings: [{ messageId: 'create-redirected', severity: 'error', data: { location: `${HOST}/alice/work/` } }],
    },
    {
      name: 'a PROPFIND redirected with 301 to the same path plus a slash',
      exchange: propfind({ path: '/alice/calendar', status: 301, responseHeaders: { Location: `${HOST}/alice/calendar/` }, responseBody: undefined }),
      findings: [{ messageId: 'redirect-adds-slash', severity: 'warning', data: { status: 301, path: '/alice/calendar' } }],
    },
    {
      name: 'a DELETE redirected with 308 to the slashed path',
      exchange: exchange({ method: 'DELETE', path: '/alice/old', status: 308, responseHeaders: { Location: '/alice/old/' } }),
      findings: [{ messageId: 'redirect-adds-slash', data: { method: 'DELETE' } }],
    },
  ],
});
