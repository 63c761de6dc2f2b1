// Rule tests: "//" and dot-segments in request paths and Destination.
import rule from '../../../rules/http/path-double-slash-or-dot-segment.ts';
import { run } from '../tester.ts';
import { CALENDAR, HOST, get, move, multistatus, propfind } from '../factories.ts';

const DOUBLED = '/alice/calendar//event-1.ics';
// The server listed the event with a doubled slash: a client fetching that href echoes the server's form.
const listed = propfind({ responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }] }, { href: DOUBLED, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }]) });

run(rule, {
  valid: [
    { name: 'a clean path', exchange: get() },
    { name: 'a clean absolute Destination', exchange: move() },
    { name: 'a dot inside a file name', exchange: get({ path: '/alice/calendar/a.b..ics' }) },
  ],
  invalid: [
    { name: 'a path with //', exchange: get({ path: '/alice/calendar//event-1.ics' }), findings: [{ messageId: 'path', severity: 'warning', data: { path: '/alice/calendar//event-1.ics' } }] },
    {
      name: 'a // path the server itself listed in a multistatus, fetched as given (the server\'s fault)',
      history: [listed],
      exchange: get({ path: DOUBLED }),
      findings: [{ messageId: 'given', party: 'server', data: { path: DOUBLED } }],
    },
    { name: 'a // path the server never listed', history: [listed], exchange: get({ path: '/alice//calendar/x.ics' }), findings: [{ messageId: 'path', party: 'client' }] },
    { name: 'a path with /../', exchange: get({ path: '/alice/calendar/../x.ics' }), findings: [{ messageId: 'path' }] },
    { name: 'a Destination with //', exchange: move({ headers: { Destination: `${HOST}/alice//calendar/e2.ics` } }), findings: [{ messageId: 'destination' }] },
  ],
});
