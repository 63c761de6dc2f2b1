// Flags C:comp elements outside C:supported-calendar-component-set, an empty set, or a comp without name.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { attr, childElements, descendants } from '../parse/xml/query.ts';

export default defineRule({
  id: 'caldav/mkcalendar-comp-not-in-component-set',
  severity: 'error',
  party: 'client',
  methods: ['MKCALENDAR', 'MKCOL'],
  docs: {
    summary: 'In MKCALENDAR and MKCOL bodies, C:comp elements belong inside C:supported-calendar-component-set, each with a name.',
    specs: [rfc(4791, '5.2.3'), rfc(4791, '9.6.1')],
    details:
      'supported-calendar-component-set is fixed at creation time. C:comp elements placed directly under DAV:prop are unknown properties, ' +
      'so the server creates a calendar with its default component set (often VEVENT only), and tasks later fail with ' +
      'CALDAV:supported-calendar-component. An empty set or a comp without name is invalid. Seen in bitfireAT/davx5-ose#815.',
  },
  messages: {
    unwrapped: { message: 'C:comp name="{name}" sits directly in DAV:prop, not in supported-calendar-component-set', fix: 'Wrap the C:comp elements in <C:supported-calendar-component-set>.' },
    empty: { message: 'supported-calendar-component-set is empty', fix: 'List at least one <C:comp name="VEVENT"/> (or VTODO, VJOURNAL).' },
    'no-name': { message: 'A C:comp in supported-calendar-component-set has no name attribute', fix: 'Give each C:comp a name, e.g. name="VEVENT".' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root) return [];
    const out: Report<'unwrapped' | 'empty' | 'no-name'>[] = [];
    for (const prop of descendants(root, dav('prop'))) {
      for (const comp of childElements(prop, caldav('comp'))) out.push({ messageId: 'unwrapped', data: { name: attr(comp, 'name') ?? '?' }, location: { side: 'request', xmlElement: caldav('comp') } });
      for (const set of childElements(prop, caldav('supported-calendar-component-set'))) {
        const comps = childElements(set, caldav('comp'));
        if (comps.length === 0) out.push({ messageId: 'empty', location: { side: 'request', xmlElement: set.name } });
        if (comps.some((c) => !attr(c, 'name'))) out.push({ messageId: 'no-name', location: { side: 'request', xmlElement: caldav('comp') } });
      }
    }
    return out;
  },
});
