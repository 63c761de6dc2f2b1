// Whole-catalogue tests: a legal Radicale-style session raises nothing, the seed mistakes are caught, and lint is fast.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import {
  CALENDAR, EVENT, HOST, del, get, icalEvent, mkcalendar, mkcalendarBody, multigetBody, multistatus, options, propfind, propfindBody, put, report, syncCollectionBody,
} from './factories.ts';

const xmlHeaders = (depth?: string) => ({ ...(depth ? { Depth: depth } : {}), Accept: 'application/xml', 'Content-Type': 'application/xml; charset=utf-8' });

function cleanSession(): Exchange[] {
  return [
    options(),
    propfind({ path: '/alice/', headers: xmlHeaders('0'), body: propfindBody('<D:current-user-principal/><C:calendar-home-set/>'), responseBody: multistatus([{ href: '/alice/', propstats: [{ status: 200, props: '<D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal><C:calendar-home-set><D:href>/alice/</D:href></C:calendar-home-set>' }] }]) }),
    propfind({ path: '/alice/', headers: xmlHeaders('1'), body: propfindBody('<D:resourcetype/><D:displayname/><CS:getctag/>'), responseBody: multistatus([{ href: '/alice/', propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }, { status: 404, props: '<CS:getctag/>' }] }, { href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Calendar</D:displayname>' }] }]) }),
    mkcalendar({ path: '/alice/work/', headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: mkcalendarBody('<D:displayname>Work</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>') }),
    put({ body: icalEvent({ uid: 'u1' }) }),
    // Radicale answers 201 (not 204) when overwriting: legal.
    put({ headers: { 'If-Match': '"e1"' }, body: icalEvent({ uid: 'u1' }), status: 204, responseHeaders: { ETag: '"e2"' } }),
    get({ responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8', ETag: '"e2"' }, responseBody: icalEvent({ uid: 'u1' }) }),
    report({ headers: xmlHeaders('1'), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e2"</D:getetag>' }] }]) }),
    report({ headers: { Accept: 'application/xml', 'Content-Type': 'application/xml' }, body: multigetBody([EVENT]), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: `<D:getetag>"e2"</D:getetag><C:calendar-data>${icalEvent({ uid: 'u1' })}</C:calendar-data>` }] }]) }),
    report({ headers: xmlHeaders('0'), body: syncCollectionBody(), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e2"</D:getetag>' }] }], `<D:sync-token>${HOST}/sync/1</D:sync-token>`) }),
    report({ headers: xmlHeaders('0'), body: syncCollectionBody(`${HOST}/sync/1`), responseBody: multistatus([], `<D:sync-token>${HOST}/sync/2</D:sync-token>`) }),
    // Radicale answers DELETE with 200 and a multistatus: legal.
    del({ headers: { 'If-Match': '"e2"' }, status: 200, responseBody: multistatus([{ href: EVENT, status: 200 }]) }),
  ];
}

describe('the whole catalogue', () => {
  it('raises nothing on a legal Radicale-style session', () => {
    const engine = createEngine({ rules: allRules });
    const findings = cleanSession().flatMap((ex) => engine.analyse(ex).map((f) => `#${ex.seq} ${ex.request.method} ${f.ruleId}: ${f.message}`));
    expect(findings).toEqual([]);
  });

  it('catches the seed mistakes: CardDAV-rooted MKCALENDAR, a refused VJOURNAL-only calendar, decoded preconditions', () => {
    const engine = createEngine({ rules: allRules });
    const carddav = mkcalendar({ body: mkcalendarBody().replace('urn:ietf:params:xml:ns:caldav', 'urn:ietf:params:xml:ns:carddav'), status: 415 });
    expect(engine.analyse(carddav).map((f) => f.ruleId)).toContain('caldav/mkcalendar-wrong-namespace');
    const journal = mkcalendar({
      path: '/alice/journal/',
      body: mkcalendarBody('<C:supported-calendar-component-set><C:comp name="VJOURNAL"/></C:supported-calendar-component-set>'),
      status: 207,
      responseBody: multistatus([{ href: '/alice/journal/', propstats: [{ status: 403, props: '<C:supported-calendar-component-set/>' }] }]),
    });
    const jf = engine.analyse(journal);
    expect(jf.find((f) => f.ruleId === 'webdav/multistatus-failure')?.message).toMatch(/NOT created/);
    const taken = mkcalendar({ path: '/alice/calendar/', status: 409, responseBody: '<error xmlns="DAV:"><resource-must-be-null /></error>', responseHeaders: { 'Content-Type': 'text/xml' } });
    expect(engine.analyse(taken).find((f) => f.ruleId === 'webdav/precondition-error')?.message).toMatch(/DAV:resource-must-be-null/);
  });
});
