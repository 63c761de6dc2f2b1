// Rule tests: a server issuing a sync token that is not a URI is at fault on that answer.
import rule from '../../../rules/webdav/sync-token-issued-not-uri.ts';
import { run } from '../tester.ts';
import { CALENDAR, multistatus, report, syncCollectionBody } from '../factories.ts';

const answer = (token: string) => report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([], `<D:sync-token>${token}</D:sync-token>`) });

run(rule, {
  valid: [
    { name: 'a URI token (Radicale)', exchange: answer('http://radicale.org/ns/sync/abc') },
    { name: 'a URN token', exchange: answer('urn:uuid:0b2b1c1e-1111-4a4a-8a8a-000000000001') },
    { name: 'a calendar-query answer (no sync token)', exchange: report() },
  ],
  invalid: [
    { name: 'the token "12"', exchange: answer('12'), findings: [{ messageId: 'not-uri', party: 'server', data: { token: '12', path: CALENDAR }, location: { side: 'response' } }] },
  ],
});
