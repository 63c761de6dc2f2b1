// Rule tests: PUT creating an object without If-None-Match: *, and Radicale's 201-on-overwrite.
import rule from '../../../rules/caldav/put-create-without-if-none-match.ts';
import { run } from '../tester.ts';
import { EVENT, CALENDAR, get, propfind, put, del } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a PUT with If-None-Match: * answered 201', exchange: put({ headers: { 'If-None-Match': '*' } }) },
    { name: 'a PUT with If-None-Match: * and spaces around the star', exchange: put({ headers: { 'If-None-Match': ' * ' } }) },
    { name: 'an update with If-Match answered 204', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    {
      name: 'Radicale answering 201 to an overwrite with If-Match of an href listed in a multistatus',
      history: [propfind()],
      exchange: put({ headers: { 'If-Match': '"e1"' }, status: 201 }),
    },
    {
      name: 'a 201 overwrite without guard of an href already fetched (an update, not a creation)',
      history: [get()],
      exchange: put({ headers: {}, status: 201 }),
    },
    { name: 'a PUT refused with 412', exchange: put({ headers: {}, status: 412 }) },
    { name: 'a PUT to a collection URL', exchange: put({ path: CALENDAR, headers: {}, status: 201 }) },
    { name: 'a GET', exchange: get() },
  ],
  invalid: [
    {
      name: 'a PUT answered 201 without any conditional header',
      exchange: put({ headers: {}, status: 201 }),
      findings: [{ messageId: 'missing', severity: 'warning', data: { path: EVENT }, location: { side: 'request', header: 'If-None-Match' } }],
    },
    {
      name: 'a PUT answered 204 on an href never seen before',
      exchange: put({ headers: {}, status: 204 }),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'a PUT with a quoted "*" (an ordinary entity tag, not the wildcard)',
      exchange: put({ headers: { 'If-None-Match': '"*"' }, status: 201 }),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'a PUT recreating an href deleted earlier in the session',
      history: [get(), del()],
      exchange: put({ path: EVENT, headers: {}, status: 201 }),
      findings: [{ messageId: 'missing', message: `PUT created ${EVENT} without If-None-Match: *` }],
    },
  ],
});
