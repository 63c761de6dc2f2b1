// Rule tests: blind overwrites and deletes of existing resources.
import rule from '../../../rules/http/update-without-precondition.ts';
import { run } from '../tester.ts';
import { del, get, propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an update with If-Match', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'a creation with If-None-Match: *', exchange: put() },
    { name: 'a DELETE with If-Match', exchange: del() },
    { name: 'a DELETE of an href the session never saw', exchange: del({ headers: {} }) },
    { name: 'an update with If-Schedule-Tag-Match', history: [get()], exchange: put({ headers: { 'If-Schedule-Tag-Match': '"s1"' }, status: 204 }) },
    { name: 'a failed PUT without If-Match', exchange: put({ headers: {}, status: 412 }) },
  ],
  invalid: [
    { name: 'a PUT answered 204 without If-Match', exchange: put({ headers: {}, status: 204 }), findings: [{ messageId: 'put', severity: 'warning' }] },
    { name: 'Radicale answering 201 to a blind overwrite of a listed href', history: [propfind()], exchange: put({ headers: {}, status: 201 }), findings: [{ messageId: 'put' }] },
    { name: 'a DELETE of a fetched object without If-Match', history: [get()], exchange: del({ headers: {} }), findings: [{ messageId: 'delete', data: { path: '/alice/calendar/event-1.ics' } }] },
  ],
});
