// Rule tests: VERSION and PRODID presence.
import rule from '../../../rules/ical/version-prodid.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [{ name: 'VERSION:2.0 and PRODID', exchange: put() }],
  invalid: [
    { name: 'no VERSION', exchange: put({ body: icalEvent().replace('VERSION:2.0\r\n', '') }), findings: [{ messageId: 'version', data: { count: 0 } }] },
    { name: 'VERSION:1.0', exchange: put({ body: icalEvent().replace('VERSION:2.0', 'VERSION:1.0') }), findings: [{ messageId: 'version-value', data: { value: '1.0' } }] },
    { name: 'no PRODID', exchange: put({ body: icalEvent().replace(/PRODID:[^\r]*\r\n/, '') }), findings: [{ messageId: 'prodid' }] },
  ],
});
