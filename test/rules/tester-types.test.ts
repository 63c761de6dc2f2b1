// The rule tester is typed by the rule's message ids: a misspelt messageId in a test's expectations
// does not compile (npm run typecheck, which CI runs before the tests, fails on it).
import { expect, it } from 'vitest';
import rule from '../../rules/caldav/multiget-with-depth.ts';
import { run } from './tester.ts';
import { EVENT, multigetBody, report } from './factories.ts';

const exchange = report({ body: multigetBody([EVENT]) });

it('accepts the message ids the rule declares and refuses any other at compile time', () => {
  const register = false as boolean; // type-checked, never run: run() would register a second suite
  if (register) {
    run(rule, { valid: [], invalid: [{ name: 'a multiget with Depth', exchange, findings: [{ messageId: 'depth' }] }] });
    // @ts-expect-error "dpeth" is not a message id of caldav/multiget-with-depth
    run(rule, { valid: [], invalid: [{ name: 'a multiget with Depth', exchange, findings: [{ messageId: 'dpeth' }] }] });
  }
  expect(Object.keys(rule.messages)).toEqual(['depth']);
});
