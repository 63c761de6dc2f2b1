// Flags calendar-multiget bodies without hrefs, with a filter, with duplicate hrefs, or hrefs outside the request-URI.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';

type Id = 'no-href' | 'filter' | 'duplicate' | 'outside';

export default defineRule({
  id: 'caldav/multiget-body-shape',
  severity: 'error',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'A calendar-multiget lists one or more distinct DAV:href inside the request-URI, and has no C:filter.',
    specs: [rfc(4791, '7.9'), rfc(4791, '9.10')],
    details:
      'calendar-multiget fetches named objects; it has no filter (natelindev/tsdav PR #129 and nibdo/bloben-app#85 sent one). Hrefs must ' +
      'be members of the collection in the request-URI (or the request-URI itself for an object). Duplicates waste the server\'s work.',
  },
  messages: {
    'no-href': { message: 'calendar-multiget names no DAV:href', fix: 'List the hrefs to fetch, or use calendar-query.' },
    filter: { message: 'calendar-multiget carries a C:filter, which multiget does not have', fix: 'Drop the filter, or use calendar-query.' },
    duplicate: { message: 'calendar-multiget asks for {href} more than once', fix: 'Deduplicate the hrefs.' },
    outside: { message: 'calendar-multiget on {path} asks for {href}, outside the request-URI', fix: 'Send the multiget to the collection that holds the hrefs.' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== caldav('calendar-multiget')) return [];
    const out: Report<Id>[] = [];
    const hrefs = childElements(root, dav('href')).map((h) => textOf(h).trim());
    if (hrefs.length === 0) out.push({ messageId: 'no-href', location: { side: 'request', xmlElement: dav('href') } });
    if (child(root, caldav('filter'))) out.push({ messageId: 'filter', location: { side: 'request', xmlElement: caldav('filter') } });
    const seen = new Set<string>();
    const base = resourceKey(view.path);
    const prefix = base === '/' ? '/' : `${base}/`;
    let reportedOutside = false;
    for (const h of hrefs) {
      const k = resourceKey(h);
      if (seen.has(k)) out.push({ messageId: 'duplicate', data: { href: h }, location: { side: 'request', xmlElement: dav('href') } });
      seen.add(k);
      if (!reportedOutside && k !== base && !k.startsWith(prefix)) {
        reportedOutside = true;
        out.push({ messageId: 'outside', data: { path: view.path, href: h }, location: { side: 'request', xmlElement: dav('href') } });
      }
    }
    return out;
  },
});
