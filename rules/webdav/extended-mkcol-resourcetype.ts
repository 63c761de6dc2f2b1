// Flags extended MKCOL bodies whose resourcetype lacks DAV:collection, uses C:calendar-collection, or only removes it.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child, childElements } from '../parse/xml/query.ts';

export default defineRule({
  id: 'webdav/extended-mkcol-resourcetype',
  severity: 'error',
  party: 'client',
  methods: ['MKCOL'],
  docs: {
    summary: 'An extended MKCOL body sets DAV:resourcetype to DAV:collection (plus C:calendar for a calendar), on a server that advertises extended-mkcol.',
    specs: [rfc(5689, '3'), rfc(5689, '3.1'), rfc(5689, '4.1'), rfc(4791, '9.1')],
    details:
      'RFC 5689 creates typed collections with MKCOL and a DAV:mkcol body. The resourcetype must contain DAV:collection. The prose of ' +
      'RFC 5689 §4.1 says "calendar-collection", a typo: the example and RFC 4791 use C:calendar. Servers refuse other shapes with ' +
      '403 DAV:valid-resourcetype, and a server without extended-mkcol in its DAV header answers 415. Seen in nextcloud/calendar#6323.',
  },
  messages: {
    'no-collection': { message: 'The DAV:mkcol resourcetype lacks DAV:collection', fix: 'Put <D:collection/> in DAV:resourcetype.' },
    'calendar-collection': { message: 'The DAV:mkcol resourcetype uses C:calendar-collection instead of C:calendar', fix: 'Use <C:calendar/> (RFC 4791 §9.1).' },
    'only-removed': { message: 'DAV:resourcetype appears only inside DAV:remove', fix: 'Set the resourcetype inside DAV:set.' },
    'not-advertised': { message: 'Extended MKCOL sent but the server\'s DAV header lacks extended-mkcol', fix: 'Use MKCALENDAR for calendars, or check OPTIONS for extended-mkcol first.' },
  },
  check(view, context) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== dav('mkcol')) return [];
    const out: Report<'no-collection' | 'calendar-collection' | 'only-removed' | 'not-advertised'>[] = [];
    const location = { side: 'request' as const, xmlElement: dav('resourcetype') };
    const setTypes = childElements(root, dav('set')).map((s) => child(child(s, dav('prop')), dav('resourcetype'))).filter((x) => x !== undefined);
    const removed = childElements(root, dav('remove')).some((s) => child(child(s, dav('prop')), dav('resourcetype')));
    if (setTypes.length === 0 && removed) out.push({ messageId: 'only-removed', location });
    for (const rt of setTypes) {
      const names = childElements(rt).map((e) => e.name);
      if (!names.includes(dav('collection'))) out.push({ messageId: 'no-collection', location });
      if (names.includes(caldav('calendar-collection'))) out.push({ messageId: 'calendar-collection', location });
    }
    if (context.optionsSeen && !context.capabilities.has('extended-mkcol')) out.push({ messageId: 'not-advertised', severity: 'warning', location: { side: 'request' } });
    return out;
  },
});
