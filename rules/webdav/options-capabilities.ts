// Flags OPTIONS answers without a DAV header, and CalDAV requests to a server whose DAV header lacks calendar-access.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { isSuccess } from '../lib/checks.ts';

const CALDAV_REPORTS = new Set(['calendar-query', 'calendar-multiget', 'free-busy-query'].map(caldav));

export default defineRule({
  id: 'webdav/options-capabilities',
  severity: 'warning',
  party: 'server',
  docs: {
    summary: 'OPTIONS advertises the server\'s DAV compliance classes; a CalDAV server lists calendar-access.',
    specs: [rfc(4918, '10.1'), rfc(4791, '5.1'), rfc(6638, '2'), rfc(7809, '3.1.1'), rfc(5689, '3.1')],
    details:
      'The DAV response header of OPTIONS tells clients what the server can do: 1, 2, 3, access-control, calendar-access, ' +
      'calendar-auto-schedule, calendar-no-timezone, extended-mkcol. davscope records the tokens for other rules. A missing DAV header ' +
      'crashed nextcloud/cdav-library#874; CalDAV requests to a server without calendar-access usually hit the wrong URL or a plain ' +
      'WebDAV server.',
  },
  messages: {
    'no-dav-header': { message: 'OPTIONS {path} answered {status} without a DAV header', fix: 'Check the URL: a CalDAV endpoint answers OPTIONS with DAV: 1, 2, 3, calendar-access.' },
    'not-caldav': { message: '{what} sent to a server whose DAV header lacks calendar-access', fix: 'Check the URL: this endpoint does not advertise CalDAV.' },
  },
  check(view, context) {
    if (view.method === 'OPTIONS') {
      if (isSuccess(view.status) && view.resHeader('DAV') === undefined) return [{ messageId: 'no-dav-header', data: { path: view.path, status: view.status! }, location: { side: 'response', header: 'DAV' } }];
      return [];
    }
    if (!context.optionsSeen || context.capabilities.has('calendar-access')) return [];
    const root = view.xmlRoot('request')?.name;
    const what = view.method === 'MKCALENDAR' ? 'MKCALENDAR' : view.method === 'REPORT' && root && CALDAV_REPORTS.has(root) ? `REPORT ${root.slice(root.indexOf('}') + 1)}` : undefined;
    return what ? [{ messageId: 'not-caldav', data: { what }, location: { side: 'request' } }] : [];
  },
});
