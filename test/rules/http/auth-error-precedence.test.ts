// Rule tests: a protected resource that answered 404/412/423 without credentials and 2xx with them.
import rule from '../../../rules/http/auth-error-precedence.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, get, propfind, put } from '../factories.ts';

const creds = { Authorization: 'Basic YWxpY2U6cw==' };

run(rule, {
  valid: [
    { name: 'the normal order: 401 without credentials, 207 with them', history: [propfind({ status: 401, responseBody: undefined })], exchange: propfind({ headers: { Depth: '1', ...creds } }) },
    { name: 'a 404 without credentials, then a PUT created the object, then a GET with credentials', history: [get({ status: 404, responseBody: undefined }), put({ headers: { ...creds, 'If-None-Match': '*' } })], exchange: get({ headers: creds }) },
    { name: 'a 404 without credentials and a 404 with them', history: [get({ status: 404, responseBody: undefined })], exchange: get({ headers: creds, status: 404, responseBody: undefined }) },
    { name: 'a public server that answers both the same', history: [propfind()], exchange: propfind({ headers: { Depth: '1', ...creds } }) },
    { name: 'a 404 without credentials for another method', history: [get({ status: 404, responseBody: undefined })], exchange: propfind({ path: EVENT, headers: { Depth: '0', ...creds } }) },
  ],
  invalid: [
    {
      name: 'a PROPFIND answered 404 anonymously and 207 with credentials',
      history: [propfind({ status: 404, responseBody: undefined })],
      exchange: propfind({ headers: { Depth: '1', ...creds } }),
      findings: [{ messageId: 'before-auth', severity: 'info', data: { method: 'PROPFIND', path: CALENDAR, before: 404, status: 207 }, location: { side: 'response' } }],
    },
    {
      name: 'a conditional GET answered 412 anonymously and 200 with credentials',
      history: [get({ headers: { 'If-None-Match': '"e1"' }, status: 412, responseBody: undefined })],
      exchange: get({ headers: creds }),
      findings: [{ messageId: 'before-auth', data: { before: 412 } }],
    },
  ],
});
