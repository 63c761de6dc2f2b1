// The memos that make analysis fast must never go stale: header look-ups, shared text decoders, the
// iCalendar tree shared by the view and the session, the session's index of resources below a
// collection, name tables, and sampled rule timing.
import { describe, expect, it } from 'vitest';
import { createEngine, SAMPLE_EVERY } from '../../../rules/engine/engine.ts';
import { defineRule } from '../../../rules/engine/define-rule.ts';
import { ExchangeView, statusOf, viewOf } from '../../../rules/engine/view.ts';
import { getHeader, getHeaderList, getHeaders } from '../../../rules/model/headers.ts';
import { parseMediaType } from '../../../rules/model/media-type.ts';
import { decodePath, rawPathOf, resourceKey } from '../../../rules/model/paths.ts';
import { caldav, dav } from '../../../rules/parse/xml/namespaces.ts';
import { parseIcalTree } from '../../../rules/parse/ical/parse.ts';
import { CALENDAR, del, exchange, get, icalEvent, mkcalendar, multistatus, propfind, put, report, syncCollectionBody } from '../factories.ts';

describe('view header look-ups', () => {
  const headers: [string, string][] = [
    ['Host', 'h'],
    ['prefer', 'return=minimal'],
    ['PREFER', 'depth-noroot, , x'],
    ['If-Match', '"a"'],
  ];
  const view = new ExchangeView(exchange({ rawHeaders: headers, responseHeaders: [['DAV', '1, 2'], ['dav', 'calendar-access']] }));

  it('give what the header helpers give, in any case, many times over', () => {
    for (let round = 0; round < 3; round++) {
      for (const name of ['Prefer', 'prefer', 'PREFER', 'if-match', 'Missing', 'host']) {
        expect(view.reqHeader(name)).toBe(getHeader(headers, name));
        expect(view.reqHeaders(name)).toEqual(getHeaders(headers, name));
        expect(view.reqHeaderList(name)).toEqual(getHeaderList(headers, name));
      }
    }
    expect(view.resHeaderList('Dav')).toEqual(['1', '2', 'calendar-access']);
  });

  it('stay right past the bound of the lower-case name table', () => {
    for (let i = 0; i < 1000; i++) expect(view.reqHeader(`X-Made-Up-${i}`)).toBeUndefined();
    expect(view.reqHeader('PREFER')).toBe('return=minimal');
  });

  it('hand out a fresh list each time, so a caller cannot change what the next one sees', () => {
    view.reqHeaders('Prefer').push('mutated');
    expect(view.reqHeaders('Prefer')).toEqual(['return=minimal', 'depth-noroot, , x']);
  });

  it('answer a view without a response with no response headers', () => {
    const v = new ExchangeView(exchange({ noResponse: true }));
    expect(v.resHeader('ETag')).toBeUndefined();
    expect(v.resHeaders('ETag')).toEqual([]);
  });
});

describe('view text decoding with shared decoders', () => {
  const bytesBody = (bytes: number[]) => ({ kind: 'captured' as const, bytes: new Uint8Array(bytes), size: bytes.length, truncated: false });

  it('decodes valid text after invalid text in the same charset, and the other way round', () => {
    const bad = new ExchangeView(exchange({ method: 'PUT', requestBody: bytesBody([0x41, 0xff, 0x42]), headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }));
    const good = new ExchangeView(exchange({ method: 'PUT', requestBody: bytesBody([0x41, 0xc3, 0xa9]), headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }));
    expect(bad.text('request')).toEqual({ text: 'A\ufffdB', valid: false, charset: 'utf-8' });
    expect(good.text('request')).toEqual({ text: 'Aé', valid: true, charset: 'utf-8' });
    const badAgain = new ExchangeView(exchange({ method: 'PUT', requestBody: bytesBody([0xff]), headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }));
    expect(badAgain.text('request')?.valid).toBe(false);
  });

  it('falls back to UTF-8 for an unknown charset, every time', () => {
    for (let i = 0; i < 2; i++) {
      const v = new ExchangeView(exchange({ method: 'PUT', body: 'é', headers: { 'Content-Type': 'text/plain; charset=x-no-such-charset' } }));
      expect(v.text('request')).toEqual({ text: 'é', valid: true, charset: 'utf-8' });
    }
  });

  it('reads Latin-1 as declared', () => {
    const v = new ExchangeView(exchange({ method: 'PUT', requestBody: bytesBody([0xe9]), headers: { 'Content-Type': 'text/plain; charset=iso-8859-1' } }));
    expect(v.text('request')?.text).toBe('é');
  });
});

describe('view memos', () => {
  it('keep method, path, key and depth as the helpers compute them', () => {
    const v = new ExchangeView(exchange({ method: 'propfind', path: 'http://h:1/a%20b/c/?x#y', headers: { Depth: ' Infinity ' } }));
    for (let i = 0; i < 2; i++) {
      expect(v.method).toBe('PROPFIND');
      expect(v.rawPath).toBe('/a%20b/c/');
      expect(v.path).toBe('/a b/c/');
      expect(v.key).toBe('/a b/c');
      expect(v.depth).toBe('infinity');
    }
  });

  it('share one iCalendar tree between ical() and icalDocument(), well-formed or not', () => {
    const v = new ExchangeView(put({ body: icalEvent({ uid: 'shared' }) }));
    const r = v.ical('request');
    expect(r?.ok).toBe(true);
    expect(r?.ok && r.doc).toBe(v.icalDocument('request'));
    const broken = new ExchangeView(put({ body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n' }));
    expect(broken.icalDocument('request')?.components[0]?.name).toBe('VCALENDAR');
    const b = broken.ical('request');
    expect(b && !b.ok && b.partial).toBe(broken.icalDocument('request'));
    expect(new ExchangeView(get({ responseBody: 'not ical', responseHeaders: { 'Content-Type': 'text/plain' } })).icalDocument('response')).toBeUndefined();
  });

  it('read status lines as before, the common form included', () => {
    expect(statusOf('HTTP/1.1 200 OK')).toBe(200);
    expect(statusOf('HTTP/1.1 2000')).toBe(200);
    expect(statusOf('HTTP/1.1 20')).toBeUndefined();
    expect(statusOf('http/1.1 404 Not Found')).toBe(404);
    expect(statusOf('  HTTP/1.0 507')).toBe(507);
    expect(statusOf('HTTP/2 403')).toBe(403);
    expect(statusOf('409 Conflict')).toBe(409);
    expect(statusOf('')).toBeUndefined();
    expect(statusOf(undefined)).toBeUndefined();
  });
});

describe('shared media types', () => {
  it('give each view what parseMediaType gives, frozen, past the bound of the table', () => {
    const value = 'Application/XML; Charset="UTF-8"; x=1';
    for (let i = 0; i < 300; i++) new ExchangeView(exchange({ method: 'PUT', body: 'x', headers: { 'Content-Type': `text/x-${i}` } })).requestType;
    const a = new ExchangeView(exchange({ method: 'PUT', body: 'x', headers: { 'Content-Type': value } })).requestType;
    const b = new ExchangeView(exchange({ method: 'PUT', body: 'x', headers: { 'Content-Type': value } })).requestType;
    expect(a).toEqual(parseMediaType(value));
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a!.params)).toBe(true);
    expect(new ExchangeView(exchange({ method: 'PUT', body: 'x', headers: { 'Content-Type': ' ' } })).requestType).toBeUndefined();
    expect(new ExchangeView(exchange({ method: 'GET', noResponse: true })).responseType).toBeUndefined();
  });
});

describe('releasing a view\'s parses', () => {
  it('makes them again, equal, when asked after the release', () => {
    const ex = propfind({ responseBody: multistatus([{ href: `${CALENDAR}a.ics`, propstats: [{ status: 200, props: '<D:getetag>"1"</D:getetag>' }] }]) });
    const v = new ExchangeView(ex);
    const before = { text: v.text('response'), xml: v.xml('response'), ms: v.multistatus, conditions: v.conditions };
    v.releaseParses();
    expect(v.multistatus).not.toBe(before.ms);
    expect(v.multistatus).toEqual(before.ms);
    expect(v.text('response')).toEqual(before.text);
    expect(v.xml('response')).toEqual(before.xml);
    expect(v.conditions).toEqual(before.conditions);
    const p = new ExchangeView(put({ body: icalEvent({ uid: 'r' }) }));
    const ical = p.ical('request');
    p.releaseParses();
    expect(p.ical('request')).toEqual(ical);
  });

  it('keeps a request\'s sync-token across the release, and tells a sync-collection from other REPORTs', () => {
    const sync = new ExchangeView(report({ body: syncCollectionBody(' http://example.com/sync/1 ') }));
    expect(sync.requestSyncToken).toBe('http://example.com/sync/1');
    sync.releaseParses();
    expect(sync.requestSyncToken).toBe('http://example.com/sync/1');
    expect(new ExchangeView(report({ body: syncCollectionBody('') })).requestSyncToken).toBe('');
    expect(new ExchangeView(report()).requestSyncToken).toBeUndefined();
    expect(new ExchangeView(get()).requestSyncToken).toBeUndefined();
  });

  it('leaves an analysed exchange\'s view whole for later callers, and the recent views answer the rules', () => {
    const engine = createEngine({ rules: [] });
    const ex = propfind();
    engine.analyse(ex);
    expect(viewOf(ex).multistatus?.map((e) => e.href)).toEqual([CALENDAR, '/alice/calendar/event-1.ics']);
    const last = engine.context.recent[engine.context.recent.length - 1]!;
    expect(last.exchange).toBe(ex);
    expect([last.method, last.key, last.status, last.reqHeader('depth')]).toEqual(['PROPFIND', '/alice/calendar', 207, '1']);
  });
});

describe('URL helpers on their fast paths', () => {
  it('agree with the general forms', () => {
    expect(rawPathOf('/a/b?q#f')).toBe('/a/b');
    expect(rawPathOf('/a/b#f?q')).toBe('/a/b');
    expect(rawPathOf('https://h:8443')).toBe('/');
    expect(rawPathOf('https://h/x/y?z')).toBe('/x/y');
    expect(decodePath('/a/b')).toBe('/a/b');
    expect(decodePath('/a%2Fb')).toBe('/a/b');
    expect(decodePath('/bad%zz')).toBe('/bad%zz');
    expect(resourceKey(' /a/b/// ')).toBe('/a/b');
    expect(resourceKey('///')).toBe('/');
    expect(resourceKey('http://h/')).toBe('/');
  });
});

describe('name tables', () => {
  it('give the same Clark names every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(dav('getetag')).toBe('{DAV:}getetag');
      expect(caldav('calendar-data')).toBe('{urn:ietf:params:xml:ns:caldav}calendar-data');
    }
  });
});

describe('session memory of what lies below a collection', () => {
  it('forgets every member of a deleted collection, however deep, and nothing beside it', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ path: '/alice/cal/a.ics' }));
    engine.analyse(put({ path: '/alice/cal/sub/b.ics' }));
    engine.analyse(put({ path: '/alice/calendar/c.ics' }));
    engine.analyse(put({ path: '/alice/cal-2/d.ics' }));
    engine.analyse(del({ path: '/alice/cal/' }));
    const ctx = engine.context;
    expect(ctx.resource('/alice/cal')?.exists).toBe(false);
    expect(ctx.resource('/alice/cal/a.ics')?.exists).toBe(false);
    expect(ctx.resource('/alice/cal/sub')?.exists).toBe(false);
    expect(ctx.resource('/alice/cal/sub/b.ics')?.exists).toBe(false);
    expect(ctx.resource('/alice/calendar/c.ics')?.exists).toBe(true);
    expect(ctx.resource('/alice/cal-2/d.ics')?.exists).toBe(true);
    // Created again afterwards, a member is known to exist again and a second delete forgets it again.
    engine.analyse(put({ path: '/alice/cal/a.ics' }));
    expect(ctx.resource('/alice/cal/a.ics')?.exists).toBe(true);
    engine.analyse(del({ path: '/alice/cal' }));
    expect(ctx.resource('/alice/cal/a.ics')?.exists).toBe(false);
  });

  it('forgets members learnt from a multistatus and from MKCALENDAR, and everything under /', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(mkcalendar({ path: '/alice/new/' }));
    engine.analyse(propfind({ path: CALENDAR, responseBody: multistatus([{ href: `${CALENDAR}x.ics`, propstats: [{ status: 200, props: '<D:getetag>"1"</D:getetag>' }] }]) }));
    expect(engine.context.resource(`${CALENDAR}x.ics`)?.etag).toBe('"1"');
    engine.analyse(del({ path: '/' }));
    expect(engine.context.resource(`${CALENDAR}x.ics`)?.exists).toBe(false);
    expect(engine.context.resource('/alice/new')?.exists).toBe(false);
  });

  it('learns UID and ORGANIZER of a PUT body from the tree the view made', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ path: `${CALENDAR}o.ics`, body: icalEvent({ uid: ' u-1 ', extra: ['ORGANIZER:mailto:alice@example.com'] }) }));
    expect(engine.context.resource(`${CALENDAR}o.ics`)).toMatchObject({ uid: 'u-1', organizer: 'mailto:alice@example.com' });
    expect(engine.context.hrefForUid(CALENDAR, 'u-1')).toBe(`${CALENDAR}o.ics`);
    // Two different UIDs: none is recorded, as uids() of rules/parse/ical/query.ts would say.
    const two = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nUID:b\r\nEND:VTODO\r\nEND:VCALENDAR\r\n';
    engine.analyse(put({ path: `${CALENDAR}two.ics`, body: two }));
    expect(engine.context.resource(`${CALENDAR}two.ics`)?.uid).toBeUndefined();
    expect(parseIcalTree(two).doc.components[0]?.components.length).toBe(2);
  });
});

describe('rule timing', () => {
  const rule = defineRule({
    id: 'test/timed',
    severity: 'info', party: 'client',
    docs: { summary: 's', specs: [], details: 'd' },
    messages: { m: { message: 'm', fix: 'f' } },
    check: () => [],
  });

  it('times every call when asked to', () => {
    const engine = createEngine({ rules: [rule], timing: 'every' });
    for (let i = 0; i < 50; i++) engine.analyse(get({ seq: i + 1 }));
    expect(engine.stats()[0]).toMatchObject({ calls: 50, timedCalls: 50 });
  });

  it('by default times about one exchange in SAMPLE_EVERY, the first included, and extrapolates', () => {
    const engine = createEngine({ rules: [rule] });
    engine.analyse(get({ seq: 1 }));
    expect(engine.stats()[0]).toMatchObject({ calls: 1, timedCalls: 1 });
    const n = 200 * SAMPLE_EVERY;
    for (let i = 1; i < n; i++) engine.analyse(get({ seq: i + 1 }));
    const s = engine.stats()[0]!;
    expect(s.calls).toBe(n);
    expect(s.timedCalls).toBeGreaterThan(n / SAMPLE_EVERY / 2);
    expect(s.timedCalls).toBeLessThan((n / SAMPLE_EVERY) * 2);
    expect(s.totalMs).toBeGreaterThanOrEqual(0);
  });
});
