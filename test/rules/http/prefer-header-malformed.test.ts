// Rule tests: Prefer header syntax.
import rule from '../../../rules/http/prefer-header-malformed.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'Prefer: return=minimal', exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal' } }) },
    { name: 'Prefer: return=minimal, depth-noroot', exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal, depth-noroot' } }) },
  ],
  invalid: [
    { name: 'the header name inside the value', exchange: propfind({ headers: { Depth: '1', Prefer: 'Prefer: return=minimal' } }), findings: [{ messageId: 'name-repeated' }] },
    { name: 'return=min', exchange: propfind({ headers: { Depth: '1', Prefer: 'return=min' } }), findings: [{ messageId: 'return-value', data: { value: 'min' } }] },
    { name: 'a sentence', exchange: propfind({ headers: { Depth: '1', Prefer: 'minimal please' } }), findings: [{ messageId: 'syntax' }] },
  ],
});
