// Rule tests: 401 without WWW-Authenticate.
import rule from '../../../rules/http/unauthorized-without-challenge.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

run(rule, {
  valid: [{ name: 'a 401 with a challenge', exchange: propfind({ status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="x"' } }) }],
  invalid: [{ name: 'a 401 without a challenge (Yahoo)', exchange: propfind({ status: 401, responseBody: undefined }), findings: [{ messageId: 'missing', severity: 'error' }] }],
});
