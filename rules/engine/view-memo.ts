// The view's memo machinery: caches that make the questions rules ask thousands of times a second
// cheap. Nothing here is a rule's business; rules ask the view (view.ts) and never see these.
import type { HeaderList } from '../model/exchange.ts';
import { parseMediaType, type MediaType } from '../model/media-type.ts';
import type { XmlElement, XmlParseResult } from '../parse/xml/tree.ts';
import type { IcalParseResult, IcalStructure } from '../parse/ical/parse.ts';
import type { MultistatusEntry } from './multistatus.ts';

/** A memo slot not filled yet (undefined is a memoised answer). */
export const UNSET = Symbol('unset');
export type Memo<T> = T | typeof UNSET;

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

export function lowerNamesOf(headers: HeaderList): string[] {
  const out = new Array<string>(headers.length);
  for (let i = 0; i < headers.length; i++) out[i] = lowerName(headers[i]![0]);
  return out;
}

export function firstValue(headers: HeaderList, lowered: readonly string[], name: string): string | undefined {
  const l = lowerName(name);
  for (let i = 0; i < lowered.length; i++) if (lowered[i] === l) return headers[i]![1];
  return undefined;
}

export function allValues(headers: HeaderList, lowered: readonly string[], name: string): string[] {
  const l = lowerName(name);
  const out: string[] = [];
  for (let i = 0; i < lowered.length; i++) if (lowered[i] === l) out.push(headers[i]![1]);
  return out;
}

/** Comma-separated list values across all lines of a header, trimmed, empties dropped (as getHeaderList). */
export function listValues(values: readonly string[]): string[] {
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
export function mediaTypeOf(value: string | undefined): MediaType | undefined {
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
export function strictDecoder(charset: string): TextDecoder | null {
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
export function lenientDecoder(charset: string): TextDecoder {
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

export const xmlResults = new RecurringTexts<XmlParseResult>();
export const icalTrees = new RecurringTexts<IcalStructure>();
/** The entries of kept D:multistatus trees. */
export const sharedEntries = new WeakMap<XmlElement, readonly MultistatusEntry[]>();
/** The ical.js verdicts on kept trees (a verdict is a pure function of the text, which the tree is kept for). */
export const icalVerdicts = new WeakMap<IcalStructure, IcalParseResult>();
