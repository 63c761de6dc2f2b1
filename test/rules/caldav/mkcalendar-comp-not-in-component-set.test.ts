// Rule tests: C:comp outside supported-calendar-component-set, empty sets, unnamed comps.
import rule from '../../../rules/caldav/mkcalendar-comp-not-in-component-set.ts';
import { run } from '../tester.ts';
import { mkcalendar, mkcalendarBody } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a component set with VEVENT and VTODO', exchange: mkcalendar({ body: mkcalendarBody('<C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>') }) },
    { name: 'a MKCALENDAR without a component set', exchange: mkcalendar() },
  ],
  invalid: [
    { name: 'C:comp directly in DAV:prop (DAVx5 bug)', exchange: mkcalendar({ body: mkcalendarBody('<C:comp name="VEVENT"/><C:comp name="VTODO"/>') }), findings: [{ messageId: 'unwrapped', data: { name: 'VEVENT' } }, { messageId: 'unwrapped', data: { name: 'VTODO' } }] },
    { name: 'an empty component set', exchange: mkcalendar({ body: mkcalendarBody('<C:supported-calendar-component-set/>') }), findings: [{ messageId: 'empty', severity: 'error' }] },
    { name: 'a comp without name', exchange: mkcalendar({ body: mkcalendarBody('<C:supported-calendar-component-set><C:comp/></C:supported-calendar-component-set>') }), findings: [{ messageId: 'no-name' }] },
  ],
});
