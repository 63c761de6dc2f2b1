// Session knowledge built from the exchanges seen so far: rules read it, and only the
// engine writes it, after every rule has run on an exchange, so rule order never matters.
import { parentKey, rawPathOf, resourceKey } from '../model/paths.ts';
import { parseIcalTree, type IcalDocument } from '../parse/ical/parse.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';
import type { XmlElement } from '../parse/xml/tree.ts';
import type { ExchangeView } from './view.ts';
import { BoundedSet } from '../lib/bounded-set.ts';
import { own } from '../lib/own-string.ts';

export interface ResourceState {
  /** True once seen to exist (2xx GET/PUT, listed in a 207, created); false once deleted or 404. */
  readonly exists: boolean;
  readonly etag?: string;
  readonly scheduleTag?: string;
  readonly isCollection?: boolean;
  readonly isCalendar?: boolean;
  /** UID of the calendar object stored there, when known. */
  readonly uid?: string;
  /** ORGANIZER of the stored object, when known. */
  readonly organizer?: string;
  /** seq of the exchange that last told us about it. */
  readonly seenAt: number;
}

/** Read-only session knowledge given to rules. Keys are paths: decoded, trailing slash ignored. */
export interface SessionContext {
  /** What the session knows about a URL (a request-target or an href, absolute or path). */
  resource(hrefOrPath: string): ResourceState | undefined;
  /** Whether the URL is known to be a collection. */
  isCollection(hrefOrPath: string): boolean;
  /** Whether the URL is known to be a calendar collection. */
  isCalendar(hrefOrPath: string): boolean;
  /** The href (as a key) holding that UID in that calendar, when known. */
  hrefForUid(calendar: string, uid: string): string | undefined;
  /** Tokens of the DAV: header of the OPTIONS responses seen (lower-case, e.g. "calendar-access"). */
  readonly capabilities: ReadonlySet<string>;
  /** Whether any OPTIONS response was seen (so an absent capability means something). */
  readonly optionsSeen: boolean;
  /** Sync tokens the server issued for a collection. */
  syncTokensFor(collection: string): ReadonlySet<string>;
  /** Every sync token the server issued in the session. */
  readonly allSyncTokens: ReadonlySet<string>;
  /** CS:getctag values seen (they are not sync tokens). */
  readonly ctags: ReadonlySet<string>;
  /** Multistatus hrefs as the server wrote them (raw paths), so a client echoing one is not blamed for its form. */
  readonly hrefsGiven: ReadonlySet<string>;
  /** The most recent exchanges before this one, newest last (a bounded window). */
  readonly recent: readonly ExchangeView[];
  /** CALDAV:calendar-user-address-set values seen (trimmed, lower-cased), e.g. "mailto:alice@example.com". */
  readonly calendarUserAddresses: ReadonlySet<string>;
  /** Keys of the CALDAV:schedule-outbox-URL hrefs seen. */
  readonly scheduleOutboxes: ReadonlySet<string>;
  /** DAV: header tokens (lower-case) of the last 2xx OPTIONS at that URL; undefined when none was seen there. */
  capabilitiesAt(hrefOrPath: string): ReadonlySet<string> | undefined;
}

const RECENT = 32;
/**
 * Keys with more segments than this are not put in the #children tree: linking one costs a hashed
 * slice per segment, O(segments x length), ~300 ms for one 16 KB request-target of "a/a/a/..." (found
 * by the engine fuzz test).
 */
const MAX_INDEXED_DEPTH = 64;
/** Tokens and ctags remembered: far more than a client keeps, few enough to stay small. */
const MAX_TOKENS = 10_000;
const MAX_TOKENS_PER_COLLECTION = 1_000;

function deeperThan(key: string, limit: number): boolean {
  let n = 0;
  for (let i = key.indexOf('/'); i !== -1; i = key.indexOf('/', i + 1)) if (++n > limit) return true;
  return false;
}

const GETETAG = dav('getetag');
const RESOURCETYPE = dav('resourcetype');
const COLLECTION = dav('collection');
const CALENDAR = caldav('calendar');
const CALENDAR_DATA = caldav('calendar-data');
const SYNC_TOKEN = dav('sync-token');
const GETCTAG = '{http://calendarserver.org/ns/}getctag';
const ADDRESS_SET = caldav('calendar-user-address-set');
const OUTBOX_URL = caldav('schedule-outbox-URL');
const HREF = dav('href');
const SYNC_COLLECTION = dav('sync-collection');
const FACT_PROPERTIES: ReadonlySet<string> = new Set(['UID', 'ORGANIZER']);

/**
 * UID (when the main components agree on exactly one) and ORGANIZER of the first main component: as
 * uids() and mainComponents() of parse/ical/query.ts say, without their intermediate arrays.
 */
function calendarFacts(doc: IcalDocument): { uid?: string; organizer?: string } {
  let uid: string | undefined;
  let several = false;
  let first = true;
  let organizer: string | undefined;
  for (const cal of doc.components) {
    if (cal.name !== 'VCALENDAR') continue;
    for (const comp of cal.components) {
      if (comp.name === 'VTIMEZONE') continue;
      let u: string | undefined;
      let o: string | undefined;
      for (const p of comp.properties) {
        if (u === undefined && p.name === 'UID') u = p.value;
        else if (o === undefined && p.name === 'ORGANIZER') o = p.value;
      }
      if (first) organizer = o;
      first = false;
      const t = u?.trim();
      if (t) {
        if (uid === undefined) uid = t;
        else if (t !== uid) several = true;
      }
    }
  }
  return { uid: several ? undefined : uid, organizer };
}

interface MutableResource {
  exists: boolean;
  etag?: string;
  scheduleTag?: string;
  isCollection?: boolean;
  isCalendar?: boolean;
  uid?: string;
  organizer?: string;
  seenAt: number;
}

/**
 * Object.assign(target, patch) for the fields of a resource state (a field given as undefined is
 * cleared, as with assign), without the generic copy: patches come in many shapes and the generic
 * path was a visible share of learning a large multistatus.
 */
function apply(target: MutableResource, patch: Partial<MutableResource>): void {
  if ('exists' in patch) target.exists = patch.exists!;
  if ('etag' in patch) target.etag = own(patch.etag);
  if ('scheduleTag' in patch) target.scheduleTag = own(patch.scheduleTag);
  if ('isCollection' in patch) target.isCollection = patch.isCollection;
  if ('isCalendar' in patch) target.isCalendar = patch.isCalendar;
  if ('uid' in patch) target.uid = own(patch.uid);
  if ('organizer' in patch) target.organizer = own(patch.organizer);
}
// apply() must know every field but seenAt (which the caller sets): adding one to MutableResource
// without it there fails to compile here.
type Applied = 'exists' | 'etag' | 'scheduleTag' | 'isCollection' | 'isCalendar' | 'uid' | 'organizer' | 'seenAt';
const allFieldsApplied: [Exclude<keyof MutableResource, Applied>] extends [never] ? true : never = true;
void allFieldsApplied;

export class Session implements SessionContext {
  readonly #resources = new Map<string, MutableResource>();
  /**
   * The keys seen, as a tree: each key under its parentKey(), up to "/" (intermediate keys included
   * even when they hold no state). The keys below a key K are exactly those k with k.startsWith(K + "/"),
   * so forgetting a collection walks only them. A new key costs one set insertion (its parent is
   * usually there already), where indexing it under every ancestor cost one per segment.
   */
  readonly #children = new Map<string, Set<string>>();
  /** Keys deeper than MAX_INDEXED_DEPTH, which #forget scans instead. */
  readonly #deep = new Set<string>();
  readonly #uidIndex = new Map<string, Map<string, string>>();
  // Bounded: a sync REPORT or PROPFIND can mint a new token or ctag each time, all day long.
  readonly #syncTokens = new Map<string, Set<string>>();
  readonly #allSyncTokens = new BoundedSet<string>(MAX_TOKENS);
  readonly #ctags = new BoundedSet<string>(MAX_TOKENS);
  readonly #hrefsGiven = new BoundedSet<string>(MAX_TOKENS);
  readonly #capabilities = new Set<string>();
  readonly #recent: ExchangeView[] = [];
  readonly #addresses = new Set<string>();
  readonly #outboxes = new Set<string>();
  readonly #capabilitiesAt = new Map<string, Set<string>>();
  #optionsSeen = false;

  resource(hrefOrPath: string): ResourceState | undefined {
    return this.#resources.get(resourceKey(hrefOrPath));
  }

  isCollection(hrefOrPath: string): boolean {
    return this.resource(hrefOrPath)?.isCollection === true;
  }

  isCalendar(hrefOrPath: string): boolean {
    return this.resource(hrefOrPath)?.isCalendar === true;
  }

  hrefForUid(calendar: string, uid: string): string | undefined {
    return this.#uidIndex.get(resourceKey(calendar))?.get(uid);
  }

  get capabilities(): ReadonlySet<string> {
    return this.#capabilities;
  }

  get optionsSeen(): boolean {
    return this.#optionsSeen;
  }

  syncTokensFor(collection: string): ReadonlySet<string> {
    return this.#syncTokens.get(resourceKey(collection)) ?? new Set();
  }

  get allSyncTokens(): ReadonlySet<string> {
    return this.#allSyncTokens;
  }

  get hrefsGiven(): ReadonlySet<string> {
    return this.#hrefsGiven;
  }

  get ctags(): ReadonlySet<string> {
    return this.#ctags;
  }

  get recent(): readonly ExchangeView[] {
    return this.#recent;
  }

  get calendarUserAddresses(): ReadonlySet<string> {
    return this.#addresses;
  }

  get scheduleOutboxes(): ReadonlySet<string> {
    return this.#outboxes;
  }

  capabilitiesAt(hrefOrPath: string): ReadonlySet<string> | undefined {
    return this.#capabilitiesAt.get(resourceKey(hrefOrPath));
  }

  #set(key: string, state: MutableResource): void {
    if (!this.#resources.has(key)) {
      key = own(key);
      if (deeperThan(key, MAX_INDEXED_DEPTH)) this.#deep.add(key);
      else this.#link(key);
    }
    this.#resources.set(key, state);
  }

  /** Puts a key in the tree; stops where its parent already is (then so is the rest of the chain). */
  #link(key: string): void {
    for (let k = key; k !== '/'; ) {
      const parent = parentKey(k);
      const kids = this.#children.get(parent);
      if (kids) {
        kids.add(k);
        return;
      }
      this.#children.set(parent, new Set([k]));
      k = parent;
    }
  }

  #touch(key: string, seq: number, patch: Partial<MutableResource>): void {
    const cur = this.#resources.get(key);
    if (cur) {
      apply(cur, patch);
      cur.seenAt = seq;
    } else {
      const state: MutableResource = { exists: true, seenAt: seq };
      apply(state, patch);
      this.#set(key, state);
    }
    if (patch.exists === true) {
      const pkey = parentKey(key);
      const parent = this.#resources.get(pkey);
      // A member implies its parent collection exists.
      if (!parent) this.#set(pkey, { exists: true, isCollection: true, seenAt: seq });
      else {
        parent.exists = true;
        parent.isCollection = true;
      }
    }
  }

  #indexUid(key: string, uid: string | undefined): void {
    const parent = parentKey(key);
    const old = this.#resources.get(key)?.uid;
    if (old !== undefined) {
      const idx = this.#uidIndex.get(parent);
      if (idx?.get(old) === key) idx.delete(old);
    }
    if (uid === undefined) return;
    let idx = this.#uidIndex.get(parent);
    if (!idx) this.#uidIndex.set(parent, (idx = new Map()));
    idx.set(own(uid), key);
  }

  #forget(key: string, seq: number): void {
    this.#indexUid(key, undefined);
    if (key === '/') {
      for (const k of this.#resources.keys()) if (k.startsWith('/')) this.#resources.set(k, { exists: false, seenAt: seq });
    } else {
      const todo = [key];
      for (let k = todo.pop(); k !== undefined; k = todo.pop()) {
        for (const below of this.#children.get(k) ?? []) {
          if (this.#resources.has(below)) this.#resources.set(below, { exists: false, seenAt: seq });
          todo.push(below);
        }
      }
      const prefix = `${key}/`;
      for (const k of this.#deep) if (k.startsWith(prefix)) this.#resources.set(k, { exists: false, seenAt: seq });
    }
    this.#set(key, { exists: false, seenAt: seq });
  }

  #calendarFacts(text: string | undefined): { uid?: string; organizer?: string } {
    if (!text) return {};
    return calendarFacts(parseIcalTree(text, FACT_PROPERTIES).doc);
  }

  /** Learns from a completed exchange. Called by the engine after all rules ran on it. */
  update(view: ExchangeView): void {
    this.#recent.push(view);
    if (this.#recent.length > RECENT) this.#recent.shift();
    const status = view.status;
    if (status === undefined) return;
    const ok = status >= 200 && status < 300;
    const key = view.key;
    const seq = view.seq;
    switch (view.method) {
      case 'OPTIONS':
        if (ok) {
          this.#optionsSeen = true;
          const here = new Set<string>();
          for (const t of view.resHeaderList('DAV')) {
            this.#capabilities.add(t.toLowerCase());
            here.add(t.toLowerCase());
          }
          this.#capabilitiesAt.set(key, here);
        }
        break;
      case 'PUT':
        if (ok) {
          // The view's own tree of the body: the rules usually made it already.
          const doc = view.icalDocument('request');
          const facts = doc ? calendarFacts(doc) : {};
          this.#indexUid(key, facts.uid);
          this.#touch(key, seq, { exists: true, etag: view.resHeader('ETag'), scheduleTag: view.resHeader('Schedule-Tag'), isCollection: false, ...facts });
        }
        break;
      case 'GET':
      case 'HEAD':
        if (ok) {
          const isCal = view.responseType?.type === 'text/calendar';
          const doc = isCal && view.method === 'GET' ? view.icalDocument('response') : undefined;
          const facts = doc ? calendarFacts(doc) : {};
          if (facts.uid) this.#indexUid(key, facts.uid);
          this.#touch(key, seq, { exists: true, etag: view.resHeader('ETag'), scheduleTag: view.resHeader('Schedule-Tag'), ...facts });
        } else if (status === 404 || status === 410) this.#forget(key, seq);
        break;
      case 'DELETE':
        if (ok) this.#forget(key, seq);
        break;
      case 'MKCALENDAR':
      case 'MKCOL':
        if (status === 201) {
          // Created: nothing was there, so nothing below it survives from what the session knew
          // (its DELETE may have happened out of sight).
          this.#forget(key, seq);
          const root = view.xmlRoot('request');
          const isCalendar =
            view.method === 'MKCALENDAR' ||
            (root !== undefined && textOfResourcetype(root).includes(caldav('calendar')));
          this.#touch(key, seq, { exists: true, isCollection: true, isCalendar });
        }
        break;
      case 'MOVE':
      case 'COPY': {
        if (!ok) break;
        const dest = view.reqHeader('Destination');
        const src = this.#resources.get(key);
        if (dest) {
          const dkey = resourceKey(dest);
          this.#touch(dkey, seq, { exists: true, isCollection: src?.isCollection, isCalendar: src?.isCalendar, uid: src?.uid, etag: view.resHeader('ETag') });
          if (src?.uid) this.#indexUid(dkey, src.uid);
        }
        if (view.method === 'MOVE') this.#forget(key, seq);
        break;
      }
      default:
        break;
    }
    if (status === 207) this.#learnMultistatus(view, seq);
  }

  #learnMultistatus(view: ExchangeView, seq: number): void {
    const entries = view.multistatus;
    if (!entries) return;
    const reqRoot = view.xmlRoot('request');
    const isSync = reqRoot?.name === SYNC_COLLECTION;
    for (let n = 0; n < entries.length; n++) {
      const e = entries[n]!;
      if (e.href === '') continue;
      this.#hrefsGiven.add(rawPathOf(e.href));
      const key = resourceKey(e.href);
      if (e.status === 404 || e.status === 410) {
        // A 404 in a sync report means removed; in a PROPFIND/multiget it means absent.
        this.#forget(key, seq);
        continue;
      }
      if (e.status !== undefined && (e.status < 200 || e.status >= 300)) continue;
      if (view.method === 'DELETE') continue;
      const patch: Partial<MutableResource> = { exists: true };
      for (let q = 0; q < e.propstats.length; q++) {
        const ps = e.propstats[q]!;
        if (ps.status === undefined || ps.status < 200 || ps.status >= 300 || !ps.prop) continue;
        // One pass over the properties, keeping the first of each name (as child() would find it).
        let etag: XmlElement | undefined;
        let rt: XmlElement | undefined;
        let data: XmlElement | undefined;
        let token: XmlElement | undefined;
        let ctag: XmlElement | undefined;
        let addresses: XmlElement | undefined;
        let outboxEl: XmlElement | undefined;
        const props = ps.prop.children;
        for (let k = 0; k < props.length; k++) {
          const c = props[k]!;
          if (c.kind !== 'element') continue;
          const name = c.name;
          if (name === GETETAG) etag ??= c;
          else if (name === RESOURCETYPE) rt ??= c;
          else if (name === CALENDAR_DATA) data ??= c;
          else if (name === SYNC_TOKEN) token ??= c;
          else if (name === GETCTAG) ctag ??= c;
          else if (name === ADDRESS_SET) addresses ??= c;
          else if (name === OUTBOX_URL) outboxEl ??= c;
        }
        if (etag) patch.etag = textOf(etag).trim();
        if (rt) {
          let isCollection = false;
          let isCalendar = false;
          const kinds = rt.children;
          for (let j = 0; j < kinds.length; j++) {
            const k = kinds[j]!;
            if (k.kind !== 'element') continue;
            if (k.name === COLLECTION) isCollection = true;
            else if (k.name === CALENDAR) isCalendar = true;
          }
          patch.isCollection = isCollection;
          patch.isCalendar = isCalendar;
        }
        if (data) {
          const facts = this.#calendarFacts(textOf(data));
          if (facts.uid) {
            this.#indexUid(key, facts.uid);
            patch.uid = facts.uid;
          }
          if (facts.organizer) patch.organizer = facts.organizer;
        }
        if (token) this.#addSyncToken(key, textOf(token).trim());
        if (ctag) this.#ctags.add(own(textOf(ctag).trim()));
        for (const h of addresses ? childElements(addresses, HREF) : []) {
          const a = textOf(h).trim().toLowerCase();
          if (a) this.#addresses.add(own(a));
        }
        const outbox = textOf(child(outboxEl, HREF)).trim();
        if (outbox) this.#outboxes.add(own(resourceKey(outbox)));
      }
      if (e.href.endsWith('/') && patch.isCollection === undefined) patch.isCollection = true;
      this.#touch(key, seq, patch);
    }
    const token = view.responseSyncToken;
    if (isSync && token) this.#addSyncToken(view.key, token);
  }

  #addSyncToken(key: string, token: string): void {
    if (token === '') return;
    let set = this.#syncTokens.get(key);
    if (!set) this.#syncTokens.set(own(key), (set = new BoundedSet(MAX_TOKENS_PER_COLLECTION)));
    token = own(token);
    set.add(token);
    this.#allSyncTokens.add(token);
  }
}

function textOfResourcetype(root: ReturnType<ExchangeView['xmlRoot']> & object): string[] {
  const out: string[] = [];
  for (const set of childElements(root, dav('set'))) {
    const rt = child(child(set, dav('prop')), dav('resourcetype'));
    if (rt) out.push(...childElements(rt).map((e) => e.name));
  }
  return out;
}
