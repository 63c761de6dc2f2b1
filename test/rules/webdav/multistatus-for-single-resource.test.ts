// Rule tests: a 207 to a PUT, or to a MKCALENDAR refused for its own URL (Xandikos 0.2 does both),
// is the server's fault; a MKCALENDAR whose propstats refuse a property is not flagged.
import rule from '../../../rules/webdav/multistatus-for-single-resource.ts';
import { run } from '../tester.ts';
import { EVENT, mkcalendar, multistatus, put } from '../factories.ts';

const refusedHere = (href: string) => multistatus([{ href, status: 403, error: '<D:resource-must-be-null/>', description: "Something already exists at '/alice/work/'" }]);

run(rule, {
  valid: [
    { name: 'a PUT answered 201', exchange: put() },
    { name: 'a PUT refused 409 with DAV:error', exchange: put({ status: 409 }) },
    { name: 'a MKCALENDAR answered 201', exchange: mkcalendar() },
    {
      name: 'a MKCALENDAR whose propstat refuses a property (a 207 mkcalendar-response is allowed there)',
      exchange: mkcalendar({ status: 207, responseBody: multistatus([{ href: '/alice/work/', propstats: [{ status: 403, props: '<C:calendar-timezone/>', error: '<C:valid-calendar-data/>' }] }]) }),
    },
  ],
  invalid: [
    {
      name: 'a PUT answered 207 with a no-uid-conflict inside, as Xandikos does',
      exchange: put({ status: 207, responseBody: multistatus([{ href: EVENT, status: 412, error: '<C:no-uid-conflict/>' }]) }),
      findings: [{ messageId: 'multistatus', data: { method: 'PUT', path: EVENT, detail: '' }, location: { side: 'response' } }],
    },
    {
      name: 'a MKCALENDAR on an existing calendar answered 207 with a 403 for the URL itself (Xandikos, with an absolute and encoded href)',
      exchange: mkcalendar({ status: 207, responseBody: refusedHere('http%3A//127.0.0.1%3A5232/alice/work/') }),
      findings: [{ messageId: 'multistatus', data: { method: 'MKCALENDAR', detail: ' holding a 403 for the URL itself' } }],
    },
  ],
});
