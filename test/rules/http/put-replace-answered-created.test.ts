// Rule tests: 201 to a PUT that replaced an existing resource (Radicale 3 does this), judged from an
// If-Match the server let through or from the session; a create answered 201 passes.
import rule from '../../../rules/http/put-replace-answered-created.ts';
import { run } from '../tester.ts';
import { del, propfind, put, EVENT } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a create with If-None-Match: * answered 201', exchange: put({ status: 201 }) },
    { name: 'an update answered 204', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'an update answered 200', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 200 }) },
    { name: 'a PUT to a URL the session never saw, answered 201 (it may well be new)', exchange: put({ headers: {}, status: 201 }) },
    { name: 'a PUT after the resource was deleted, answered 201', history: [propfind(), del({ status: 204 })], exchange: put({ headers: {}, status: 201 }) },
    { name: 'a refused update (412)', exchange: put({ headers: { 'If-Match': '"old"' }, status: 412 }) },
  ],
  invalid: [
    {
      name: 'an update with If-Match answered 201, as Radicale does',
      exchange: put({ headers: { 'If-Match': '"e1"' }, status: 201 }),
      findings: [{ messageId: 'created', data: { path: EVENT, how: 'its If-Match "e1" was let through' }, location: { side: 'response' } }],
    },
    {
      name: 'a blind overwrite of a resource the session listed, answered 201',
      history: [propfind({ seq: 1 })],
      exchange: put({ seq: 2, headers: {}, status: 201 }),
      findings: [{ messageId: 'created', data: { how: 'seen in exchange #1' } }],
    },
  ],
});
