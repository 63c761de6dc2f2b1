// Rule tests: after a Digest challenge with stale=true, the client must answer with the new nonce.
import rule from '../../../rules/http/digest-stale-nonce-reused.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

const digest = (nonce: string, nc = '00000002') => `Digest username="alice", realm="CalDAV", nonce="${nonce}", uri="/alice/calendar/", response="r${nc}", qop=auth, nc=${nc}, cnonce="c"`;
const stale = propfind({
  headers: { Depth: '1', Authorization: digest('old', '00000001') },
  status: 401,
  responseBody: undefined,
  responseHeaders: { 'WWW-Authenticate': 'Digest realm="CalDAV", qop="auth", nonce="fresh", stale=true' },
});

run(rule, {
  valid: [
    { name: 'a re-hash with the fresh nonce after stale=true', history: [stale], exchange: propfind({ headers: { Depth: '1', Authorization: digest('fresh', '00000001') } }) },
    {
      name: 'a 401 without stale=true followed by the old nonce (a wrong password, not a stale nonce)',
      history: [propfind({ headers: { Depth: '1', Authorization: digest('old', '00000001') }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Digest realm="CalDAV", nonce="fresh"' } })],
      exchange: propfind({ headers: { Depth: '1', Authorization: digest('old') }, status: 401 }),
    },
    { name: 'the byte-identical header again (http/auth-retry-same-credentials reports it)', history: [stale], exchange: propfind({ headers: { Depth: '1', Authorization: digest('old', '00000001') }, status: 401 }) },
    { name: 'Basic credentials after a Digest stale challenge', history: [stale], exchange: propfind({ headers: { Depth: '1', Authorization: 'Basic YTpi' }, status: 401 }) },
  ],
  invalid: [
    {
      name: 'the stale nonce reused with a higher counter (apple/ccs-calendarserver#213)',
      history: [stale],
      exchange: propfind({ headers: { Depth: '1', Authorization: digest('old') }, status: 401 }),
      findings: [{ messageId: 'stale-nonce', severity: 'warning', data: { old: 'old', fresh: 'fresh' }, location: { side: 'request', header: 'Authorization' } }],
    },
  ],
});
