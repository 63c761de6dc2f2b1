// composeTemplates: every template is a well-formed CalDAV request (our XML and iCalendar parsers
// read its body, times are UTC), placeholders come only with a needs sentence, and the rule engine
// finds nothing wrong with any request it makes.
import { describe, expect, it } from 'vitest';
import { composeTemplates, NO_FACTS, PLACEHOLDER, type ComposeFacts, type ComposedRequest } from '../../../rules/compose/index.ts';
import { createEngine } from '../../../rules/engine/engine.ts';
import { allRules } from '../../../rules/registry.ts';
import { parseXml } from '../../../rules/parse/xml/scan.ts';
import { descendants, attr } from '../../../rules/parse/xml/query.ts';
import { caldav } from '../../../rules/parse/xml/namespaces.ts';
import { parseIcal } from '../../../rules/parse/ical/parse.ts';
import { prop, mainComponents } from '../../../rules/parse/ical/query.ts';
import { getHeader } from '../../../rules/model/headers.ts';
import { CALENDAR, CLOCK, EVENT, exchange, icalEvent, ical, multistatus, type ExchangeSpec } from '../factories.ts';

const NOW = new Date(CLOCK);
const TOKEN = 'http://radicale.org/ns/sync/t1';

const FULL: ComposeFacts = {
  prefix: '/',
  principal: '/alice/',
  calendarHome: '/alice/',
  calendars: [{ href: CALENDAR, displayName: 'Personal' }],
  objects: [{ href: EVENT, etag: '"e1"', uid: 'event-1@example.com' }],
  syncTokens: [{ collection: CALENDAR, token: TOKEN }],
};

function compose(facts: ComposeFacts, uid?: () => string): ComposedRequest[] {
  let n = 0;
  return composeTemplates(facts, { now: NOW, uid: uid ?? (() => `uid-${++n}`) });
}

const byId = (list: ComposedRequest[], id: string): ComposedRequest => {
  const r = list.find((t) => t.id === id);
  if (!r) throw new Error(`no template ${id}`);
  return r;
};

const IDS = [
  'discover-well-known', 'discover-principal', 'discover-home', 'discover-calendars', 'mkcalendar', 'put-create', 'put-update', 'delete',
  'calendar-query', 'calendar-multiget', 'sync-initial', 'sync-incremental', 'free-busy', 'proppatch-displayname', 'options',
];
const UTC = /^\d{8}T\d{6}Z$/;
const isXml = (r: ComposedRequest) => r.body.startsWith('<');
const header = (r: ComposedRequest, name: string) => getHeader(r.headers, name);
const hasPlaceholder = (r: ComposedRequest) => PLACEHOLDER.test(r.target) || PLACEHOLDER.test(r.body) || r.headers.some(([, v]) => PLACEHOLDER.test(v));

describe('composeTemplates', () => {
  it('gives the discovery chain and every CalDAV request, in menu order, with unique ids and titles', () => {
    const list = compose(FULL);
    expect(list.map((t) => t.id)).toEqual(IDS);
    expect(new Set(list.map((t) => t.title)).size).toBe(list.length);
  });

  it('every XML body parses with our parser, has an XML declaration, a DAV: or CalDAV root and is sent as application/xml; charset=utf-8', () => {
    const xml = compose(FULL).filter(isXml);
    expect(xml.map((t) => t.id)).toEqual(IDS.filter((id) => !['discover-well-known', 'put-create', 'put-update', 'delete', 'options'].includes(id)));
    for (const t of xml) {
      expect(t.body, t.id).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/);
      const parsed = parseXml(t.body);
      if (!parsed.ok) throw new Error(`${t.id}: ${parsed.error.message}`);
      expect(['DAV:', 'urn:ietf:params:xml:ns:caldav'], t.id).toContain(parsed.doc.root.ns);
      expect(header(t, 'Content-Type'), t.id).toBe('application/xml; charset=utf-8');
    }
  });

  it('the roots are the ones RFC 4918, 4791 and 6578 name for each request', () => {
    const roots = Object.fromEntries(compose(FULL).filter(isXml).map((t) => [t.id, (parseXml(t.body) as { ok: true; doc: { root: { name: string } } }).doc.root.name]));
    expect(roots).toEqual({
      'discover-principal': '{DAV:}propfind',
      'discover-home': '{DAV:}propfind',
      'discover-calendars': '{DAV:}propfind',
      mkcalendar: caldav('mkcalendar'),
      'calendar-query': caldav('calendar-query'),
      'calendar-multiget': caldav('calendar-multiget'),
      'sync-initial': '{DAV:}sync-collection',
      'sync-incremental': '{DAV:}sync-collection',
      'free-busy': caldav('free-busy-query'),
      'proppatch-displayname': '{DAV:}propertyupdate',
    });
  });

  it('every time-range is UTC YYYYMMDDTHHMMSSZ and spans the 30 days around now', () => {
    const ranged = compose(FULL).filter((t) => t.body.includes('time-range'));
    expect(ranged.map((t) => t.id)).toEqual(['calendar-query', 'free-busy']);
    for (const t of ranged) {
      const parsed = parseXml(t.body);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const ranges = descendants(parsed.doc.root, caldav('time-range'));
      expect(ranges).toHaveLength(1);
      expect(attr(ranges[0]!, 'start')).toMatch(UTC);
      expect(attr(ranges[0]!, 'end')).toMatch(UTC);
      expect([attr(ranges[0]!, 'start'), attr(ranges[0]!, 'end')]).toEqual(['20241231T090000Z', '20250130T090000Z']);
    }
  });

  it('PUT bodies parse as iCalendar with CRLF line endings only and UTC times; create uses the fresh UID, update the known one', () => {
    const list = compose(FULL);
    const uids: string[] = [];
    for (const id of ['put-create', 'put-update']) {
      const t = byId(list, id);
      expect(header(t, 'Content-Type'), id).toBe('text/calendar; charset=utf-8');
      const parsed = parseIcal(t.body);
      if (!parsed.ok) throw new Error(`${id}: ${parsed.error.message}`);
      expect(parsed.doc.lines.crlf).toBeGreaterThan(5);
      expect([parsed.doc.lines.bareLf, parsed.doc.lines.bareCr], id).toEqual([0, 0]);
      const [event] = mainComponents(parsed.doc);
      expect(event!.name).toBe('VEVENT');
      for (const name of ['DTSTAMP', 'DTSTART', 'DTEND']) expect(prop(event!, name)?.value, `${id} ${name}`).toMatch(UTC);
      expect(prop(event!, 'DTSTART')!.value < prop(event!, 'DTEND')!.value).toBe(true);
      uids.push(prop(event!, 'UID')!.value);
    }
    expect(uids).toEqual(['uid-1', 'event-1@example.com']);
  });

  it('create sends If-None-Match: * to a fresh href in the calendar; update and delete send If-Match with the known ETag to the known object', () => {
    const list = compose(FULL);
    expect(byId(list, 'put-create')).toMatchObject({ method: 'PUT', target: `${CALENDAR}uid-1.ics`, headers: expect.arrayContaining([['If-None-Match', '*']]) });
    expect(byId(list, 'put-update')).toMatchObject({ method: 'PUT', target: EVENT, headers: expect.arrayContaining([['If-Match', '"e1"']]) });
    expect(byId(list, 'delete')).toMatchObject({ method: 'DELETE', target: EVENT, headers: [['If-Match', '"e1"']], body: '' });
  });

  it('Depth is what each method wants: 0 and 1 for discovery, 1 for calendar-query and free-busy, 0 for sync-collection, none for multiget', () => {
    const depths = Object.fromEntries(compose(FULL).map((t) => [t.id, header(t, 'Depth')]));
    expect(depths).toMatchObject({
      'discover-principal': '0',
      'discover-home': '0',
      'discover-calendars': '1',
      'calendar-query': '1',
      'free-busy': '1',
      'sync-initial': '0',
      'sync-incremental': '0',
      'calendar-multiget': undefined,
    });
  });

  it('the initial sync sends an empty sync-token, the incremental one the last token, both at sync-level 1', () => {
    const list = compose(FULL);
    expect(byId(list, 'sync-initial').body).toContain('<D:sync-token/><D:sync-level>1</D:sync-level>');
    expect(byId(list, 'sync-incremental').body).toContain(`<D:sync-token>${TOKEN}</D:sync-token><D:sync-level>1</D:sync-level>`);
  });

  it('multiget names the known objects, or the create template’s href when none is known', () => {
    expect(byId(compose(FULL), 'calendar-multiget').body).toContain(`<D:href>${EVENT}</D:href>`);
    const noObjects = compose({ ...FULL, objects: [] });
    expect(byId(noObjects, 'calendar-multiget').body).toContain(`<D:href>${byId(noObjects, 'put-create').target}</D:href>`);
  });

  it('no template sets Content-Length; targets are origin-form and new names are percent-encoded', () => {
    const list = compose(FULL, () => 'a b/c@d');
    for (const t of list) {
      expect(header(t, 'Content-Length'), t.id).toBeUndefined();
      expect(t.target, t.id).toMatch(/^\/[^\s?#]*$/);
      if (t.body !== '') expect(header(t, 'Content-Type'), t.id).toBeDefined();
    }
    expect(byId(list, 'put-create').target).toBe(`${CALENDAR}a%20b%2Fc%40d.ics`);
    expect(byId(list, 'put-create').body).toContain('UID:a b/c@d\r\n');
    expect(byId(list, 'mkcalendar').target).toBe('/alice/a%20b%2Fc%40d/');
  });

  it('a long or non-ASCII UID is folded at 75 octets, and unfolds back to itself', () => {
    const uid = `${'é'.repeat(40)}-${'x'.repeat(60)}`;
    const body = byId(compose(FULL, () => uid), 'put-create').body;
    for (const line of body.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const parsed = parseIcal(body);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(prop(mainComponents(parsed.doc)[0]!, 'UID')?.value).toBe(uid);
    expect(parsed.doc.lines.overlong).toBe(0);
  });

  it('hrefs and names that need it are escaped in XML bodies', () => {
    const list = compose({ ...FULL, calendars: [{ href: '/alice/a&b/' }], objects: [{ href: '/alice/a&b/x.ics', etag: '"1"' }] });
    const body = byId(list, 'calendar-multiget').body;
    expect(body).toContain('<D:href>/alice/a&amp;b/x.ics</D:href>');
    expect(parseXml(body).ok).toBe(true);
  });

  it('the prefix the upstream is mounted at is where discovery starts', () => {
    expect(byId(compose({ ...NO_FACTS, prefix: '/dav/' }), 'discover-principal').target).toBe('/dav/');
    expect(byId(compose({ ...NO_FACTS, prefix: '/dav/' }), 'discover-well-known').target).toBe('/.well-known/caldav');
  });

  it('with every fact known, no template holds a placeholder or says it needs anything', () => {
    for (const t of compose(FULL)) {
      expect(hasPlaceholder(t), t.id).toBe(false);
      expect(t.needs, t.id).toBeUndefined();
    }
  });

  it('with nothing known, a template holds a placeholder exactly when it says, in a sentence, what it needs', () => {
    const list = compose(NO_FACTS);
    for (const t of list) {
      expect(t.needs !== undefined, t.id).toBe(hasPlaceholder(t));
      if (t.needs) expect(t.needs, t.id).toMatch(/^[a-z].*: .+ first$/);
    }
    expect(list.filter((t) => t.needs === undefined).map((t) => t.id)).toEqual(['discover-well-known', 'discover-principal', 'options']);
    expect(byId(list, 'calendar-query').needs).toContain('no calendar seen yet: run discovery');
    expect(byId(list, 'sync-incremental').needs).toContain('no sync token seen');
  });

  it('with a calendar but no object or token, only update, delete and the incremental sync need something', () => {
    const list = compose({ ...FULL, objects: [], syncTokens: [] });
    expect(list.filter((t) => t.needs !== undefined).map((t) => t.id)).toEqual(['put-update', 'delete', 'sync-incremental']);
    for (const t of list) expect(t.needs !== undefined, t.id).toBe(hasPlaceholder(t));
  });

  it('update and delete act on the newest object of the chosen calendar, or on the newest object anywhere when its calendar is not listed', () => {
    const other = { href: '/alice/other/o.ics', etag: '"o1"', uid: 'o' };
    const list = compose({ ...FULL, calendars: [{ href: CALENDAR }, { href: '/alice/other/' }], objects: [FULL.objects[0]!, other] });
    expect(byId(list, 'put-update').target).toBe(other.href);
    expect(byId(list, 'calendar-query').target).toBe('/alice/other/');
    const unlisted = compose({ ...FULL, objects: [other] });
    expect(byId(unlisted, 'delete')).toMatchObject({ target: other.href, headers: [['If-Match', '"o1"']] });
    expect(byId(unlisted, 'delete').needs).toBeUndefined();
    expect(byId(unlisted, 'calendar-query').target).toBe(CALENDAR);
  });

  it('an object whose UID was never seen gets a {uid} placeholder in the update, and says so', () => {
    const t = byId(compose({ ...FULL, objects: [{ href: EVENT, etag: '"e1"' }] }), 'put-update');
    expect(t.body).toContain('UID:{uid}\r\n');
    expect(t.needs).toMatch(/UID of the object is not known/);
  });
});

/** A success answer like a conforming server's, so that findings can only be about the request. */
function answer(t: ComposedRequest): Omit<ExchangeSpec, 'method' | 'path' | 'headers' | 'body'> {
  const ok207 = (href: string, props: string, extra = '') => ({ status: 207, responseBody: multistatus([{ href, propstats: [{ status: 200, props }] }], extra) });
  switch (t.id) {
    case 'discover-well-known': return { status: 301, responseHeaders: { Location: '/' } };
    case 'discover-principal': return ok207('/', '<D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal>');
    case 'discover-home': return ok207('/alice/', '<C:calendar-home-set><D:href>/alice/</D:href></C:calendar-home-set>');
    case 'discover-calendars': return ok207(CALENDAR, '<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Personal</D:displayname>');
    case 'mkcalendar': return { status: 201 };
    case 'put-create': return { status: 201, responseHeaders: { ETag: '"n1"' } };
    case 'put-update': return { status: 204, responseHeaders: { ETag: '"e2"' } };
    case 'delete': return { status: 204 };
    case 'calendar-query': return ok207(EVENT, '<D:getetag>"e1"</D:getetag>');
    case 'calendar-multiget': return ok207(EVENT, `<D:getetag>"e1"</D:getetag><C:calendar-data>${icalEvent()}</C:calendar-data>`);
    case 'sync-initial':
    case 'sync-incremental': return ok207(EVENT, '<D:getetag>"e1"</D:getetag>', `<D:sync-token>${TOKEN}2</D:sync-token>`);
    case 'free-busy':
      return {
        status: 200,
        responseHeaders: { 'Content-Type': 'text/calendar; charset=utf-8' },
        responseBody: ical('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//y//EN', 'BEGIN:VFREEBUSY', 'DTSTAMP:20250115T090000Z', 'DTSTART:20241231T090000Z', 'DTEND:20250130T090000Z', 'FREEBUSY:20250120T100000Z/20250120T110000Z', 'END:VFREEBUSY', 'END:VCALENDAR'),
      };
    case 'proppatch-displayname': return ok207(CALENDAR, '<D:displayname/>');
    case 'options': return { status: 200, responseHeaders: { DAV: '1, 2, 3, calendar-access', Allow: 'OPTIONS, GET, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR' } };
    default: throw new Error(`no answer for ${t.id}`);
  }
}

describe('composeTemplates under the rule engine', () => {
  it('the whole catalogue raises nothing about the request of any template (not even an info), sent in menu order', () => {
    const about: string[] = [];
    // Everything known, and a calendar with no object yet (multiget then names the create's href).
    for (const facts of [FULL, { ...FULL, objects: [] }]) {
      const engine = createEngine({ rules: allRules });
      for (const t of compose(facts).filter((x) => x.needs === undefined)) {
        const ex = exchange({ method: t.method, path: t.target, headers: t.headers, ...(t.body === '' ? {} : { body: t.body }), ...answer(t) });
        for (const f of engine.analyse(ex)) {
          if (f.location?.side !== 'response') about.push(`${t.id} ${f.severity} ${f.ruleId}: ${f.message}`);
        }
      }
    }
    expect(about).toEqual([]);
  });
});
