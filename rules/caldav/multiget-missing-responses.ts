// Flags a multiget 207 that leaves requested hrefs unanswered (neither success nor error).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { childElements, textOf } from '../parse/xml/query.ts';

export default defineRule({
  id: 'caldav/multiget-missing-responses',
  severity: 'warning',
  party: 'server',
  methods: ['REPORT'],
  docs: {
    summary: 'A calendar-multiget answer has one DAV:response for every requested href.',
    specs: [rfc(4791, '7.9')],
    details:
      'Every href of a multiget must be answered, with data or with a status (404 for a vanished object). Silently dropping some makes ' +
      'clients believe they have everything: Zoho capped a multiget at 1000 objects with a normal 207 (ridafkih/keeper.sh#461).',
  },
  messages: { missing: { message: 'The multiget answer lacks {count} of {total} requested hrefs (first: {first})', fix: 'Fetch the missing hrefs again in smaller batches; the server should answer every href.' } },
  check(view) {
    if (view.status !== 207) return [];
    const root = view.xmlRoot('request');
    if (!root || root.name !== caldav('calendar-multiget')) return [];
    const entries = view.multistatus;
    if (!entries) return [];
    const answered = new Set(entries.flatMap((e) => e.hrefs.map(resourceKey)));
    const asked = [...new Set(childElements(root, dav('href')).map((h) => textOf(h).trim()))];
    const missing = asked.filter((h) => !answered.has(resourceKey(h)));
    if (missing.length === 0) return [];
    return [{ messageId: 'missing', data: { count: missing.length, total: asked.length, first: missing[0]! }, location: { side: 'response' } }];
  },
});
