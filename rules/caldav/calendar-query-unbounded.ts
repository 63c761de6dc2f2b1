// Notes a calendar-query that fetched the calendar-data of a large calendar with no time-range: the slow way to sync.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { descendants } from '../parse/xml/query.ts';

const UNBOUNDED_QUERY_RESPONSES = 200;

export default defineRule({
  id: 'caldav/calendar-query-unbounded',
  severity: 'info',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'Fetching the calendar-data of a whole calendar in one calendar-query is slow; list ETags, or restrict to a time-range, then multiget.',
    specs: [rfc(4791, '8.2.1'), rfc(4791, '7.8'), rfc(6578, '3.2')],
    details:
      'RFC 4791 §8.2.1 describes the efficient way to synchronise: fetch only D:getetag (with sync-collection, or a calendar-query ' +
      'limited by a C:time-range), compare with what the client has, then fetch the changed objects with calendar-multiget. A ' +
      'calendar-query with C:calendar-data and no time-range makes the server expand and serialise every object each time, and ' +
      'big calendars then time out or hit result caps (Zoho stops at 1000 objects, ridafkih/keeper.sh#461). davscope notes it when ' +
      `such a query returned more than ${UNBOUNDED_QUERY_RESPONSES} objects. webdav/large-response covers oversized answers in general.`,
  },
  messages: {
    unbounded: {
      message: 'calendar-query on {path} fetched calendar-data of {count} objects with no time-range',
      fix: 'Ask for D:getetag only (or use sync-collection), then calendar-multiget the changed hrefs in batches; or add a C:time-range.',
    },
  },
  check(view) {
    if (view.status !== 207) return [];
    const root = view.xmlRoot('request');
    if (!root || root.name !== caldav('calendar-query')) return [];
    if (descendants(root, caldav('calendar-data')).length === 0 || descendants(root, caldav('time-range')).length > 0) return [];
    const count = view.multistatus?.length ?? 0;
    if (count <= UNBOUNDED_QUERY_RESPONSES) return [];
    return [{ messageId: 'unbounded', data: { path: view.path, count }, location: { side: 'request', xmlElement: caldav('filter') } }];
  },
});
