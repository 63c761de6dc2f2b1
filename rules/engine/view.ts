// A memoised view over one exchange: rules never parse, they ask the view, which parses each body
// at most once and only when asked. Nothing here throws; a body that fails to parse is a value.
import type { Body, Exchange, HeaderList } from '../model/exchange.ts';
import { inspectableBytes } from '../model/body.ts';
import { decodePath, isXmlMediaType, parseMediaType, rawPathOf, resourceKey, type MediaType } from '../model/media-type.ts';
import { parseXml } from '../parse/xml/scan.ts';
import type { XmlElement, XmlParseResult } from '../parse/xml/tree.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';
import { NS, dav } from '../parse/xml/namespaces.ts';
import { checkIcal, parseIcalTree, type IcalDocument, type IcalParseResult, type IcalStructure } from '../parse/ical/parse.ts';

export type Side = 'request' | 'response';

export interface BodyText {
  readonly text: string;
  /** False when the bytes were not valid in the declared (or default UTF-8) charset; text is then lenient. */
  readonly valid: boolean;
  readonly charset: string;
}

export interface Propstat {
  readonly status?: number;
  readonly statusLine?: string;
  /** Clark names of the properties in D:prop. */
  readonly props: readonly string[];
  readonly prop?: XmlElement;
  /** Clark names of the children of D:error. */
  readonly errors: readonly string[];
  readonly responsedescription?: string;
}

export interface MultistatusEntry {
  /** First D:href, trimmed, as sent. */
  readonly href: string;
  readonly hrefs: readonly string[];
  readonly status?: number;
  readonly statusLine?: string;
  readonly propstats: readonly Propstat[];
  readonly errors: readonly string[];
  readonly responsedescription?: string;
  readonly location?: string;
  readonly element: XmlElement;
}

export interface DavCondition {
  /** Clark name of the precondition or postcondition element. */
  readonly name: string;
  readonly element: XmlElement;
  /** A top-level D:error body, or a D:error inside a multistatus response or propstat. */
  readonly where: 'body' | 'response' | 'propstat';
  readonly href?: string;
  readonly status?: number;
  /** D:responsedescription or free text inside the D:error (Cyrus and Apple CalendarServer add one). */
  readonly description?: string;
}

const STATUS_LINE = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})/i;
const BARE_STATUS = /^\s*(\d{3})\b/;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** "HTTP/1.1 404 Not Found" -> 404 */
export function statusOf(line: string | undefined): number | undefined {
  if (line === undefined) return undefined;
  // The form nearly every server writes, read without a regex match object (what the first regex says of it).
  if (line.startsWith('HTTP/1.1 ') && isDigit(line.charCodeAt(9)) && isDigit(line.charCodeAt(10)) && isDigit(line.charCodeAt(11)))
    return (line.charCodeAt(9) - 48) * 100 + (line.charCodeAt(10) - 48) * 10 + (line.charCodeAt(11) - 48);
  const m = STATUS_LINE.exec(line) ?? BARE_STATUS.exec(line);
  return m ? Number(m[1]) : undefined;
}

const UNSET = Symbol('unset');
type Memo<T> = T | typeof UNSET;

// Rules ask for headers by a handful of literal names, thousands of times a second: their lower-case
// forms are kept (bounded, in case some caller builds names) rather than made again on every look-up.
const lowerNames = new Map<string, string>();
function lowerName(name: string): string {
  let l = lowerNames.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowerNames.size < 512) lowerNames.set(name, l);
  }
  return l;
}

function lowerNamesOf(headers: HeaderList): string[] {
  const out = new Array<string>(headers.length);
  for (let i = 0; i < headers.length; i++) out[i] = lowerName(headers[i]![0]);
  return out;
}

function firstValue(headers: HeaderList, lowered: readonly string[], name: string): string | undefined {
  const l = lowerName(name);
  for (let i = 0; i < lowered.length; i++) if (lowered[i] === l) return headers[i]![1];
  return undefined;
}

function allValues(headers: HeaderList, lowered: readonly string[], name: string): string[] {
  const l = lowerName(name);
  const out: string[] = [];
  for (let i = 0; i < lowered.length; i++) if (lowered[i] === l) out.push(headers[i]![1]);
  return out;
}

/** Comma-separated list values across all lines of a header, trimmed, empties dropped (as getHeaderList). */
function listValues(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t.length > 0) out.push(t);
    }
  }
  return out;
}

// A session repeats a handful of Content-Type values: each is parsed once, the result frozen and shared.
const mediaTypes = new Map<string, MediaType | undefined>();
function mediaTypeOf(value: string | undefined): MediaType | undefined {
  if (value === undefined) return undefined;
  if (mediaTypes.has(value)) return mediaTypes.get(value);
  const parsed = parseMediaType(value);
  if (parsed) {
    Object.freeze(parsed.params);
    Object.freeze(parsed);
  }
  // Values come from the traffic: the table is bounded, and starts afresh when full.
  if (mediaTypes.size >= 256) mediaTypes.clear();
  mediaTypes.set(value, parsed);
  return parsed;
}

// Decoders are stateless between whole-buffer decode() calls: one per charset and mode is enough.
const strictDecoders = new Map<string, TextDecoder | null>();
const lenientDecoders = new Map<string, TextDecoder>();
function strictDecoder(charset: string): TextDecoder | null {
  let d = strictDecoders.get(charset);
  if (d === undefined) {
    try {
      d = new TextDecoder(charset, { fatal: true });
    } catch {
      d = null;
    }
    // Charset labels come from the traffic: keep the table bounded.
    if (strictDecoders.size < 64) strictDecoders.set(charset, d);
  }
  return d;
}
function lenientDecoder(charset: string): TextDecoder {
  let d = lenientDecoders.get(charset);
  if (d === undefined) {
    d = new TextDecoder(charset);
    if (lenientDecoders.size < 64) lenientDecoders.set(charset, d);
  }
  return d;
}

/**
 * Parse results of body texts that recur: a client sends the same PROPFIND body on every poll, and a
 * server answers an unchanged collection with the same 207 and an unchanged object with the same .ics.
 * A parse is a pure function of the text and nothing changes a result, so views share it.
 * Texts are compared, never hashed: hashing a whole body (as a Map key does) cost a third of parsing
 * it, while comparing two texts stops at their length or first difference. A text is kept with its
 * result only when it repeats one of the last RECENT texts, so bodies that do not recur soon (most of
 * them in a busy session) are neither held nor keep their trees past the young generation: a tree kept
 * a while is promoted, and churning kept trees cost the collector more than the parses saved. For the
 * same reason only texts up to 8 KB are kept: larger ones recurred too (a REPORT's calendar-data) and
 * their trees and entries were most of what the memo made the collector promote.
 */
class RecurringTexts<T> {
  static readonly KEPT = 16;
  static readonly RECENT = 8;
  static readonly MAX_LENGTH = 8 * 1024;
  /** Most recently used first. */
  readonly #kept: { readonly text: string; readonly result: T }[] = [];
  /** The last texts parsed and not kept, as a ring. */
  readonly #recent: (string | undefined)[] = new Array<string | undefined>(RecurringTexts.RECENT).fill(undefined);
  #next = 0;

  get(text: string, make: (text: string) => T): T {
    if (text.length > RecurringTexts.MAX_LENGTH) return make(text);
    const kept = this.#kept;
    for (let i = 0; i < kept.length; i++) {
      const e = kept[i]!;
      if (e.text.length === text.length && e.text === text) {
        if (i > 0) {
          kept.copyWithin(1, 0, i);
          kept[0] = e;
        }
        return e.result;
      }
    }
    const result = make(text);
    const recent = this.#recent;
    let again = false;
    for (let i = 0; i < recent.length && !again; i++) {
      const r = recent[i];
      if (r !== undefined && r.length === text.length && r === text) {
        recent[i] = undefined;
        again = true;
      }
    }
    if (again) {
      if (kept.length >= RecurringTexts.KEPT) kept.pop();
      kept.unshift({ text, result });
    } else {
      recent[this.#next] = text;
      this.#next = (this.#next + 1) % recent.length;
    }
    return result;
  }

  /** Whether the text's result is kept (so something derived from it may be kept too). */
  has(text: string): boolean {
    for (const e of this.#kept) if (e.text.length === text.length && e.text === text) return true;
    return false;
  }
}

const xmlResults = new RecurringTexts<XmlParseResult>();
const icalTrees = new RecurringTexts<IcalStructure>();
/** The entries of kept D:multistatus trees. */
const sharedEntries = new WeakMap<XmlElement, readonly MultistatusEntry[]>();
/** The ical.js verdicts on kept trees (a verdict is a pure function of the text, which the tree is kept for). */
const icalVerdicts = new WeakMap<IcalStructure, IcalParseResult>();

const DIAGNOSTIC_ERROR_CHILDREN = new Set([dav('responsedescription')]);

function conditionsOf(errorEl: XmlElement | undefined): XmlElement[] {
  if (!errorEl) return [];
  return childElements(errorEl).filter((e) => !DIAGNOSTIC_ERROR_CHILDREN.has(e.name));
}

function errorDescription(errorEl: XmlElement | undefined): string | undefined {
  if (!errorEl) return undefined;
  const parts = [textOf(child(errorEl, D_RESPONSEDESCRIPTION)).trim()];
  for (const c of errorEl.children) if (c.kind === 'text' && c.text.trim()) parts.push(c.text.trim());
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/** Clark names of the condition children of a D:error (a shared empty list when there is none). */
function conditionNames(errorEl: XmlElement | undefined): readonly string[] {
  if (!errorEl) return NO_NAMES;
  const names = conditionsOf(errorEl).map((e) => e.name);
  return names.length === 0 ? NO_NAMES : names;
}

function elementNames(el: XmlElement): string[] {
  const out: string[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element') out.push(c.name);
  }
  return out;
}

// Clark names read for every entry of every multistatus: made once here, not looked up per element.
const D_STATUS = dav('status');
const D_PROP = dav('prop');
const D_RESPONSEDESCRIPTION = dav('responsedescription');
const D_ERROR = dav('error');
const D_HREF = dav('href');
const D_LOCATION = dav('location');
const D_PROPSTAT = dav('propstat');
const D_RESPONSE = dav('response');
const D_MULTISTATUS = dav('multistatus');
const D_MKCOL_RESPONSE = dav('mkcol-response');
const C_MKCALENDAR_RESPONSE = `{${NS.CALDAV}}mkcalendar-response`;
const D_SYNC_TOKEN = dav('sync-token');

/** The trimmed text of an element, or undefined without one. */
const trimmedText = (el: XmlElement | undefined): string | undefined => (el ? textOf(el).trim() : undefined);

function readPropstat(ps: XmlElement): Propstat {
  // One pass over the children, keeping the first of each name (as child() would find it).
  let statusEl: XmlElement | undefined;
  let prop: XmlElement | undefined;
  let desc: XmlElement | undefined;
  let error: XmlElement | undefined;
  const children = ps.children;
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.kind !== 'element') continue;
    const name = c.name;
    if (name === D_STATUS) statusEl ??= c;
    else if (name === D_PROP) prop ??= c;
    else if (name === D_RESPONSEDESCRIPTION) desc ??= c;
    else if (name === D_ERROR) error ??= c;
  }
  const statusLine = trimmedText(statusEl);
  return {
    status: statusOf(statusLine),
    statusLine,
    props: prop ? elementNames(prop) : NO_NAMES,
    prop,
    errors: conditionNames(error),
    responsedescription: trimmedText(desc),
  };
}

function readResponse(r: XmlElement): MultistatusEntry {
  // One pass over the children, keeping every D:href and D:propstat and the first of the others.
  const hrefs: string[] = [];
  const propstats: Propstat[] = [];
  let statusEl: XmlElement | undefined;
  let desc: XmlElement | undefined;
  let location: XmlElement | undefined;
  let error: XmlElement | undefined;
  const children = r.children;
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.kind !== 'element') continue;
    const name = c.name;
    if (name === D_HREF) hrefs.push(textOf(c).trim());
    else if (name === D_PROPSTAT) propstats.push(readPropstat(c));
    else if (name === D_STATUS) statusEl ??= c;
    else if (name === D_RESPONSEDESCRIPTION) desc ??= c;
    else if (name === D_LOCATION) location ??= c;
    else if (name === D_ERROR) error ??= c;
  }
  const statusLine = trimmedText(statusEl);
  return {
    href: hrefs[0] ?? '',
    hrefs,
    status: statusOf(statusLine),
    statusLine,
    propstats,
    errors: conditionNames(error),
    responsedescription: trimmedText(desc),
    location: trimmedText(child(location, D_HREF)),
    element: r,
  };
}

export class ExchangeView {
  readonly exchange: Exchange;
  #method: string | undefined;
  #rawPath: string | undefined;
  #key: string | undefined;
  #depth: Memo<string | undefined> = UNSET;
  #destinationKey: Memo<string | undefined> = UNSET;
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

  get hasResponse(): boolean {
    return this.exchange.response !== undefined;
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

  get requestXml(): XmlParseResult | undefined {
    return this.xml('request');
  }

  get responseXml(): XmlParseResult | undefined {
    return this.xml('response');
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
    const verdict = checkIcal(text, tree);
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

  get requestIcal(): IcalParseResult | undefined {
    return this.ical('request');
  }

  get responseIcal(): IcalParseResult | undefined {
    return this.ical('response');
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
