// Rule tests: calendar data returned without ETag.
import rule from '../../../rules/caldav/get-without-etag.ts';
import { run } from '../tester.ts';
import { get } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a GET with an ETag', exchange: get() },
    { name: 'a GET of an HTML page', exchange: get({ path: '/', responseBody: '<html></html>', responseHeaders: { 'Content-Type': 'text/html' } }) },
    { name: 'a 404 GET', exchange: get({ status: 404, responseBody: 'Not Found', responseHeaders: { 'Content-Type': 'text/plain' } }) },
  ],
  invalid: [{ name: 'a GET of an event without ETag', exchange: get({ responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8' } }), findings: [{ messageId: 'missing', severity: 'error' }] }],
});
