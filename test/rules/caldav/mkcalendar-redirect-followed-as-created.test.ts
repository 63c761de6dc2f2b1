// Rule tests: PUTs into a collection whose MKCALENDAR or MKCOL was only redirected to the slashed URL, and the clients that create it first.
import rule from '../../../rules/caldav/mkcalendar-redirect-followed-as-created.ts';
import type { Exchange } from '../../../rules/model/exchange.ts';
import { run } from '../tester.ts';
import { HOST, PRINCIPAL, davError, mkcalendar, mkcol, multistatus, propfind, put } from '../factories.ts';

const redirected = (status = 301, location = '/alice/work/'): Exchange => mkcalendar({ path: '/alice/work', status, responseHeaders: { Location: location } });
const putInto = (path = '/alice/work/event-1.ics', status = 404): Exchange => put({ path, status });
const injected = (e: Exchange): Exchange => ({ ...e, source: 'injected' });

run(rule, {
  valid: [
    { name: 'a PUT after the client resent MKCALENDAR to the slashed URL and got 201', history: [redirected(), mkcalendar({ path: '/alice/work/' })], exchange: putInto('/alice/work/event-1.ics', 201) },
    { name: 'a PUT after the resent MKCALENDAR found the calendar there already (405)', history: [redirected(), mkcalendar({ path: '/alice/work/', status: 405 })], exchange: putInto('/alice/work/event-1.ics', 201) },
    {
      name: 'a PUT after the resent MKCALENDAR was refused with DAV:resource-must-be-null',
      history: [redirected(), mkcalendar({ path: '/alice/work/', status: 403, responseBody: davError('<D:resource-must-be-null/>') })],
      exchange: putInto('/alice/work/event-1.ics', 201),
    },
    { name: 'a PUT after a MKCALENDAR without the slash that the server answered 201 (Radicale creates it)', history: [mkcalendar({ path: '/alice/work' })], exchange: putInto('/alice/work/event-1.ics', 201) },
    { name: 'a PUT into another collection after the redirect', history: [redirected()], exchange: putInto('/alice/calendar/event-1.ics', 201) },
    { name: 'a PUT into the slashed URL after a redirect somewhere else', history: [redirected(301, '/calendars/alice/work/')], exchange: putInto() },
    {
      name: 'a PUT into a collection the session saw listed before the MKCALENDAR was redirected',
      history: [
        propfind({ path: PRINCIPAL, responseBody: multistatus([{ href: '/alice/work/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>' }] }]) }),
        redirected(),
      ],
      exchange: putInto('/alice/work/event-1.ics', 201),
    },
    { name: 'a second PUT after the redirect (only the first one is judged)', history: [redirected(), putInto()], exchange: putInto('/alice/work/event-2.ics') },
  ],
  invalid: [
    {
      name: 'a live server\'s 301 to the slashed URL and a PUT into it answered 404',
      history: [redirected()],
      exchange: putInto(),
      findings: [
        {
          messageId: 'not-created',
          severity: 'warning',
          data: { path: '/alice/work/event-1.ics', collection: '/alice/work/', method: 'MKCALENDAR', created: '/alice/work', status: 301, location: '/alice/work/' },
          message: /nothing created it there/,
        },
      ],
    },
    { name: 'an injected 301 and a PUT into the slashed URL (judged as a live one)', history: [injected(redirected())], exchange: putInto(), findings: [{ messageId: 'not-created' }] },
    {
      name: 'a 308 to an absolute slashed URL on MKCOL and a PUT the server accepted anyway',
      history: [mkcol({ path: '/alice/stuff', status: 308, responseHeaders: { Location: `${HOST}/alice/stuff/` } })],
      exchange: putInto('/alice/stuff/note.ics', 201),
      findings: [{ messageId: 'not-created', data: { method: 'MKCOL', status: 308, collection: '/alice/stuff/' } }],
    },
    {
      name: 'a redirect, a resent MKCALENDAR that was refused for privileges, and a PUT',
      history: [redirected(), mkcalendar({ path: '/alice/work/', status: 403, responseBody: davError('<D:need-privileges/>') })],
      exchange: putInto(),
      findings: [{ messageId: 'not-created' }],
    },
    { name: 'a redirect and a PUT to the collection URL itself', history: [redirected(307)], exchange: putInto('/alice/work/', 409), findings: [{ messageId: 'not-created', data: { status: 307 } }] },
  ],
});
