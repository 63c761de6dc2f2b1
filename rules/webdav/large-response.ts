// Notes very large 207 answers and multigets, which time out on mobile clients and slow servers.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { bodySize } from '../model/body.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { childElements } from '../parse/xml/query.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_RESPONSES = 1000;
const MAX_HREFS = 500;

export default defineRule({
  id: 'webdav/large-response',
  severity: 'info',
  party: 'client',
  docs: {
    summary: 'Very large multistatus answers and multigets should be split: list ETags first, then fetch in batches.',
    specs: [rfc(4791, '8.2.1'), rfc(6578, '3.6')],
    details:
      'A 207 of several megabytes or thousands of responses times out on phones and hits server caps (Zoho silently capped at 1000, ' +
      'ridafkih/keeper.sh#461). List ETags first (sync-collection, or calendar-query with only getetag), then calendar-multiget in ' +
      'batches of tens to a few hundred hrefs (Evolution uses 100), and restrict the time range.',
  },
  messages: {
    bytes: { message: '{method} {path} answered a {size} MB multistatus', fix: 'Ask for ETags first and fetch data in batches.' },
    responses: { message: '{method} {path} answered {count} responses in one multistatus', fix: 'Page with sync-collection (DAV:limit) or restrict the time range.' },
    hrefs: { message: 'calendar-multiget asks for {count} hrefs at once', fix: 'Fetch in batches of at most a few hundred hrefs.' },
  },
  check(view) {
    const out: Report<'bytes' | 'responses' | 'hrefs'>[] = [];
    const data = { method: view.method, path: view.path };
    if (view.status === 207) {
      const body = view.body('response');
      const size = body ? bodySize(body) ?? 0 : 0;
      if (size > MAX_BYTES) out.push({ messageId: 'bytes', data: { ...data, size: (size / 1048576).toFixed(1) }, location: { side: 'response' } });
      const count = view.multistatus?.length ?? 0;
      if (count > MAX_RESPONSES) out.push({ messageId: 'responses', data: { ...data, count }, location: { side: 'response' } });
    }
    const root = view.xmlRoot('request');
    if (root?.name === caldav('calendar-multiget')) {
      const n = childElements(root, dav('href')).length;
      if (n > MAX_HREFS) out.push({ messageId: 'hrefs', data: { count: n }, location: { side: 'request' } });
    }
    return out;
  },
});
