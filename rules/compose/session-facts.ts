// Learns what the request composer fills its templates from (principal, calendar home, calendars,
// ETags, sync tokens, the upstream's path prefix) from a session's completed exchanges. Pure.
import type { Exchange } from '../model/exchange.ts';
import { getHeader } from '../model/headers.ts';
import { parentKey, rawPathOf, resourceKey } from '../model/paths.ts';
import { viewOf, type ExchangeView, type MultistatusEntry } from '../engine/view.ts';
import { parseIcalTree, type IcalDocument } from '../parse/ical/parse.ts';
import { uids } from '../parse/ical/query.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child, path, textOf } from '../parse/xml/query.ts';
import type { XmlElement } from '../parse/xml/tree.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { own } from '../lib/own-string.ts';
import type { CalendarFact, ComposeFacts, ObjectFact } from './facts.ts';

// Bounds: a session can run for a whole interop day against a server with many accounts, and the
// facts live as long as the inspector does. Far more than one user has (calendars) or a menu can
// use (objects, tokens); past the bound the least recently seen go, which are the least likely to
// still be right anyway.
export const MAX_CALENDARS = 1_000;
export const MAX_OBJECTS = 10_000;
export const MAX_SYNC_TOKENS = 1_000;

const HREF = dav('href');
const RESOURCETYPE = dav('resourcetype');
const COLLECTION = dav('collection');
const CALENDAR = caldav('calendar');
const DISPLAYNAME = dav('displayname');
const GETETAG = dav('getetag');
const SYNC_TOKEN = dav('sync-token');
const CURRENT_USER_PRINCIPAL = dav('current-user-principal');
const CALENDAR_HOME_SET = caldav('calendar-home-set');
const CALENDAR_DATA = caldav('calendar-data');
const SYNC_COLLECTION = dav('sync-collection');

/** The path of an href: absolute URLs lose scheme and host; a relative href is resolved against base. */
function pathOf(href: string, base: string): string {
  const p = rawPathOf(href.trim());
  if (p.startsWith('/')) return p;
  return base.slice(0, base.lastIndexOf('/') + 1) + p;
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/**
 * If-Match compares strongly (RFC 9110 §13.1.1), so a weak ETag can never match: an update or
 * delete template built on one would always get 412. It is not kept.
 */
function isWeak(etag: string): boolean {
  return etag.startsWith('W/');
}

function uidOf(doc: IcalDocument | undefined): string | undefined {
  if (!doc) return undefined;
  const all = uids(doc);
  // An object with several UIDs breaks RFC 4791 §4.1; no single UID to reuse then.
  return all.length === 1 ? all[0] : undefined;
}

interface MutableObject {
  href: string;
  etag: string;
  uid?: string;
}

export class SessionFacts {
  #prefix = '/';
  #principal: string | undefined;
  #home: string | undefined;
  // Keyed by resourceKey (decoded, no trailing slash), so /a/b/ and /a/b meet; values keep the path as sent.
  readonly #calendars = new BoundedMap<string, CalendarFact>(MAX_CALENDARS);
  readonly #objects = new BoundedMap<string, MutableObject>(MAX_OBJECTS);
  readonly #tokens = new BoundedMap<string, { collection: string; token: string }>(MAX_SYNC_TOKENS);

  /** Learns from one exchange; exchanges without a response (transport errors, in flight) teach nothing. */
  observe(ex: Exchange): void {
    const res = ex.response;
    if (!res) return;
    const prefix = rawPathOf(ex.upstream);
    this.#prefix = own(prefix.endsWith('/') ? prefix : prefix + '/');
    const view = viewOf(ex);
    const method = view.method;
    const target = rawPathOf(ex.request.target);
    const key = resourceKey(target);
    const status = res.status;

    if (status === 404) this.#forget(key);
    if (method === 'DELETE' && isSuccess(status)) this.#forget(key);
    if ((method === 'PUT' || method === 'GET') && isSuccess(status)) this.#learnObjectHeaders(view, target, key);
    if (method === 'MKCALENDAR' && status === 201) this.#learnNewCalendar(view, target, key);
    if (status === 207) this.#learnMultistatus(view, target, key);
    // The view lives as long as the exchange (the store, the page's list): its trees need not.
    view.releaseParses();
  }

  snapshot(): ComposeFacts {
    return {
      prefix: this.#prefix,
      ...(this.#principal !== undefined ? { principal: this.#principal } : {}),
      ...(this.#home !== undefined ? { calendarHome: this.#home } : {}),
      calendars: this.#calendars.entries().map(([, c]) => ({ ...c })),
      objects: this.#objects.entries().map(([, o]): ObjectFact => ({ ...o })),
      syncTokens: this.#tokens.entries().map(([, t]) => ({ ...t })),
    };
  }

  /** A resource is gone: its ETag, and when it was a collection, what we knew below it. */
  #forget(key: string): void {
    this.#objects.delete(key);
    if (this.#calendars.get(key) !== undefined || this.#tokens.get(key) !== undefined) {
      this.#calendars.delete(key);
      this.#tokens.delete(key);
      for (const [k] of this.#objects.entries()) if (parentKey(k) === key) this.#objects.delete(k);
    }
  }

  #learnObjectHeaders(view: ExchangeView, target: string, key: string): void {
    if (target.endsWith('/')) return;
    const etag = getHeader(view.responseHeaders, 'ETag')?.trim();
    // A PUT answered without an ETag leaves the old one stale (an If-Match on it would get 412).
    if (!etag || isWeak(etag)) return void this.#objects.delete(key);
    const side = view.method === 'PUT' ? 'request' : 'response';
    const uid = uidOf(view.icalDocument(side)) ?? this.#objects.get(key)?.uid;
    this.#objects.set(key, { href: own(target), etag: own(etag), ...(uid ? { uid: own(uid) } : {}) });
  }

  #learnNewCalendar(view: ExchangeView, target: string, key: string): void {
    const name = textOf(path(view.xmlRoot('request'), dav('set'), dav('prop'), DISPLAYNAME)).trim();
    this.#calendars.set(key, { href: own(target), ...(name ? { displayName: own(name) } : {}) });
  }

  #learnMultistatus(view: ExchangeView, target: string, key: string): void {
    const entries = view.multistatus;
    if (!entries) return;
    const token = view.responseSyncToken;
    if (token && view.xmlRoot('request')?.name === SYNC_COLLECTION) this.#tokens.set(key, { collection: own(target), token: own(token) });
    // A PROPPATCH answers with empty properties: a renamed calendar's new name is in the request.
    const rename = view.method === 'PROPPATCH' ? { name: textOf(path(view.xmlRoot('request'), dav('set'), dav('prop'), DISPLAYNAME)).trim() } : undefined;
    for (const entry of entries) this.#learnEntry(entry, target, rename);
  }

  /** rename: given for a PROPPATCH's 207, with the displayname it set ("" when none). */
  #learnEntry(entry: MultistatusEntry, base: string, rename: { name: string } | undefined): void {
    if (!entry.href) return;
    const href = pathOf(entry.href, base);
    const key = resourceKey(href);
    // A 404 entry: a member sync-collection reports as removed, or a multiget href that is gone.
    if (entry.status === 404) return this.#forget(key);
    for (const ps of entry.propstats) {
      if (ps.status !== 200 || !ps.prop) continue;
      this.#learnProps(ps.prop, href, key, base, rename);
    }
  }

  #learnRename(prop: XmlElement, key: string, name: string): void {
    const known = this.#calendars.get(key);
    if (!known || !child(prop, DISPLAYNAME) || !name) return;
    this.#calendars.set(key, { href: known.href, displayName: own(name) });
  }

  #learnProps(prop: XmlElement, href: string, key: string, base: string, rename: { name: string } | undefined): void {
    const principal = textOf(path(prop, CURRENT_USER_PRINCIPAL, HREF)).trim();
    if (principal) this.#principal = own(pathOf(principal, base));
    const home = textOf(path(prop, CALENDAR_HOME_SET, HREF)).trim();
    if (home) this.#home = own(pathOf(home, base));

    const type = child(prop, RESOURCETYPE);
    const isCalendar = type !== undefined && child(type, CALENDAR) !== undefined;
    const isCollection = isCalendar || (type !== undefined && child(type, COLLECTION) !== undefined) || href.endsWith('/');
    if (rename) return this.#learnRename(prop, key, rename.name);
    if (isCalendar) {
      const name = textOf(child(prop, DISPLAYNAME)).trim();
      this.#calendars.set(key, { href: own(href), ...(name ? { displayName: own(name) } : {}) });
    }

    const token = textOf(child(prop, SYNC_TOKEN)).trim();
    if (token && isCollection) this.#tokens.set(key, { collection: own(href), token: own(token) });

    const etag = textOf(child(prop, GETETAG)).trim();
    if (etag && isWeak(etag)) this.#objects.delete(key);
    else if (etag && !isCollection) {
      const data = child(prop, CALENDAR_DATA);
      const uid = (data ? uidOf(parseIcalTree(textOf(data)).doc) : undefined) ?? this.#objects.get(key)?.uid;
      this.#objects.set(key, { href: own(href), etag: own(etag), ...(uid ? { uid: own(uid) } : {}) });
    }
  }
}
