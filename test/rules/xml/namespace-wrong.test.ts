// Rule tests: near-miss namespace URIs, swapped namespaces, unprefixed elements without a default namespace.
import rule from '../../../rules/xml/namespace-wrong.ts';
import { run } from '../tester.ts';
import { calendarQueryBody, propfind, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a correct PROPFIND', exchange: propfind() },
    { name: 'a calendar-query with C:prop inside calendar-data', exchange: report({ body: calendarQueryBody(undefined, '<C:calendar-data><C:comp name="VCALENDAR"><C:prop name="VERSION"/></C:comp></C:calendar-data>') }) },
    { name: 'a vendor namespace', exchange: propfind({ body: '<D:propfind xmlns:D="DAV:" xmlns:X="urn:example:x"><D:prop><X:color/></D:prop></D:propfind>' }) },
  ],
  invalid: [
    { name: 'xmlns:D="DAV" without the colon', exchange: propfind({ body: '<D:propfind xmlns:D="DAV"><D:prop/></D:propfind>' }), findings: [{ messageId: 'near-miss', data: { uri: 'DAV', meant: 'DAV:' } }] },
    { name: 'a stray colon after the CalendarServer namespace', exchange: propfind({ body: '<D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/:"><D:prop><CS:getctag/></D:prop></D:propfind>' }), findings: [{ messageId: 'near-miss' }] },
    { name: 'calendar-query in the DAV: namespace', exchange: report({ body: '<D:calendar-query xmlns:D="DAV:"><D:prop/></D:calendar-query>' }), findings: [{ messageId: 'swapped', data: { local: 'calendar-query' } }] },
    { name: 'an unprefixed propfind with no default namespace', exchange: propfind({ body: '<propfind><allprop/></propfind>' }), findings: [{ messageId: 'no-namespace', data: { local: 'propfind' } }] },
  ],
});
