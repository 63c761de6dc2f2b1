// Rule tests: PROPFIND without Depth.
import rule from '../../../rules/webdav/propfind-without-depth.ts';
import { run } from '../tester.ts';
import { propfind, report } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a PROPFIND with Depth: 1', exchange: propfind() },
    { name: 'a REPORT without Depth', exchange: report({ headers: {} }) },
  ],
  invalid: [{ name: 'a PROPFIND without Depth', exchange: propfind({ headers: {} }), findings: [{ messageId: 'missing', severity: 'warning' }] }],
});
