// SessionFacts: what the request composer learns from a session's exchanges (Radicale-like 207s by
// default, absolute-URL hrefs as other servers send them), and what it forgets and bounds.
import { describe, expect, it } from 'vitest';
import { SessionFacts, MAX_CALENDARS, MAX_OBJECTS } from '../../../rules/compose/index.ts';
import {
  CALENDAR, EVENT, HOST, del, exchange, get, icalEvent, mkcalendar, multistatus, propfind, propfindBody, proppatch, put, report, syncCollectionBody,
} from '../factories.ts';

const XML = { 'Content-Type': 'application/xml; charset=utf-8' };

function learn(...exchanges: ReturnType<typeof exchange>[]) {
  const facts = new SessionFacts();
  for (const ex of exchanges) facts.observe(ex);
  return facts.snapshot();
}

const principalPropfind = () =>
  propfind({
    path: '/',
    headers: { ...XML, Depth: '0' },
    body: propfindBody('<D:current-user-principal/>'),
    responseBody: multistatus([{ href: '/', propstats: [{ status: 200, props: `<D:current-user-principal><D:href>${HOST}/alice/</D:href></D:current-user-principal>` }] }]),
  });

const homePropfind = () =>
  propfind({
    path: '/alice/',
    headers: { ...XML, Depth: '0' },
    body: propfindBody('<C:calendar-home-set/>'),
    responseBody: multistatus([{ href: '/alice/', propstats: [{ status: 200, props: '<C:calendar-home-set><D:href>/alice/</D:href></C:calendar-home-set>' }] }]),
  });

const homeListing = () =>
  propfind({
    path: '/alice/',
    headers: { ...XML, Depth: '1' },
    body: propfindBody('<D:resourcetype/><D:displayname/><D:getetag/><D:sync-token/>'),
    responseBody: multistatus([
      { href: '/alice/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><D:principal/></D:resourcetype>' }, { status: 404, props: '<D:displayname/><D:sync-token/>' }] },
      {
        href: `${HOST}${CALENDAR}`,
        propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Personal</D:displayname><D:getetag>"c1"</D:getetag><D:sync-token>http://radicale.org/ns/sync/aaa</D:sync-token>' }],
      },
      { href: '/alice/contacts/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype><D:displayname>Contacts</D:displayname>' }] },
    ]),
  });

describe('SessionFacts', () => {
  it('given the discovery 207s, learns the principal and the calendar home, an absolute-URL href stored as its path', () => {
    const f = learn(principalPropfind(), homePropfind());
    expect(f.principal).toBe('/alice/');
    expect(f.calendarHome).toBe('/alice/');
  });

  it('given a Depth 1 PROPFIND on the home, learns the calendar collections with their display names, not other collections', () => {
    const f = learn(homeListing());
    expect(f.calendars).toEqual([{ href: CALENDAR, displayName: 'Personal' }]);
    // The collection's getetag is not a calendar object's ETag.
    expect(f.objects).toEqual([]);
  });

  it('given a PROPFIND listing DAV:sync-token, keeps it as the calendar’s last token', () => {
    expect(learn(homeListing()).syncTokens).toEqual([{ collection: CALENDAR, token: 'http://radicale.org/ns/sync/aaa' }]);
  });

  it('given sync-collection 207s, keeps the newest token per collection and forgets members reported 404', () => {
    const first = report({
      headers: { ...XML, Depth: '0' },
      body: syncCollectionBody(),
      responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }], '<D:sync-token>http://radicale.org/ns/sync/t1</D:sync-token>'),
    });
    const second = report({
      headers: { ...XML, Depth: '0' },
      body: syncCollectionBody('http://radicale.org/ns/sync/t1'),
      responseBody: multistatus([{ href: EVENT, status: 404 }], '<D:sync-token>http://radicale.org/ns/sync/t2</D:sync-token>'),
    });
    const afterFirst = learn(first);
    expect(afterFirst.syncTokens).toEqual([{ collection: CALENDAR, token: 'http://radicale.org/ns/sync/t1' }]);
    expect(afterFirst.objects).toEqual([{ href: EVENT, etag: '"e1"' }]);
    const afterBoth = learn(first, second);
    expect(afterBoth.syncTokens).toEqual([{ collection: CALENDAR, token: 'http://radicale.org/ns/sync/t2' }]);
    expect(afterBoth.objects).toEqual([]);
  });

  it('a multistatus sync-token of a calendar-query is not taken as a sync token', () => {
    const q = report({ responseBody: multistatus([], '<D:sync-token>http://x/sync/1</D:sync-token>') });
    expect(learn(q).syncTokens).toEqual([]);
  });

  it('learns ETags from a 207 getetag, a PUT response ETag (with the UID of the PUT body) and a GET response ETag, newest last', () => {
    const listed = learn(report({ responseBody: multistatus([{ href: `${HOST}/alice/calendar/b.ics`, propstats: [{ status: 200, props: '<D:getetag>"b1"</D:getetag>' }] }]) }));
    expect(listed.objects).toEqual([{ href: '/alice/calendar/b.ics', etag: '"b1"' }]);

    const f = learn(put({ body: icalEvent({ uid: 'u-1' }), responseHeaders: { ETag: '"p1"' } }), get({ path: '/alice/calendar/g.ics', responseHeaders: { ETag: '"g1"', 'Content-Type': 'text/calendar' }, responseBody: icalEvent({ uid: 'u-g' }) }));
    expect(f.objects).toEqual([
      { href: EVENT, etag: '"p1"', uid: 'u-1' },
      { href: '/alice/calendar/g.ics', etag: '"g1"', uid: 'u-g' },
    ]);
  });

  it('learns the UID of an object from calendar-data in a multiget 207', () => {
    const mg = report({ responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: `<D:getetag>"m1"</D:getetag><C:calendar-data>${icalEvent({ uid: 'u-m' })}</C:calendar-data>` }] }]) });
    expect(learn(mg).objects).toEqual([{ href: EVENT, etag: '"m1"', uid: 'u-m' }]);
  });

  it('a weak ETag is not kept, since If-Match never matches one', () => {
    expect(learn(put(), get({ responseHeaders: { ETag: 'W/"w1"', 'Content-Type': 'text/calendar' } })).objects).toEqual([]);
    expect(learn(report({ responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>W/"w2"</D:getetag>' }] }]) })).objects).toEqual([]);
  });

  it('a PUT answered without an ETag forgets the old one, which would now fail an If-Match', () => {
    const f = learn(put({ responseHeaders: { ETag: '"p1"' } }), put({ headers: { 'If-Match': '"p1"' }, status: 204, responseHeaders: {} }));
    expect(f.objects).toEqual([]);
  });

  it('forgets an ETag on a 2xx DELETE and on a 404, but not on a failed DELETE', () => {
    expect(learn(put(), del({ status: 204 })).objects).toEqual([]);
    expect(learn(put(), get({ status: 404, responseBody: undefined, responseHeaders: {} })).objects).toEqual([]);
    expect(learn(put(), del({ status: 412 })).objects).toEqual([{ href: EVENT, etag: '"e1"', uid: 'event-1@example.com' }]);
  });

  it('a deleted calendar takes its token and its objects with it', () => {
    const f = learn(homeListing(), put(), del({ path: CALENDAR, headers: {}, status: 204 }));
    expect(f.calendars).toEqual([]);
    expect(f.syncTokens).toEqual([]);
    expect(f.objects).toEqual([]);
  });

  it('a 201 MKCALENDAR adds the calendar with the display name it set; a PROPPATCH of the name renames it', () => {
    const made = learn(mkcalendar({ path: '/alice/work/' }));
    expect(made.calendars).toEqual([{ href: '/alice/work/', displayName: 'Work' }]);
    const renamed = learn(homeListing(), proppatch());
    expect(renamed.calendars).toEqual([{ href: CALENDAR, displayName: 'Home' }]);
  });

  it('takes the path prefix from the upstream URL davscope forwards to', () => {
    expect(learn(principalPropfind()).prefix).toBe('/');
    expect(learn({ ...principalPropfind(), upstream: 'http://127.0.0.1:5232/dav' }).prefix).toBe('/dav/');
  });

  it('an exchange without a response (a transport error) teaches nothing', () => {
    expect(learn(put({ noResponse: true })).objects).toEqual([]);
  });

  it('keeps at most MAX_OBJECTS ETags and MAX_CALENDARS calendars, dropping the least recently seen', () => {
    const objects = Array.from({ length: MAX_OBJECTS + 1 }, (_, i) => ({ href: `/alice/calendar/${i}.ics`, propstats: [{ status: 200, props: `<D:getetag>"${i}"</D:getetag>` }] }));
    const calendars = Array.from({ length: MAX_CALENDARS + 1 }, (_, i) => ({ href: `/alice/c${i}/`, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>' }] }));
    const f = learn(report({ responseBody: multistatus(objects) }), propfind({ path: '/alice/', responseBody: multistatus(calendars) }));
    expect(f.objects).toHaveLength(MAX_OBJECTS);
    expect(f.objects[0]!.href).toBe('/alice/calendar/1.ics');
    expect(f.objects.at(-1)!.href).toBe(`/alice/calendar/${MAX_OBJECTS}.ics`);
    expect(f.calendars).toHaveLength(MAX_CALENDARS);
    expect(f.calendars[0]!.href).toBe('/alice/c1/');
  });
});
