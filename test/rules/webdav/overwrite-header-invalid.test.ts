// Rule tests: Overwrite values.
import rule from '../../../rules/webdav/overwrite-header-invalid.ts';
import { run } from '../tester.ts';
import { move } from '../factories.ts';

run(rule, {
  valid: [{ name: 'Overwrite: F', exchange: move() }],
  invalid: [{ name: 'Overwrite: false', exchange: move({ headers: { Destination: '/alice/calendar/x.ics', Overwrite: 'false' } }), findings: [{ messageId: 'invalid', data: { value: 'false' } }] }],
});
