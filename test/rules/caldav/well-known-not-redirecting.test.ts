// Rule tests: /.well-known/caldav answers.
import rule from '../../../rules/caldav/well-known-not-redirecting.ts';
import { run } from '../tester.ts';
import { exchange, propfind } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a 301 to the principal root', exchange: exchange({ method: 'GET', path: '/.well-known/caldav', status: 301, responseHeaders: { Location: '/' } }) },
    { name: 'a 401 first', exchange: propfind({ path: '/.well-known/caldav', status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="x"' } }) },
  ],
  invalid: [
    { name: 'a 404 from a proxy', exchange: propfind({ path: '/.well-known/caldav', status: 404, responseBody: 'Not Found' }), findings: [{ messageId: 'status', data: { status: 404 } }] },
    { name: 'a 207 served in place', exchange: propfind({ path: '/.well-known/caldav/' }), findings: [{ messageId: 'status', data: { status: 207 } }] },
  ],
});
