// Rule tests: a sync-token resent after DAV:valid-sync-token, and the clients that start over or were given it again.
import rule from '../../../rules/webdav/sync-token-reused-after-invalid.ts';
import type { Exchange } from '../../../rules/model/exchange.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, davError, multistatus, propfind, report, syncCollectionBody } from '../factories.ts';

const OLD = 'http://radicale.org/ns/sync/0f3a';
const NEW = 'http://radicale.org/ns/sync/9b71';

const sync = (token: string, path = CALENDAR): Exchange =>
  report({
    path,
    headers: { Depth: '0' },
    body: syncCollectionBody(token),
    responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }], `<D:sync-token>${NEW}</D:sync-token>`),
  });
const refused = (token = OLD, status = 403, element = '<D:valid-sync-token/>', path = CALENDAR): Exchange =>
  report({ path, headers: { Depth: '0' }, body: syncCollectionBody(token), status, responseBody: davError(element) });
const injected = (e: Exchange): Exchange => ({ ...e, source: 'injected' });

run(rule, {
  valid: [
    { name: 'a first refusal with DAV:valid-sync-token (nothing resent yet)', exchange: refused() },
    { name: 'a client that starts over with an empty token after the refusal', history: [refused()], exchange: sync('') },
    { name: 'a client whose next sync sends another token (the token changed)', history: [refused()], exchange: sync(NEW) },
    { name: 'the same token on another collection', history: [refused()], exchange: sync(OLD, '/alice/work/') },
    { name: 'the same token after a 403 without the precondition (a permission problem)', history: [refused(OLD, 403, '<D:need-privileges/>')], exchange: sync(OLD) },
    {
      name: 'the same token after the server handed it out again in a later sync answer',
      history: [refused(OLD), report({ headers: { Depth: '0' }, body: syncCollectionBody(''), responseBody: multistatus([], `<D:sync-token>${OLD}</D:sync-token>`) })],
      exchange: sync(OLD),
    },
    {
      name: 'the same token after a PROPFIND of the collection returned it as DAV:sync-token',
      history: [refused(OLD), propfind({ headers: { Depth: '0' }, responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: `<D:sync-token>${OLD}</D:sync-token>` }] }]) })],
      exchange: sync(OLD),
    },
  ],
  invalid: [
    {
      name: 'a live server\'s 403 DAV:valid-sync-token (sabre/dav, Radicale) and the same token sent again',
      history: [refused()],
      exchange: sync(OLD),
      findings: [{ messageId: 'reused', severity: 'warning', data: { path: CALENDAR, token: OLD, status: 403 }, location: { side: 'request', xmlElement: '{DAV:}sync-token' } }],
    },
    { name: 'a 409 DAV:valid-sync-token and the same token sent again', history: [refused(OLD, 409)], exchange: refused(OLD, 409), findings: [{ messageId: 'reused', data: { status: 409 } }] },
    { name: 'an injected 403 DAV:valid-sync-token and the same token sent again (judged as a live one)', history: [injected(refused())], exchange: sync(OLD), findings: [{ messageId: 'reused' }] },
    {
      name: 'a refusal, a PROPFIND that did not return the token, and the same token again',
      history: [refused(), propfind({ headers: { Depth: '0' } })],
      exchange: sync(OLD),
      findings: [{ messageId: 'reused' }],
    },
  ],
});
