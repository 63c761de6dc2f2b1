// Rule tests: PROPFIND Depth: infinity.
import rule from '../../../rules/webdav/propfind-depth-infinity.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

run(rule, {
  valid: [{ name: 'a PROPFIND with Depth: 1', exchange: propfind() }],
  invalid: [{ name: 'a PROPFIND with Depth: Infinity', exchange: propfind({ headers: { Depth: 'Infinity' } }), findings: [{ messageId: 'infinity' }] }],
});
