// The view over one exchange: rules never parse, they ask the view. It answers, each at most once
// per exchange and only when asked:
// - the request line: method (upper-case), path (decoded), rawPath, key (the session's resource
//   key), depth, destinationKey; status;
// - headers by name, case-insensitively: reqHeader / reqHeaders / reqHeaderList and the res* forms;
//   requestType and responseType (parsed Content-Type);
// - bodies: body, bytes (inspectable, never a truncated body), hasBody, text (decoded in the
//   declared charset, with whether it was valid);
// - XML: looksLikeXml, xml (a parse result, failures as values), xmlRoot; the WebDAV reading of a
//   response: multistatus entries, responseSyncToken, conditions (DAV:error preconditions); the
//   sync-token a sync-collection request sent (requestSyncToken);
// - iCalendar: looksLikeIcal, ical (our tree checked by ical.js), icalDocument (the tree alone),
//   servedCalendars (what the server handed out: a text/calendar answer or each calendar-data).
// Nothing here throws: a body that fails to parse is a value. The caches behind it (bodies that
// recur share one parse, header names lower-cased once) live in view-memo.ts, the multistatus
// readers in multistatus.ts.
import type { Body, Exchange, HeaderList } from '../model/exchange.ts';
import { inspectableBytes } from '../model/body.ts';
import { isXmlMediaType, type MediaType } from '../model/media-type.ts';
import { decodePath, rawPathOf, resourceKey } from '../model/paths.ts';
import { parseXml } from '../parse/xml/scan.ts';
import type { XmlElement, XmlParseResult } from '../parse/xml/tree.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { parseIcal, parseIcalTree, type IcalDocument, type IcalParseResult, type IcalStructure } from '../parse/ical/parse.ts';
import {
  C_MKCALENDAR_RESPONSE,
  D_ERROR,
  D_MKCOL_RESPONSE,
  D_MULTISTATUS,
  D_PROPSTAT,
  D_RESPONSE,
  D_RESPONSEDESCRIPTION,
  D_STATUS,
  D_SYNC_TOKEN,
  conditionsOf,
  errorDescription,
  readPropstat,
  readResponse,
  statusOf,
  type DavCondition,
  type MultistatusEntry,
} from './multistatus.ts';
import { UNSET, allValues, firstValue, icalTrees, icalVerdicts, lenientDecoder, listValues, lowerNamesOf, mediaTypeOf, sharedEntries, strictDecoder, xmlResults, type Memo } from './view-memo.ts';

export { statusOf, type DavCondition, type MultistatusEntry, type Propstat } from './multistatus.ts';

export type Side = 'request' | 'response';

export interface BodyText {
  readonly text: string;
  /** False when the bytes were not valid in the declared (or default UTF-8) charset; text is then lenient. */
  readonly valid: boolean;
  readonly charset: string;
}

const D_SYNC_COLLECTION = dav('sync-collection');
const C_CALENDAR_DATA = '{urn:ietf:params:xml:ns:caldav}calendar-data';

/** One iCalendar object a server handed out (see ExchangeView.servedCalendars). */
export interface ServedCalendar {
  /** The href it is for: the request path for a plain body, the D:response's href for calendar-data. */
  readonly href: string;
  readonly where: 'body' | 'calendar-data';
  /** Our content-line tree; `error` set when it does not parse. */
  readonly tree: IcalStructure;
}

const views = new WeakMap<Exchange, ExchangeView>();

/** One view per exchange object, so several callers share its parses. */
export function viewOf(exchange: Exchange): ExchangeView {
  let v = views.get(exchange);
  if (!v) {
    v = new ExchangeView(exchange);
    views.set(exchange, v);
  }
  return v;
}

export class ExchangeView {
  readonly exchange: Exchange;
  #method: string | undefined;
  #rawPath: string | undefined;
  #key: string | undefined;
  #depth: Memo<string | undefined> = UNSET;
  #destinationKey: Memo<string | undefined> = UNSET;
  #requestSyncToken: Memo<string | undefined> = UNSET;
  #served: Memo<readonly ServedCalendar[]> = UNSET;
  #reqLower: string[] | undefined;
  #resLower: string[] | undefined;
  #path: Memo<string> = UNSET;
  #reqType: Memo<MediaType | undefined> = UNSET;
  #resType: Memo<MediaType | undefined> = UNSET;
  #reqText: Memo<BodyText | undefined> = UNSET;
  #resText: Memo<BodyText | undefined> = UNSET;
  #reqXml: Memo<XmlParseResult | undefined> = UNSET;
  #resXml: Memo<XmlParseResult | undefined> = UNSET;
  #reqTree: Memo<IcalStructure | undefined> = UNSET;
  #resTree: Memo<IcalStructure | undefined> = UNSET;
  #reqIcal: Memo<IcalParseResult | undefined> = UNSET;
  #resIcal: Memo<IcalParseResult | undefined> = UNSET;
  #multistatus: Memo<readonly MultistatusEntry[] | undefined> = UNSET;
  #conditions: Memo<readonly DavCondition[]> = UNSET;

  constructor(exchange: Exchange) {
    this.exchange = exchange;
  }

  /**
   * Drops the memoised body text and parse trees (they are made again if asked for). The engine
   * calls it once the rules and the session are done with an exchange: the session keeps recent
   * views for their method, path, status and headers, and holding their trees as well made every
   * tree outlive the young generation of the heap (a third of the time went to the collector).
   */
  releaseParses(): void {
    this.#reqText = UNSET;
    this.#resText = UNSET;
    this.#reqXml = UNSET;
    this.#resXml = UNSET;
    this.#reqTree = UNSET;
    this.#resTree = UNSET;
    this.#reqIcal = UNSET;
    this.#resIcal = UNSET;
    this.#multistatus = UNSET;
    this.#conditions = UNSET;
    this.#served = UNSET;
  }

  get seq(): number {
    return this.exchange.seq;
  }

  /** Upper-case method. */
  get method(): string {
    return (this.#method ??= this.exchange.request.method.toUpperCase());
  }

  get status(): number | undefined {
    return this.exchange.response?.status;
  }

  /** The request-target's path, percent-decoded, without query or fragment. */
  get path(): string {
    if (this.#path === UNSET) this.#path = decodePath(this.rawPath);
    return this.#path;
  }

  /** The request-target's path as sent (still percent-encoded). */
  get rawPath(): string {
    return (this.#rawPath ??= rawPathOf(this.exchange.request.target));
  }

  /** The session key of the request-target (decoded, trailing slash dropped). */
  get key(): string {
    return (this.#key ??= resourceKey(this.exchange.request.target));
  }

  get requestHeaders(): HeaderList {
    return this.exchange.request.headers;
  }

  get responseHeaders(): HeaderList {
    return this.exchange.response?.headers ?? [];
  }

  // Header names are lower-cased once per view; look-ups then compare without allocating.
  get #reqNames(): string[] {
    return (this.#reqLower ??= lowerNamesOf(this.exchange.request.headers));
  }

  get #resNames(): string[] {
    return (this.#resLower ??= lowerNamesOf(this.responseHeaders));
  }

  reqHeader(name: string): string | undefined {
    return firstValue(this.exchange.request.headers, this.#reqNames, name);
  }

  reqHeaders(name: string): string[] {
    return allValues(this.exchange.request.headers, this.#reqNames, name);
  }

  reqHeaderList(name: string): string[] {
    return listValues(this.reqHeaders(name));
  }

  resHeader(name: string): string | undefined {
    return firstValue(this.responseHeaders, this.#resNames, name);
  }

  resHeaders(name: string): string[] {
    return allValues(this.responseHeaders, this.#resNames, name);
  }

  resHeaderList(name: string): string[] {
    return listValues(this.resHeaders(name));
  }

  /**
   * The session key of the first Destination header, or undefined without one: rules ask it of every
   * recent exchange for every new one, so it is kept (it survives releaseParses).
   */
  get destinationKey(): string | undefined {
    if (this.#destinationKey === UNSET) {
      const d = this.reqHeader('Destination');
      this.#destinationKey = d === undefined ? undefined : resourceKey(d);
    }
    return this.#destinationKey;
  }

  /**
   * The DAV:sync-token of a DAV:sync-collection request, trimmed ('' for an initial sync); undefined
   * for any other request. Rules that judge how a client reacted ask it of every recent REPORT, so it
   * is kept (it survives releaseParses): each request body is read for it once.
   */
  get requestSyncToken(): string | undefined {
    if (this.#requestSyncToken === UNSET) {
      const root = this.xmlRoot('request');
      this.#requestSyncToken = root?.name === D_SYNC_COLLECTION ? textOf(child(root, D_SYNC_TOKEN)).trim() : undefined;
    }
    return this.#requestSyncToken;
  }

  /** The Depth header trimmed and lower-cased, or undefined when absent. */
  get depth(): string | undefined {
    if (this.#depth === UNSET) this.#depth = this.reqHeader('Depth')?.trim().toLowerCase();
    return this.#depth;
  }

  get requestType(): MediaType | undefined {
    if (this.#reqType === UNSET) this.#reqType = mediaTypeOf(this.reqHeader('Content-Type'));
    return this.#reqType;
  }

  get responseType(): MediaType | undefined {
    if (this.#resType === UNSET) this.#resType = mediaTypeOf(this.resHeader('Content-Type'));
    return this.#resType;
  }

  body(side: Side): Body | undefined {
    return side === 'request' ? this.exchange.request.body : this.exchange.response?.body;
  }

  /** Bytes to inspect; undefined when absent, unavailable or truncated (a cut body would parse as garbage). */
  bytes(side: Side): Uint8Array | undefined {
    const b = this.body(side);
    if (!b || b.kind !== 'captured' || b.truncated) return undefined;
    return inspectableBytes(b);
  }

  /** Whether the body has content (captured or not). */
  hasBody(side: Side): boolean {
    const b = this.body(side);
    if (!b || b.kind === 'none') return false;
    if (b.kind === 'captured') return b.size > 0;
    return (b.size ?? 1) > 0;
  }

  text(side: Side): BodyText | undefined {
    if (side === 'request') {
      if (this.#reqText === UNSET) this.#reqText = this.#decode('request');
      return this.#reqText;
    }
    if (this.#resText === UNSET) this.#resText = this.#decode('response');
    return this.#resText;
  }

  #decode(side: Side): BodyText | undefined {
    const bytes = this.bytes(side);
    if (bytes === undefined) return undefined;
    const declared = (side === 'request' ? this.requestType : this.responseType)?.charset;
    let charset = declared ?? 'utf-8';
    let decoder = strictDecoder(charset);
    if (decoder === null) {
      charset = 'utf-8';
      decoder = strictDecoder('utf-8')!;
    }
    try {
      return { text: decoder.decode(bytes), valid: true, charset };
    } catch {
      return { text: lenientDecoder(charset).decode(bytes), valid: false, charset };
    }
  }

  /** Whether a body should be read as XML: an XML media type, or XML-looking text under a missing or generic type. */
  looksLikeXml(side: Side): boolean {
    const type = (side === 'request' ? this.requestType : this.responseType)?.type;
    if (isXmlMediaType(type)) return true;
    if (type !== undefined && type !== 'text/plain' && type !== 'application/octet-stream') return false;
    const t = this.text(side)?.text;
    return t !== undefined && /^\s*</.test(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
  }

  /** The XML tree of a body; undefined when there is no inspectable, non-empty XML body. */
  xml(side: Side): XmlParseResult | undefined {
    if (side === 'request') {
      if (this.#reqXml === UNSET) this.#reqXml = this.#parseXml('request');
      return this.#reqXml;
    }
    if (this.#resXml === UNSET) this.#resXml = this.#parseXml('response');
    return this.#resXml;
  }

  #parseXml(side: Side): XmlParseResult | undefined {
    const t = this.text(side);
    if (t === undefined || t.text.length === 0 || !this.looksLikeXml(side)) return undefined;
    return xmlResults.get(t.text, parseXml);
  }

  /** The root element of a well-formed XML body. */
  xmlRoot(side: Side): XmlElement | undefined {
    const r = this.xml(side);
    return r?.ok ? r.doc.root : undefined;
  }

  /** Whether a body should be read as iCalendar: text/calendar, or text starting with BEGIN:VCALENDAR. */
  looksLikeIcal(side: Side): boolean {
    const type = (side === 'request' ? this.requestType : this.responseType)?.type;
    if (type === 'text/calendar') return true;
    const t = this.text(side)?.text;
    return t !== undefined && /^\ufeff?\s*BEGIN:VCALENDAR/i.test(t);
  }

  ical(side: Side): IcalParseResult | undefined {
    if (side === 'request') {
      if (this.#reqIcal === UNSET) this.#reqIcal = this.#parseIcal('request');
      return this.#reqIcal;
    }
    if (this.#resIcal === UNSET) this.#resIcal = this.#parseIcal('response');
    return this.#resIcal;
  }

  #parseIcal(side: Side): IcalParseResult | undefined {
    const tree = this.#icalTree(side);
    if (tree === undefined) return undefined;
    const cached = icalVerdicts.get(tree);
    if (cached !== undefined) return cached;
    const text = this.text(side)!.text;
    const verdict = parseIcal(text, tree);
    if (icalTrees.has(text)) icalVerdicts.set(tree, verdict);
    return verdict;
  }

  /** Our content-line tree of an iCalendar body, without the ical.js verdict (shared with ical()). */
  #icalTree(side: Side): IcalStructure | undefined {
    if (side === 'request') {
      if (this.#reqTree === UNSET) this.#reqTree = this.#parseTree('request');
      return this.#reqTree;
    }
    if (this.#resTree === UNSET) this.#resTree = this.#parseTree('response');
    return this.#resTree;
  }

  #parseTree(side: Side): IcalStructure | undefined {
    const t = this.text(side);
    if (t === undefined || t.text.length === 0 || !this.looksLikeIcal(side)) return undefined;
    return icalTrees.get(t.text, parseIcalTree);
  }

  /**
   * The component tree of an iCalendar body, well-formed or as far as it went (what ical() gives as
   * doc or partial), without asking ical.js: for session bookkeeping.
   */
  icalDocument(side: Side): IcalDocument | undefined {
    return this.#icalTree(side)?.doc;
  }

  /**
   * The iCalendar the server handed out: a text/calendar answer (GET, a free-busy-query), or each
   * CALDAV:calendar-data of a 207's successful propstats, with the href it belongs to. Our own
   * content-line tree only (no ical.js per object: a sync can carry thousands), recurring texts shared.
   */
  get servedCalendars(): readonly ServedCalendar[] {
    if (this.#served === UNSET) this.#served = this.#readServed();
    return this.#served;
  }

  #readServed(): readonly ServedCalendar[] {
    const status = this.status;
    if (status === undefined || status < 200 || status > 299) return [];
    if (status !== 207) {
      const tree = this.#icalTree('response');
      return tree ? [{ href: this.path, where: 'body', tree }] : [];
    }
    const out: ServedCalendar[] = [];
    for (const entry of this.multistatus ?? []) {
      for (const ps of entry.propstats) {
        if (ps.status === undefined || ps.status < 200 || ps.status > 299 || !ps.prop) continue;
        const data = child(ps.prop, C_CALENDAR_DATA);
        const text = data && textOf(data);
        if (text && text.trim()) out.push({ href: entry.href, where: 'calendar-data', tree: icalTrees.get(text, parseIcalTree) });
      }
    }
    return out;
  }

  /**
   * The entries of a D:multistatus response body. A D:mkcol-response or C:mkcalendar-response body
   * (propstats directly under the root) reads as one entry for the request path.
   */
  get multistatus(): readonly MultistatusEntry[] | undefined {
    if (this.#multistatus === UNSET) this.#multistatus = this.#readMultistatus();
    return this.#multistatus;
  }

  #readMultistatus(): readonly MultistatusEntry[] | undefined {
    const root = this.xmlRoot('response');
    if (!root) return undefined;
    if (root.name === D_MKCOL_RESPONSE || root.name === C_MKCALENDAR_RESPONSE) {
      const propstats = childElements(root, D_PROPSTAT).map(readPropstat);
      return [{ href: this.rawPath, hrefs: [this.rawPath], propstats, errors: [], element: root }];
    }
    if (root.name !== D_MULTISTATUS) return undefined;
    // The entries of a D:multistatus depend on its tree alone: a kept (recurring) tree's are shared too.
    const kept = xmlResults.has(this.text('response')!.text);
    if (kept) {
      const shared = sharedEntries.get(root);
      if (shared !== undefined) return shared;
    }
    const out: MultistatusEntry[] = [];
    const children = root.children;
    for (let k = 0; k < children.length; k++) {
      const c = children[k]!;
      if (c.kind === 'element' && c.name === D_RESPONSE) out.push(readResponse(c));
    }
    if (kept) sharedEntries.set(root, out);
    return out;
  }

  /** The D:multistatus/D:sync-token of a response, trimmed. */
  get responseSyncToken(): string | undefined {
    const root = this.xmlRoot('response');
    if (!root || root.name !== D_MULTISTATUS) return undefined;
    const t = child(root, D_SYNC_TOKEN);
    return t ? textOf(t).trim() : undefined;
  }

  /** Every precondition/postcondition element of the response: a D:error body, or D:error inside a multistatus. */
  get conditions(): readonly DavCondition[] {
    if (this.#conditions === UNSET) this.#conditions = this.#readConditions();
    return this.#conditions;
  }

  #readConditions(): readonly DavCondition[] {
    const root = this.xmlRoot('response');
    if (!root) return [];
    if (root.name === D_ERROR) {
      const description = errorDescription(root);
      return conditionsOf(root).map((element) => ({ name: element.name, element, where: 'body' as const, status: this.status, description }));
    }
    const out: DavCondition[] = [];
    // An entry of a D:multistatus has errors (the condition names of its first D:error) exactly when
    // that D:error holds conditions, and a propstat likewise: the elements are looked for only then.
    // (The entry of a mkcol-response is made without errors, so its root is always looked at.)
    const isMultistatus = root.name === D_MULTISTATUS;
    // Status and description are read only where a D:error holds conditions (rare), not for every propstat.
    for (const entry of this.multistatus ?? []) {
      if (!isMultistatus || entry.errors.length > 0) {
        const errEl = child(entry.element, D_ERROR);
        const conds = conditionsOf(errEl);
        if (conds.length > 0) {
          const description = errorDescription(errEl) ?? entry.responsedescription;
          for (const element of conds) out.push({ name: element.name, element, where: 'response', href: entry.href, status: entry.status, description });
        }
      }
      if (!entry.propstats.some((ps) => ps.errors.length > 0)) continue;
      for (const ps of entry.element.children) {
        if (ps.kind !== 'element' || ps.name !== D_PROPSTAT) continue;
        const psErr = child(ps, D_ERROR);
        const psConds = conditionsOf(psErr);
        if (psConds.length === 0) continue;
        const status = statusOf(textOf(child(ps, D_STATUS)).trim());
        const psDesc = errorDescription(psErr) ?? (textOf(child(ps, D_RESPONSEDESCRIPTION)).trim() || undefined);
        for (const element of psConds) out.push({ name: element.name, element, where: 'propstat', href: entry.href, status, description: psDesc });
      }
    }
    return out;
  }
}
