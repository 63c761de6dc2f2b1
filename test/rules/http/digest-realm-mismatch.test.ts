// Rule tests: Digest credentials computed for another realm than the server's challenge.
import rule from '../../../rules/http/digest-realm-mismatch.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

const challenge = propfind({ headers: { Depth: '1' }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Digest realm="BaikalDAV", qop="auth", nonce="n1", opaque="o"' } });
const digest = (realm: string) => `Digest username="alice", realm="${realm}", nonce="n1", uri="/alice/calendar/", response="abc", qop=auth, nc=00000001, cnonce="c"`;

run(rule, {
  valid: [
    { name: 'Digest credentials for the challenged realm', history: [challenge], exchange: propfind({ headers: { Depth: '1', Authorization: digest('BaikalDAV') } }) },
    { name: 'a realm mismatch the server accepted anyway', history: [challenge], exchange: propfind({ headers: { Depth: '1', Authorization: digest('SabreDAV') } }) },
    { name: 'Digest credentials with no challenge seen', exchange: propfind({ headers: { Depth: '1', Authorization: digest('SabreDAV') }, status: 401 }) },
    { name: 'Basic credentials after a Digest challenge', history: [challenge], exchange: propfind({ headers: { Depth: '1', Authorization: 'Basic YTpi' }, status: 401 }) },
  ],
  invalid: [
    {
      name: 'Lightning-style credentials for a rewritten realm, refused (sabre-io/Baikal#159)',
      history: [challenge],
      exchange: propfind({ headers: { Depth: '1', Authorization: digest('SabreDAV') }, status: 401, responseHeaders: { 'WWW-Authenticate': 'Digest realm="BaikalDAV", nonce="n2"' } }),
      findings: [{ messageId: 'realm-mismatch', severity: 'error', data: { sent: 'SabreDAV', challenged: 'BaikalDAV' }, location: { side: 'request', header: 'Authorization' } }],
    },
    {
      name: 'a mismatch against a Digest challenge that follows a Basic one on the same header line',
      history: [propfind({ headers: { Depth: '1' }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="web", Digest realm="BaikalDAV", nonce="n1"' } })],
      exchange: propfind({ headers: { Depth: '1', Authorization: digest('web') }, status: 401 }),
      findings: [{ messageId: 'realm-mismatch', data: { sent: 'web', challenged: 'BaikalDAV' } }],
    },
  ],
});
