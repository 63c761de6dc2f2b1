// Rule tests: a request that repeats the exact Authorization the server just refused with 401.
import rule from '../../../rules/http/auth-retry-same-credentials.ts';
import { run } from '../tester.ts';
import { CALENDAR, exchange, propfind } from '../factories.ts';

const basic = 'Basic YWxpY2U6d3Jvbmc=';
const refused = (auth?: string, seq?: number) =>
  propfind({ headers: { Depth: '1', ...(auth ? { Authorization: auth } : {}) }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="Radicale"' }, ...(seq ? { seq } : {}) });

run(rule, {
  valid: [
    { name: 'the normal challenge: a 401 without credentials, then a request with them', history: [refused()], exchange: propfind({ headers: { Depth: '1', Authorization: basic } }) },
    { name: 'new credentials after a 401', history: [refused(basic)], exchange: propfind({ headers: { Depth: '1', Authorization: 'Basic YWxpY2U6cmlnaHQ=' } }) },
    { name: 'the same credentials on another URL', history: [refused(basic)], exchange: propfind({ path: '/alice/', headers: { Depth: '1', Authorization: basic } }) },
    { name: 'a successful request with the same credentials after a success', history: [propfind({ headers: { Depth: '1', Authorization: basic } })], exchange: propfind({ headers: { Depth: '1', Authorization: basic } }) },
    { name: 'the same credentials succeeding on the retry (a transient 401)', history: [refused(basic)], exchange: propfind({ headers: { Depth: '1', Authorization: basic } }) },
    {
      name: 'redacted Basic credentials in a recording (they may differ on the wire)',
      history: [refused('Basic alice:[redacted]')],
      exchange: propfind({ headers: { Depth: '1', Authorization: 'Basic alice:[redacted]' }, status: 401 }),
    },
    {
      name: 'two requests in flight at once with the same credentials (not a retry)',
      history: [{ ...refused(basic), timings: { startedAt: 1_000_000, end: 500 } }],
      exchange: { ...propfind({ headers: { Depth: '1', Authorization: basic }, status: 401 }), timings: { startedAt: 1_000_100, end: 20 } },
    },
  ],
  invalid: [
    {
      name: 'a retry with byte-identical Basic credentials after a 401 (python-caldav/caldav#295)',
      history: [refused(basic)],
      exchange: propfind({ headers: { Depth: '1', Authorization: basic }, status: 401 }),
      findings: [{ messageId: 'same-credentials', severity: 'warning', data: { method: 'PROPFIND', path: CALENDAR, scheme: 'Basic', status: 401 }, location: { side: 'request', header: 'Authorization' } }],
    },
    {
      name: 'a Digest response replayed after a 401 (same nonce and counter)',
      history: [exchange({ method: 'GET', path: '/alice/calendar/e.ics', headers: { Authorization: 'Digest username="alice", realm="x", nonce="n1", nc=00000001, response="r"' }, status: 401 })],
      exchange: exchange({ method: 'GET', path: '/alice/calendar/e.ics', headers: { Authorization: 'Digest username="alice", realm="x", nonce="n1", nc=00000001, response="r"' }, status: 401 }),
      findings: [{ messageId: 'same-credentials', data: { scheme: 'Digest' } }],
    },
    {
      name: 'a redacted Digest header replayed with the same nonce and counter',
      history: [exchange({ method: 'GET', path: '/e.ics', headers: { Authorization: 'Digest username="alice", nonce="n1", nc=00000001, response="[redacted]"' }, status: 401 })],
      exchange: exchange({ method: 'GET', path: '/e.ics', headers: { Authorization: 'Digest username="alice", nonce="n1", nc=00000001, response="[redacted]"' }, status: 401 }),
      findings: [{ messageId: 'same-credentials', message: 'GET /e.ics resent the Digest credentials that just got 401, and got 401 again' }],
    },
  ],
});
