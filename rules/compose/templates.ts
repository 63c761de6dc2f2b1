// The "New request" menu's CalDAV templates, filled from what the session learned (facts.ts). Where
// a fact is unknown the template holds a visible {placeholder} and says in `needs` what to run first.
import { parentKey, resourceKey } from '../model/paths.ts';
import {
  calendarQueryXml,
  freeBusyXml,
  mkcalendarXml,
  multigetXml,
  propfindXml,
  proppatchDisplayNameXml,
  syncCollectionXml,
  veventIcal,
} from './bodies.ts';
import type { CalendarFact, ComposeFacts, ObjectFact } from './facts.ts';

export interface ComposedRequest {
  readonly id: string;
  readonly title: string;
  readonly method: string;
  /** Origin-form; may hold a {placeholder} only when needs is set. */
  readonly target: string;
  /** Never Content-Length: the sender computes it from the body it really sends. */
  readonly headers: [string, string][];
  readonly body: string;
  /** Set, as a sentence, when a fact was unknown and a {placeholder} stands in for it. */
  readonly needs?: string;
}

export interface ComposeOptions {
  readonly now: Date;
  /** A fresh unique id, for the new event's UID and the new calendar's name. */
  readonly uid: () => string;
}

/** What a placeholder looks like: braces are not legal in a URL or an ETag a server sends, so it cannot be mistaken for a fact. */
export const PLACEHOLDER = /\{[a-z-]+\}/;

const XML: [string, string] = ['Content-Type', 'application/xml; charset=utf-8'];
// Servers that share URLs with a web UI negotiate on Accept and can answer a page without it.
const ACCEPT_XML: [string, string] = ['Accept', 'application/xml, text/xml'];
const ICAL: [string, string] = ['Content-Type', 'text/calendar; charset=utf-8'];
const DAY = 86_400_000;
const HOUR = 3_600_000;

const NEEDS = {
  principal: 'no principal seen yet: run the current-user-principal PROPFIND first',
  home: 'no calendar home seen yet: run the calendar-home-set PROPFIND on the principal first',
  calendar: 'no calendar seen yet: run discovery (or MKCALENDAR) first',
  object: 'no calendar object with an ETag seen yet: create one (PUT) or list a calendar first',
  uid: 'the UID of the object is not known: GET it (or multiget it) first',
  token: 'no sync token seen for this calendar yet: run the initial sync-collection first',
} as const;

/** Collects the sentences of the facts a template had to stand a placeholder in for. */
class Gaps {
  readonly #needs: string[] = [];
  fill<T>(value: T | undefined, placeholder: T, need: string): T {
    if (value !== undefined) return value;
    if (!this.#needs.includes(need)) this.#needs.push(need);
    return placeholder;
  }
  get needs(): { needs?: string } {
    return this.#needs.length === 0 ? {} : { needs: this.#needs.join('; ') };
  }
}

/** The calendar the templates act on: the one holding the newest known object, else the newest calendar. */
function pickCalendar(f: ComposeFacts): CalendarFact | undefined {
  const newest = f.objects.at(-1);
  if (newest) {
    const parent = parentKey(resourceKey(newest.href));
    const holding = f.calendars.find((c) => resourceKey(c.href) === parent);
    if (holding) return holding;
  }
  return f.calendars.at(-1);
}

/** The newest object with an ETag in that calendar, else the newest anywhere (its calendar may not be listed yet). */
function pickObject(f: ComposeFacts, calendar: CalendarFact | undefined): ObjectFact | undefined {
  const key = calendar && resourceKey(calendar.href);
  for (let i = f.objects.length - 1; i >= 0; i--) if (parentKey(resourceKey(f.objects[i]!.href)) === key) return f.objects[i];
  return f.objects.at(-1);
}

/** A collection path with its trailing slash (RFC 4918 §5.2: collections are named with one). */
const slashed = (p: string): string => (p.endsWith('/') ? p : p + '/');

export function composeTemplates(facts: ComposeFacts, opts: ComposeOptions): ComposedRequest[] {
  const { now } = opts;
  const prefix = slashed(facts.prefix);
  const calendarFact = pickCalendar(facts);
  const objectFact = pickObject(facts, calendarFact);
  const token = calendarFact && facts.syncTokens.find((t) => resourceKey(t.collection) === resourceKey(calendarFact.href))?.token;
  const eventUid = opts.uid();
  const calendarName = opts.uid();
  // A 30-day window centred on now; the new event starts at the next full hour, inside it.
  const from = new Date(now.getTime() - 15 * DAY);
  const to = new Date(now.getTime() + 15 * DAY);
  const start = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  const end = new Date(start.getTime() + HOUR);

  const out: ComposedRequest[] = [];
  const add = (gaps: Gaps, r: Omit<ComposedRequest, 'needs'>): void => void out.push({ ...r, ...gaps.needs });

  // Discovery (RFC 6764 §6, RFC 5397, RFC 4791 §6.2.1): each step needs only the one before.
  add(new Gaps(), { id: 'discover-well-known', title: 'Discovery 1: GET /.well-known/caldav', method: 'GET', target: '/.well-known/caldav', headers: [], body: '' });
  add(new Gaps(), {
    id: 'discover-principal',
    title: 'Discovery 2: PROPFIND current-user-principal',
    method: 'PROPFIND',
    target: prefix,
    headers: [XML, ACCEPT_XML, ['Depth', '0']],
    body: propfindXml(['D:current-user-principal']),
  });
  let g = new Gaps();
  add(g, {
    id: 'discover-home',
    title: 'Discovery 3: PROPFIND calendar-home-set on the principal',
    method: 'PROPFIND',
    target: slashed(g.fill(facts.principal, `${prefix}{principal}/`, NEEDS.principal)),
    headers: [XML, ACCEPT_XML, ['Depth', '0']],
    body: propfindXml(['C:calendar-home-set']),
  });
  g = new Gaps();
  const home = slashed(g.fill(facts.calendarHome, `${prefix}{calendar-home}/`, NEEDS.home));
  add(g, {
    id: 'discover-calendars',
    title: 'Discovery 4: PROPFIND Depth 1 on the calendar home',
    method: 'PROPFIND',
    target: home,
    headers: [XML, ACCEPT_XML, ['Depth', '1']],
    body: propfindXml(['D:resourcetype', 'D:displayname', 'D:getetag', 'D:sync-token', 'C:supported-calendar-component-set']),
  });
  add(g, {
    id: 'mkcalendar',
    title: 'MKCALENDAR a new calendar in the home',
    method: 'MKCALENDAR',
    target: `${home}${encodeURIComponent(calendarName)}/`,
    headers: [XML, ACCEPT_XML],
    body: mkcalendarXml('davscope test calendar'),
  });

  // What acts on a calendar: with none known, a placeholder below the home (or the prefix).
  const calGaps = (): { gaps: Gaps; calendar: string } => {
    const gaps = new Gaps();
    const fallbackHome = facts.calendarHome ? slashed(facts.calendarHome) : `${prefix}{calendar-home}/`;
    return { gaps, calendar: slashed(gaps.fill(calendarFact?.href, `${fallbackHome}{calendar}/`, NEEDS.calendar)) };
  };

  let c = calGaps();
  const createHref = `${c.calendar}${encodeURIComponent(eventUid)}.ics`;
  add(c.gaps, {
    id: 'put-create',
    title: 'PUT a new event (If-None-Match: *)',
    method: 'PUT',
    target: createHref,
    headers: [ICAL, ['If-None-Match', '*']],
    body: veventIcal({ uid: eventUid, summary: 'davscope test event', stamp: now, start, end }),
  });

  // Update and delete act on a known object: its calendar's gaps do not matter, the object's do.
  g = new Gaps();
  const objectHref = g.fill(objectFact?.href, `${c.calendar}{object}.ics`, NEEDS.object);
  const etag = g.fill(objectFact?.etag, '"{etag}"', NEEDS.object);
  const uid = g.fill(objectFact?.uid, '{uid}', objectFact ? NEEDS.uid : NEEDS.object);
  add(g, {
    id: 'put-update',
    title: 'PUT an update of a known event (If-Match)',
    method: 'PUT',
    target: objectHref,
    headers: [ICAL, ['If-Match', etag]],
    body: veventIcal({ uid, summary: 'davscope test event (updated)', stamp: now, start, end }),
  });
  g = new Gaps();
  add(g, {
    id: 'delete',
    title: 'DELETE a known event (If-Match)',
    method: 'DELETE',
    target: g.fill(objectFact?.href, `${c.calendar}{object}.ics`, NEEDS.object),
    headers: [['If-Match', g.fill(objectFact?.etag, '"{etag}"', NEEDS.object)]],
    body: '',
  });

  c = calGaps();
  add(c.gaps, {
    id: 'calendar-query',
    title: 'REPORT calendar-query: events in the 30 days around now',
    method: 'REPORT',
    target: c.calendar,
    headers: [XML, ACCEPT_XML, ['Depth', '1']],
    body: calendarQueryXml(from, to),
  });

  c = calGaps();
  const inCalendar = calendarFact ? facts.objects.filter((o) => parentKey(resourceKey(o.href)) === resourceKey(calendarFact.href)) : [];
  // A menu template, not a full sync: the newest few objects are enough to show the shape.
  const hrefs = inCalendar.length > 0 ? inCalendar.slice(-20).map((o) => o.href) : [createHref];
  // RFC 4791 §7.9: Depth is ignored on calendar-multiget and should not be sent.
  add(c.gaps, { id: 'calendar-multiget', title: 'REPORT calendar-multiget of known events', method: 'REPORT', target: c.calendar, headers: [XML, ACCEPT_XML], body: multigetXml(hrefs) });

  // RFC 6578 §3.2: sync-collection is defined for Depth: 0 only.
  c = calGaps();
  add(c.gaps, { id: 'sync-initial', title: 'REPORT sync-collection: initial sync', method: 'REPORT', target: c.calendar, headers: [XML, ACCEPT_XML, ['Depth', '0']], body: syncCollectionXml('') });
  c = calGaps();
  const lastToken = c.gaps.fill(token, '{sync-token}', NEEDS.token);
  add(c.gaps, {
    id: 'sync-incremental',
    title: 'REPORT sync-collection: changes since the last token',
    method: 'REPORT',
    target: c.calendar,
    headers: [XML, ACCEPT_XML, ['Depth', '0']],
    body: syncCollectionXml(lastToken),
  });

  // free-busy-query answers text/calendar (RFC 4791 §7.10); XML only for a DAV:error.
  c = calGaps();
  add(c.gaps, {
    id: 'free-busy',
    title: 'REPORT free-busy-query: busy time in the 30 days around now',
    method: 'REPORT',
    target: c.calendar,
    headers: [XML, ['Accept', 'text/calendar, application/xml'], ['Depth', '1']],
    body: freeBusyXml(from, to),
  });

  c = calGaps();
  add(c.gaps, {
    id: 'proppatch-displayname',
    title: 'PROPPATCH the calendar’s display name',
    method: 'PROPPATCH',
    target: c.calendar,
    headers: [XML, ACCEPT_XML],
    body: proppatchDisplayNameXml('davscope renamed calendar'),
  });

  // OPTIONS needs nothing: on the calendar when known, else on the prefix.
  add(new Gaps(), { id: 'options', title: 'OPTIONS: what the server supports', method: 'OPTIONS', target: calendarFact ? slashed(calendarFact.href) : prefix, headers: [], body: '' });
  return out;
}
