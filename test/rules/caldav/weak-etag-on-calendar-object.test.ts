// Rule tests: W/ ETags on calendar objects, in headers and in 207 bodies.
import rule from '../../../rules/caldav/weak-etag-on-calendar-object.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, get, multistatus, propfind } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a strong ETag on GET', exchange: get() },
    { name: 'a weak getetag on a collection', exchange: propfind({ responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<D:getetag>W/"c"</D:getetag>' }] }]) }) },
  ],
  invalid: [
    { name: 'a gzip-weakened ETag on GET', exchange: get({ responseHeaders: { ETag: 'W/"e1"', 'Content-Type': 'text/calendar' } }), findings: [{ messageId: 'header', severity: 'warning', data: { value: 'W/"e1"' } }] },
    {
      name: 'a weak getetag of an object in a 207',
      exchange: propfind({ responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>W/"e1"</D:getetag>' }] }]) }),
      findings: [{ messageId: 'getetag', data: { href: EVENT } }],
    },
  ],
});
