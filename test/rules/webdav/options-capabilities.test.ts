// Rule tests: OPTIONS DAV header and CalDAV requests to non-CalDAV endpoints.
import rule from '../../../rules/webdav/options-capabilities.ts';
import { run } from '../tester.ts';
import { mkcalendar, options, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an OPTIONS with calendar-access', exchange: options() },
    { name: 'a MKCALENDAR after a CalDAV OPTIONS', history: [options()], exchange: mkcalendar() },
    { name: 'a MKCALENDAR with no OPTIONS seen', exchange: mkcalendar() },
  ],
  invalid: [
    { name: 'an OPTIONS without DAV header', exchange: options({ responseHeaders: { Allow: 'GET, HEAD' } }), findings: [{ messageId: 'no-dav-header' }] },
    { name: 'a calendar-query to a plain WebDAV server', history: [options({ responseHeaders: { DAV: '1, 2' } })], exchange: report(), findings: [{ messageId: 'not-caldav', data: { what: 'REPORT calendar-query' } }] },
  ],
});
