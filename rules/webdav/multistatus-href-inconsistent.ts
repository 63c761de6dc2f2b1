// Flags 207 bodies whose hrefs mix forms, leave the request scope, or answer hrefs a multiget never asked for.
import { hasUriScheme } from '../lib/checks.ts';
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { childElements, textOf } from '../parse/xml/query.ts';

export default defineRule({
  id: 'webdav/multistatus-href-inconsistent',
  severity: 'warning',
  party: 'server',
  docs: {
    summary: 'The hrefs of one 207 should use one form, stay under the request-URI, and (for a multiget) answer only what was asked.',
    specs: [rfc(4918, '8.3'), rfc(4791, '7.9')],
    details:
      'Clients map hrefs back to their local objects. Mixing absolute URIs and absolute paths in one body, returning members outside the ' +
      'collection that was asked, or answering a multiget with unrelated hrefs confuses that mapping: objects get duplicated or deleted. ' +
      'Seen in bitfireAT/davx5-ose#1098 (multiget answered with unrelated and collection hrefs) and apple/ccs-calendarserver#42.',
  },
  messages: {
    mixed: { message: 'The 207 mixes absolute URIs and absolute paths in DAV:href', fix: 'Servers should use one href form per body (absolute paths are the most common).' },
    outside: { message: '{method} on {path} returned {href}, outside the request-URI', fix: 'The server should only return members of the collection that was asked.' },
    unrequested: { message: 'The multiget returned {href}, which the request did not ask for', fix: 'A multiget must answer exactly the hrefs requested, each once.' },
  },
  check(view) {
    const entries = view.multistatus;
    if (!entries || view.status !== 207) return [];
    const out: Report<'mixed' | 'outside' | 'unrequested'>[] = [];
    // Loops, not flatMap and filter: this runs on every 207.
    const hrefs: string[] = [];
    let absolute = 0;
    for (const e of entries) {
      for (const h of e.hrefs) {
        if (h === '') continue;
        hrefs.push(h);
        if (hasUriScheme(h)) absolute++;
      }
    }
    if (absolute > 0 && absolute < hrefs.length) out.push({ messageId: 'mixed', location: { side: 'response', xmlElement: dav('href') } });
    const root = view.xmlRoot('request');
    if (root?.name === caldav('calendar-multiget')) {
      const asked = new Set(childElements(root, dav('href')).map((h) => resourceKey(textOf(h))));
      const extra = hrefs.find((h) => !asked.has(resourceKey(h)));
      if (extra) out.push({ messageId: 'unrequested', data: { href: extra }, location: { side: 'response', xmlElement: dav('href') } });
    } else if ((view.method === 'PROPFIND' || view.method === 'REPORT') && view.path.endsWith('/') && root?.name !== dav('principal-property-search') && root?.name !== dav('expand-property')) {
      const base = resourceKey(view.path);
      const prefix = base === '/' ? '/' : `${base}/`;
      const outside = hrefs.find((h) => {
        const k = resourceKey(h);
        return k !== base && !k.startsWith(prefix);
      });
      if (outside) out.push({ messageId: 'outside', data: { method: view.method, path: view.path, href: outside }, location: { side: 'response', xmlElement: dav('href') } });
    }
    return out;
  },
});
