// Rule tests: calendar-multiget body shape.
import rule from '../../../rules/caldav/multiget-body-shape.ts';
import { run } from '../tester.ts';
import { EVENT, multigetBody, report } from '../factories.ts';

run(rule, {
  valid: [{ name: 'two hrefs in the collection', exchange: report({ headers: {}, body: multigetBody([EVENT, '/alice/calendar/b.ics']) }) }],
  invalid: [
    { name: 'no href', exchange: report({ headers: {}, body: multigetBody([]) }), findings: [{ messageId: 'no-href' }] },
    { name: 'a filter inside the multiget', exchange: report({ headers: {}, body: multigetBody([EVENT]).replace('</C:calendar-multiget>', '<C:filter/></C:calendar-multiget>') }), findings: [{ messageId: 'filter' }] },
    { name: 'a duplicate href', exchange: report({ headers: {}, body: multigetBody([EVENT, EVENT]) }), findings: [{ messageId: 'duplicate', data: { href: EVENT } }] },
    { name: 'an href in another calendar', exchange: report({ headers: {}, body: multigetBody(['/alice/work/x.ics']) }), findings: [{ messageId: 'outside', data: { href: '/alice/work/x.ics' } }] },
  ],
});
