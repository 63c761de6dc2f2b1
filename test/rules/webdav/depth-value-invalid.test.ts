// Rule tests: Depth values outside 0, 1, infinity.
import rule from '../../../rules/webdav/depth-value-invalid.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'Depth: 0', exchange: propfind({ headers: { Depth: '0' } }) },
    { name: 'Depth: infinity', exchange: propfind({ headers: { Depth: 'infinity' } }) },
    { name: 'no Depth', exchange: propfind({ headers: {} }) },
  ],
  invalid: [
    { name: 'Depth: infinite (the sync-level spelling)', exchange: propfind({ headers: { Depth: 'infinite' } }), findings: [{ messageId: 'invalid', severity: 'error', data: { value: 'infinite' } }] },
    { name: 'Depth: 1,noroot', exchange: propfind({ headers: { Depth: '1,noroot' } }), findings: [{ messageId: 'invalid' }] },
  ],
});
