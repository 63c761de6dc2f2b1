// Rule tests: unquoted entity tags in headers and DAV:getetag.
import rule from '../../../rules/http/etag-syntax-invalid.ts';
import { run } from '../tester.ts';
import { EVENT, get, multistatus, propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a strong quoted ETag', exchange: get() },
    { name: 'a weak quoted ETag (syntax is fine)', exchange: get({ responseHeaders: { ETag: 'W/"1"', 'Content-Type': 'text/calendar' } }) },
    { name: 'If-Match with a list of tags', exchange: put({ headers: { 'If-Match': '"a", "b,c"' }, status: 204 }) },
    { name: 'a PROPFIND with quoted getetags', exchange: propfind() },
    {
      name: 'an unquoted If-Match that is the very ETag the server gave (the server\'s fault, said on its answer)',
      history: [get({ responseHeaders: { ETag: '2013-02-18T05:33:13Z', 'Content-Type': 'text/calendar' } })],
      exchange: put({ headers: { 'If-Match': '2013-02-18T05:33:13Z' }, status: 204 }),
    },
  ],
  invalid: [
    { name: 'an unquoted ETag header', exchange: get({ responseHeaders: { ETag: '2013-02-18T05:33:13Z' } }), findings: [{ messageId: 'response-header', party: 'server', data: { value: '2013-02-18T05:33:13Z' } }] },
    {
      name: 'an unquoted DAV:getetag (DavMail)',
      exchange: propfind({ responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>someid</D:getetag>' }] }]) }),
      findings: [{ messageId: 'getetag', party: 'server', data: { href: EVENT, value: 'someid' } }],
    },
    { name: 'an If-Match without quotes', exchange: put({ headers: { 'If-Match': 'abc' }, status: 412 }), findings: [{ messageId: 'request-header', party: 'client', data: { header: 'If-Match' } }] },
  ],
});
