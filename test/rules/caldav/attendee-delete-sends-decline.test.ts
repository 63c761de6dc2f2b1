// Rule tests: deleting an attendee copy without Schedule-Reply, and the cases where no decline goes out.
import rule from '../../../rules/caldav/attendee-delete-sends-decline.ts';
import { run } from '../tester.ts';
import { EVENT, PRINCIPAL, del, get, icalEvent, multistatus, options, propfind, propfindBody } from '../factories.ts';

const principal = propfind({
  path: PRINCIPAL,
  headers: { Depth: '0' },
  body: propfindBody('<C:calendar-user-address-set/>'),
  responseBody: multistatus([
    { href: PRINCIPAL, propstats: [{ status: 200, props: '<C:calendar-user-address-set><D:href>mailto:alice@example.com</D:href><D:href>/alice/</D:href></C:calendar-user-address-set>' }] },
  ]),
});
const invitation = (organizer: string) =>
  get({ responseBody: icalEvent({ extra: [`ORGANIZER:${organizer}`, 'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alice@example.com'] }) });
const autoSchedule = options({ responseHeaders: { DAV: '1, 2, 3, calendar-access, calendar-auto-schedule' } });

run(rule, {
  valid: [
    { name: 'a DELETE of an invitation with Schedule-Reply: F', history: [principal, invitation('mailto:bob@example.com')], exchange: del({ headers: { 'Schedule-Reply': 'F' } }) },
    { name: 'a DELETE of the user\'s own meeting (organizer in another case)', history: [principal, invitation('MAILTO:Alice@Example.com')], exchange: del() },
    { name: 'a DELETE when the user\'s addresses are unknown', history: [invitation('mailto:bob@example.com')], exchange: del() },
    { name: 'a DELETE of an object without ORGANIZER', history: [principal, get()], exchange: del() },
    { name: 'a DELETE on a server without calendar-auto-schedule', history: [options(), principal, invitation('mailto:bob@example.com')], exchange: del() },
    { name: 'a DELETE refused with 412', history: [principal, invitation('mailto:bob@example.com')], exchange: del({ status: 412 }) },
  ],
  invalid: [
    {
      name: 'a DELETE of Bob\'s invitation without Schedule-Reply',
      history: [autoSchedule, principal, invitation('mailto:bob@example.com')],
      exchange: del(),
      findings: [{ messageId: 'decline-sent', severity: 'info', data: { path: EVENT, organizer: 'mailto:bob@example.com' }, location: { side: 'request', header: 'Schedule-Reply' } }],
    },
    {
      name: 'a DELETE without If-Match of an invitation fetched by GET, before any OPTIONS',
      history: [principal, get({ responseBody: icalEvent({ extra: ['ORGANIZER;CN=Bob:mailto:bob@example.com'] }) })],
      exchange: del({ headers: {} }),
      findings: [{ messageId: 'decline-sent' }],
    },
  ],
});
