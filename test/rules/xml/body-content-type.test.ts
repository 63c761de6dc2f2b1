// Rule tests: XML request bodies with a non-XML Content-Type.
import rule from '../../../rules/xml/body-content-type.ts';
import { run } from '../tester.ts';
import { mkcalendar, mkcalendarBody, propfind, propfindBody } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'application/xml', exchange: propfind() },
    { name: 'text/xml', exchange: propfind({ headers: { Depth: '1', 'Content-Type': 'text/xml; charset="utf-8"' } }) },
    { name: 'no body at all', exchange: mkcalendar({ body: undefined }) },
  ],
  invalid: [
    { name: 'a PROPFIND body as text/plain', exchange: propfind({ headers: { Depth: '1', 'Content-Type': 'text/plain' }, body: propfindBody() }), findings: [{ messageId: 'type', severity: 'warning', data: { type: 'text/plain' } }] },
    { name: 'a MKCALENDAR body without Content-Type answered 415', exchange: mkcalendar({ rawHeaders: [['Host', '127.0.0.1:5232']], body: mkcalendarBody(), status: 415 }), findings: [{ messageId: 'rejected', severity: 'error', data: { type: '(none)' } }] },
  ],
});
