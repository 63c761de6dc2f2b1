// Rule tests: weak tags in If-Match.
import rule from '../../../rules/http/if-match-weak-etag.ts';
import { run } from '../tester.ts';
import { get, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a strong If-Match', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'no If-Match', exchange: put() },
    {
      name: 'the weak tag the server itself gave for the resource, sent back (the server\'s fault: caldav/weak-etag-on-calendar-object)',
      history: [get({ responseHeaders: { 'Content-Type': 'text/calendar', ETag: 'W/"e1"' } })],
      exchange: put({ headers: { 'If-Match': 'W/"e1"' }, status: 412 }),
    },
  ],
  invalid: [{ name: 'If-Match: W/"e1"', exchange: put({ headers: { 'If-Match': 'W/"e1"' }, status: 412 }), findings: [{ messageId: 'weak', severity: 'error', party: 'client', data: { value: 'W/"e1"' } }] }],
});
