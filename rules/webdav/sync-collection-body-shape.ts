// Flags sync-collection bodies missing sync-token, sync-level or prop, or with a bad sync-level or limit.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child, textOf } from '../parse/xml/query.ts';

type Id = 'missing' | 'level' | 'limit';

export default defineRule({
  id: 'webdav/sync-collection-body-shape',
  severity: 'error',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'A sync-collection REPORT has DAV:sync-token (empty on first sync), DAV:sync-level 1 or infinite, DAV:prop, and an optional positive DAV:limit.',
    specs: [rfc(6578, '3.2'), rfc(6578, '3.3'), rfc(6578, '6.1'), rfc(6578, '6.3')],
    details: 'All three children are required; "infinity" (the Depth spelling) is not a sync-level. CalendarServer answers 400 to a bad sync-level (CalDAVTester sync-report.xml); apple/ccs-caldavtester#23 had bodies without sync-level or prop.',
  },
  messages: {
    missing: { message: 'sync-collection lacks DAV:{element}', fix: 'Include <D:{element}> (sync-token may be empty on the first sync).' },
    level: { message: 'DAV:sync-level is "{value}", not 1 or infinite', fix: 'Send <D:sync-level>1</D:sync-level> (or infinite).' },
    limit: { message: 'DAV:limit without a positive DAV:nresults ("{value}")', fix: 'Send <D:limit><D:nresults>100</D:nresults></D:limit>, or no limit.' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== dav('sync-collection')) return [];
    const out: Report<Id>[] = [];
    for (const element of ['sync-token', 'sync-level', 'prop'])
      if (!child(root, dav(element))) out.push({ messageId: 'missing', data: { element }, location: { side: 'request', xmlElement: dav(element) } });
    const level = child(root, dav('sync-level'));
    if (level) {
      const v = textOf(level).trim();
      if (v !== '1' && v !== 'infinite') out.push({ messageId: 'level', data: { value: v }, location: { side: 'request', xmlElement: dav('sync-level') } });
    }
    const limit = child(root, dav('limit'));
    if (limit) {
      const n = textOf(child(limit, dav('nresults'))).trim();
      if (!/^[1-9]\d*$/.test(n)) out.push({ messageId: 'limit', data: { value: n }, location: { side: 'request', xmlElement: dav('limit') } });
    }
    return out;
  },
});
