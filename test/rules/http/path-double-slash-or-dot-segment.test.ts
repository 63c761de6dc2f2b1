// Rule tests: "//" and dot-segments in request paths and Destination.
import rule from '../../../rules/http/path-double-slash-or-dot-segment.ts';
import { run } from '../tester.ts';
import { HOST, get, move } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a clean path', exchange: get() },
    { name: 'a clean absolute Destination', exchange: move() },
    { name: 'a dot inside a file name', exchange: get({ path: '/alice/calendar/a.b..ics' }) },
  ],
  invalid: [
    { name: 'a path with //', exchange: get({ path: '/alice/calendar//event-1.ics' }), findings: [{ messageId: 'path', severity: 'warning', data: { path: '/alice/calendar//event-1.ics' } }] },
    { name: 'a path with /../', exchange: get({ path: '/alice/calendar/../x.ics' }), findings: [{ messageId: 'path' }] },
    { name: 'a Destination with //', exchange: move({ headers: { Destination: `${HOST}/alice//calendar/e2.ics` } }), findings: [{ messageId: 'destination' }] },
  ],
});
