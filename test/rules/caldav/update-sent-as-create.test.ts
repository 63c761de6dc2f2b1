// Rule tests: If-None-Match: * on a known object.
import rule from '../../../rules/caldav/update-sent-as-create.ts';
import { run } from '../tester.ts';
import { del, get, propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a creation of a new href', exchange: put() },
    { name: 'a creation after the object was deleted', history: [get(), del()], exchange: put() },
    { name: 'an update with If-Match of a known object', history: [get()], exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
  ],
  invalid: [
    { name: 'If-None-Match: * to an href fetched earlier', history: [get()], exchange: put({ status: 412 }), findings: [{ messageId: 'exists', severity: 'error' }] },
    { name: 'If-None-Match: * to an href listed in a PROPFIND', history: [propfind()], exchange: put({ status: 412 }), findings: [{ messageId: 'exists' }] },
  ],
});
