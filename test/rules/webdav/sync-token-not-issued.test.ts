// Rule tests: sync tokens that are not URIs, CTags, or another collection's.
import rule from '../../../rules/webdav/sync-token-not-issued.ts';
import { run } from '../tester.ts';
import { multistatus, propfind, report, syncCollectionBody } from '../factories.ts';

const sync = (token: string, path = '/alice/calendar/') => report({ path, headers: { Depth: '0' }, body: syncCollectionBody(token) });
const issued = report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([], '<D:sync-token>http://127.0.0.1:5232/sync/7</D:sync-token>') });
const ctag = propfind({ responseBody: multistatus([{ href: '/alice/calendar/', propstats: [{ status: 200, props: '<CS:getctag>ctag-42</CS:getctag>' }] }]) });

run(rule, {
  valid: [
    { name: 'an empty token', exchange: sync('') },
    { name: 'a token the server issued for this collection', history: [issued], exchange: sync('http://127.0.0.1:5232/sync/7') },
    { name: 'a URI token from an earlier session', exchange: sync('http://radicale.org/ns/sync/abc') },
    {
      name: 'a non-URI token the server itself issued, sent back as it came (the server\'s fault, said on its answer)',
      history: [report({ headers: { Depth: '0' }, body: syncCollectionBody(), responseBody: multistatus([], '<D:sync-token>12</D:sync-token>') })],
      exchange: sync('12'),
    },
  ],
  invalid: [
    { name: 'the token "0"', exchange: sync('0'), findings: [{ messageId: 'not-uri', party: 'client', data: { token: '0' } }] },
    { name: 'a CTag sent as token', history: [ctag], exchange: sync('ctag-42'), findings: [{ messageId: 'ctag', party: 'client' }] },
    { name: 'a token of another collection', history: [issued], exchange: sync('http://127.0.0.1:5232/sync/7', '/alice/work/'), findings: [{ messageId: 'foreign', party: 'client' }] },
  ],
});
