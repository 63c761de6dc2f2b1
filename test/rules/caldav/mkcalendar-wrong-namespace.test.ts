// Rule tests: MKCALENDAR bodies rooted outside the CalDAV namespace (CardDAV namespace -> 415 on CalendarServer).
import rule from '../../../rules/caldav/mkcalendar-wrong-namespace.ts';
import { run } from '../tester.ts';
import { mkcalendar, mkcalendarBody, mkcol } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a MKCALENDAR with a C:mkcalendar body', exchange: mkcalendar() },
    { name: 'a MKCALENDAR with a default-namespace CalDAV root', exchange: mkcalendar({ body: '<mkcalendar xmlns="urn:ietf:params:xml:ns:caldav"><set xmlns="DAV:"><prop/></set></mkcalendar>' }) },
    { name: 'a MKCALENDAR without a body', exchange: mkcalendar({ body: undefined }) },
    { name: 'a MKCOL with a DAV:mkcol body', exchange: mkcol({ body: '<D:mkcol xmlns:D="DAV:"><D:set><D:prop/></D:set></D:mkcol>' }) },
  ],
  invalid: [
    {
      name: 'a MKCALENDAR rooted in the CardDAV namespace, answered 415',
      exchange: mkcalendar({ body: mkcalendarBody().replace('urn:ietf:params:xml:ns:caldav', 'urn:ietf:params:xml:ns:carddav'), status: 415 }),
      findings: [{ messageId: 'wrong-namespace', severity: 'error', data: { root: 'CARD:mkcalendar', ns: 'urn:ietf:params:xml:ns:carddav' } }],
    },
    {
      name: 'a MKCALENDAR rooted in DAV:',
      exchange: mkcalendar({ body: '<D:mkcalendar xmlns:D="DAV:"><D:set><D:prop/></D:set></D:mkcalendar>', status: 400 }),
      findings: [{ messageId: 'wrong-namespace', data: { root: 'DAV:mkcalendar' } }],
    },
    {
      name: 'a MKCALENDAR with a DAV:mkcol body',
      exchange: mkcalendar({ body: '<D:mkcol xmlns:D="DAV:"><D:set><D:prop/></D:set></D:mkcol>' }),
      findings: [{ messageId: 'wrong-root', data: { root: 'DAV:mkcol' } }],
    },
  ],
});
