// Rule tests: a sync restarted with the old token after a truncated answer, and the clients that continue.
import rule from '../../../rules/webdav/sync-truncated-not-continued.ts';
import type { Exchange } from '../../../rules/model/exchange.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, multigetBody, multistatus, report, syncCollectionBody } from '../factories.ts';

const OLD = 'http://example.com/sync/10';
const NEXT = 'http://example.com/sync/11';
const change = { href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] };

/** A sync-collection answer: truncated means a 507 response for the collection itself (RFC 6578 §3.6). */
const sync = (sent: string, o: { next?: string | null; truncated?: boolean; path?: string; selfHref?: string } = {}): Exchange => {
  const path = o.path ?? CALENDAR;
  const responses = o.truncated ? [change, { href: o.selfHref ?? path, status: 507 }] : [change];
  const token = o.next === null ? '' : `<D:sync-token>${o.next ?? NEXT}</D:sync-token>`;
  return report({ path, headers: { Depth: '0' }, body: syncCollectionBody(sent), responseBody: multistatus(responses, token) });
};
const injected = (e: Exchange): Exchange => ({ ...e, source: 'injected' });

run(rule, {
  valid: [
    { name: 'a truncated answer followed by a sync with the token it returned', history: [sync(OLD, { truncated: true })], exchange: sync(NEXT) },
    { name: 'a complete answer and the same token sent again (not a truncation)', history: [sync(OLD)], exchange: sync(OLD) },
    { name: 'a truncated answer that returned no new token, and the old token again', history: [sync(OLD, { truncated: true, next: null })], exchange: sync(OLD) },
    { name: 'a truncated answer that returned the token it was sent, and that token again', history: [sync(OLD, { truncated: true, next: OLD })], exchange: sync(OLD) },
    { name: 'a truncated answer for another collection, and the old token on this one', history: [sync(OLD, { truncated: true, path: '/alice/work/' })], exchange: sync(OLD) },
    { name: 'a 507 for a member rather than the collection, and the old token again', history: [sync(OLD, { truncated: true, selfHref: '/alice/calendar/big.ics' })], exchange: sync(OLD) },
    {
      name: 'a truncation, a continuation with the new token, and a later sync from the old token (the latest sync was not truncated)',
      history: [sync(OLD, { truncated: true }), sync(NEXT, { next: 'http://example.com/sync/12' })],
      exchange: sync(OLD),
    },
    { name: 'a truncated answer followed by a calendar-multiget on the collection', history: [sync(OLD, { truncated: true })], exchange: report({ body: multigetBody([EVENT]) }) },
  ],
  invalid: [
    {
      name: 'a live server\'s truncated answer and the next sync sent with the old token',
      history: [sync(OLD, { truncated: true })],
      exchange: sync(OLD),
      findings: [{ messageId: 'restarted', severity: 'warning', data: { path: CALENDAR, token: OLD, next: NEXT, count: 1 }, location: { side: 'request', xmlElement: '{DAV:}sync-token' } }],
    },
    { name: 'a truncated initial sync and the next one sent with an empty token again', history: [sync('', { truncated: true })], exchange: sync(''), findings: [{ messageId: 'restarted', data: { token: '(empty)' } }] },
    { name: 'an injected truncation and the old token sent again (judged as a live one)', history: [injected(sync(OLD, { truncated: true }))], exchange: sync(OLD), findings: [{ messageId: 'restarted' }] },
    {
      name: 'a truncated answer, a multiget of its changes, and the old token again',
      history: [sync(OLD, { truncated: true }), report({ body: multigetBody([EVENT]) })],
      exchange: sync(OLD),
      findings: [{ messageId: 'restarted' }],
    },
  ],
});
