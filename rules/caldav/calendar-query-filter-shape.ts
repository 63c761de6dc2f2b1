// Flags calendar-query filters that break the RFC 4791 §9.7 shape (one filter, one VCALENDAR comp-filter, sane nesting).
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { attr, child, childElements, walk } from '../parse/xml/query.ts';

const MAIN = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY']);
type Id = 'filter-count' | 'top-not-vcalendar' | 'misplaced' | 'nesting' | 'text-and-time';

export default defineRule({
  id: 'caldav/calendar-query-filter-shape',
  severity: 'error',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'A calendar-query has exactly one C:filter whose only child is comp-filter name="VCALENDAR", with components nested as in iCalendar.',
    specs: [rfc(4791, '7.8'), rfc(4791, '9.7'), rfc(4791, '9.7.1'), rfc(4791, '9.7.2')],
    details:
      'Servers disagree on anything else: a query without filter gets 400 from sabre (sabre-io/dav#231), a time-range directly in ' +
      'the filter gets Radicale\'s 400 "Unexpected time-range in filter" (Kozea/Radicale#1812), and impossible nesting (a VEVENT inside ' +
      'a VTODO, a VALARM directly under VCALENDAR) matches nothing. A prop-filter holds a text-match or a time-range, not both.',
  },
  messages: {
    'filter-count': { message: 'calendar-query has {count} C:filter elements (needs exactly one)', fix: 'Send one <C:filter> with <C:comp-filter name="VCALENDAR">.' },
    'top-not-vcalendar': { message: 'The C:filter does not hold exactly one comp-filter name="VCALENDAR" (found {found})', fix: 'Wrap the filter in <C:comp-filter name="VCALENDAR">.' },
    misplaced: { message: 'C:{element} sits directly under C:filter', fix: 'Put it inside <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">.' },
    nesting: { message: 'comp-filter {inner} is nested inside {outer}, which cannot contain it', fix: 'Nest VEVENT/VTODO/VJOURNAL directly under VCALENDAR, and VALARM under them.' },
    'text-and-time': { message: 'prop-filter {name} has both text-match and time-range', fix: 'Split them into two prop-filters.' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== caldav('calendar-query')) return [];
    const out: Report<Id>[] = [];
    const filters = childElements(root, caldav('filter'));
    if (filters.length !== 1) return [{ messageId: 'filter-count', data: { count: filters.length }, location: { side: 'request', xmlElement: caldav('filter') } }];
    const filter = filters[0]!;
    const kids = childElements(filter);
    for (const k of kids)
      if (k.name === caldav('time-range') || k.name === caldav('prop-filter')) out.push({ messageId: 'misplaced', data: { element: k.local }, location: { side: 'request', xmlElement: k.name } });
    const top = kids.filter((k) => k.name === caldav('comp-filter'));
    if (top.length !== 1 || attr(top[0]!, 'name')?.toUpperCase() !== 'VCALENDAR')
      out.push({ messageId: 'top-not-vcalendar', data: { found: top.map((t) => attr(t, 'name') ?? '?').join(', ') || 'none' }, location: { side: 'request', xmlElement: caldav('comp-filter') } });
    walk(filter, (el, parent) => {
      if (el.name === caldav('comp-filter') && parent?.name === caldav('comp-filter')) {
        const outer = attr(parent, 'name')?.toUpperCase() ?? '';
        const inner = attr(el, 'name')?.toUpperCase() ?? '';
        const ok = (outer === 'VCALENDAR' && (MAIN.has(inner) || inner === 'VTIMEZONE')) || ((outer === 'VEVENT' || outer === 'VTODO') && inner === 'VALARM') || (outer === 'VTIMEZONE' && (inner === 'STANDARD' || inner === 'DAYLIGHT'));
        if (!ok && outer !== '' && inner !== '' && !inner.startsWith('X-') && !outer.startsWith('X-')) out.push({ messageId: 'nesting', data: { inner, outer }, location: { side: 'request', xmlElement: el.name } });
      }
      if (el.name === caldav('prop-filter') && child(el, caldav('text-match')) && child(el, caldav('time-range')))
        out.push({ messageId: 'text-and-time', data: { name: attr(el, 'name') ?? '?' }, location: { side: 'request', xmlElement: el.name } });
    });
    return out;
  },
});
