// Rule tests: repeated 401s with credentials.
import rule from '../../../rules/http/auth-401-loop.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

const denied = () => propfind({ headers: { Depth: '1', Authorization: 'Basic d3Jvbmc=' }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="x"' } });
const challenge = () => propfind({ status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="x"' } });

run(rule, {
  valid: [
    { name: 'a challenge then one failed attempt', history: [challenge()], exchange: denied() },
    { name: 'two failed attempts', history: [denied()], exchange: denied() },
  ],
  invalid: [{ name: 'a third failed attempt in a row', history: [challenge(), denied(), denied()], exchange: denied(), findings: [{ messageId: 'loop', data: { count: 3 } }] }],
});
