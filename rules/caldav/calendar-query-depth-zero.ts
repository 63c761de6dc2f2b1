// Flags a calendar-query on a collection with Depth 0 or no Depth: it tests only the collection itself.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { depthZeroOnCollection } from '../lib/checks.ts';

export default defineRule({
  id: 'caldav/calendar-query-depth-zero',
  severity: 'warning',
  party: 'client',
  explains: 'refusal',
  methods: ['REPORT'],
  docs: {
    summary: 'A calendar-query REPORT on a calendar collection needs Depth: 1 to search its members.',
    specs: [rfc(4791, '7.8'), rfc(3253, '3.6')],
    details:
      'REPORT defaults to Depth: 0, which applies the query to the collection itself, so the result is empty. sabre rejects it with 400 ' +
      '"A calendar-query REPORT on a calendar with a Depth: 0 is undefined. Set Depth to 1" (except for MSFT- user agents); CalendarServer ' +
      'returns the members anyway. Send Depth: 1.',
  },
  messages: { depth: { message: 'calendar-query on the collection {path} with {depth}', fix: 'Send Depth: 1 with a calendar-query on a collection.' } },
  check(view, context) {
    if (view.xmlRoot('request')?.name !== caldav('calendar-query')) return [];
    const depth = depthZeroOnCollection(view, context);
    if (depth === undefined) return [];
    return [{ messageId: 'depth', data: { path: view.path, depth }, location: { side: 'request', header: 'Depth' } }];
  },
});
