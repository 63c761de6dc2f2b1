// iCalendar parsing for rules: our own unfolded content-line tree (raw values, line numbers, line-ending
// statistics) checked by ical.js, whose parser is the validity oracle. Never throws.
// Not re-entrant, on purpose: splitting a content line hands its parts back through module-level
// scratch (splitName, splitParams, splitValue, separators, paramsOnlyFor) rather than a result
// object per line, a measurable share of the parse. That is safe because a parse is synchronous
// and calls nothing outside this file, so one parse can never begin inside another.
import ICAL from 'ical.js';

export interface IcalProperty {
  /** Upper-case name, e.g. "DTSTART". */
  readonly name: string;
  /** Parameters by upper-case name; quotes removed, multiple values kept comma-joined. */
  readonly params: Readonly<Record<string, string>>;
  /** The raw value after unfolding, escapes untouched, e.g. "20240101T100000Z". */
  readonly value: string;
  /** 1-based physical line where the content line starts. */
  readonly line: number;
}

export interface IcalComponent {
  /** Upper-case name, e.g. "VEVENT". */
  readonly name: string;
  readonly properties: readonly IcalProperty[];
  readonly components: readonly IcalComponent[];
  readonly line: number;
}

/** Facts about the physical lines, for the line-format rules (RFC 5545 §3.1). */
export interface IcalLineStats {
  readonly crlf: number;
  readonly bareLf: number;
  readonly bareCr: number;
  /** Physical lines longer than 75 octets, excluding the line break. */
  readonly overlong: number;
  /** Empty lines between BEGIN:VCALENDAR and the last END. */
  readonly blank: number;
  /** A control character other than HTAB inside a line. */
  readonly controlChars: number;
  readonly bom: boolean;
}

export interface IcalDocument {
  /** Top-level components, normally exactly one VCALENDAR. */
  readonly components: readonly IcalComponent[];
  readonly lines: IcalLineStats;
}

export interface IcalError {
  readonly message: string;
  readonly line?: number;
}

export type IcalParseResult =
  | { readonly ok: true; readonly doc: IcalDocument }
  /** partial holds what our own tree could make of the text, for rules that still want to look. */
  | { readonly ok: false; readonly error: IcalError; readonly partial: IcalDocument };

interface MutableComponent {
  name: string;
  properties: IcalProperty[];
  components: MutableComponent[];
  line: number;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** [A-Za-z0-9-]+ */
function isPropertyName(name: string): boolean {
  if (name.length === 0) return false;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

// Positions of the ";" separators of the content line being split (its first entries; the array is
// never shortened, which cost a call per line), and its parts once split: reused, as splitting never
// nests and a result object per line was a measurable share of the parse.
const separators: number[] = [];
let splitName = '';
/** When set, parameters are only read for properties of these names (the rest get NO_PARAMS). */
let paramsOnlyFor: ReadonlySet<string> | undefined;
let splitParams: Readonly<Record<string, string>> = {};
let splitValue = '';

// Property names repeat in every object: the last name seen in each slot of a direct-mapped table is
// reused when the line starts with it, so a plain name is neither sliced nor upper-cased and compares
// to the literals by identity. Bounded by construction (a collision replaces; long names are not kept).
const NAMES = new Array<string | undefined>(256).fill(undefined);

function internName(text: string, end: number, hash: number): string {
  const slot = (hash ^ (hash >>> 8)) & 255;
  const known = NAMES[slot];
  if (known !== undefined && known.length === end && text.startsWith(known)) return known;
  const name = text.slice(0, end);
  if (end > 64) return name;
  // A slice of 13 characters or more points into the body: keep the engine's own flat copy instead.
  const flat = Object.keys({ [name]: 0 })[0]!;
  NAMES[slot] = flat;
  return flat;
}

/** Splits a content line into splitName, splitParams and splitValue; false when it is not one. */
function splitContentLine(text: string): boolean {
  const len = text.length;
  let i = 0;
  // The common name first: A-Z, 0-9 and "-" up to a ";" or ":" is already upper-case and trimmed.
  let hash = 0;
  for (; i < len; i++) {
    const ch = text.charCodeAt(i);
    if ((ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 45) hash = (Math.imul(hash, 31) + ch) | 0;
    else break;
  }
  const nameEnd = i;
  const plain = nameEnd > 0 && (text.charCodeAt(i) === 59 || text.charCodeAt(i) === 58);
  // No quote, ";" or ":" before nameEnd: the scan goes on from there as from the start.
  let inQuote = false;
  let count = 0;
  for (; i < len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuote = !inQuote;
    else if (!inQuote && ch === 59) separators[count++] = i;
    else if (!inQuote && ch === 58) break;
  }
  if (i >= len) return false;
  let name: string;
  if (plain) name = internName(text, nameEnd, hash);
  else {
    name = text.slice(0, count ? separators[0] : i).trim().toUpperCase();
    if (!isPropertyName(name)) return false;
  }
  let params = NO_PARAMS;
  if (count && (paramsOnlyFor === undefined || paramsOnlyFor.has(name))) {
    const out: Record<string, string> = {};
    for (let k = 0; k < count; k++) {
      const p = text.slice(separators[k]! + 1, k + 1 < count ? separators[k + 1] : i);
      const eq = p.indexOf('=');
      if (eq === -1) continue;
      const v = p.slice(eq + 1);
      out[p.slice(0, eq).trim().toUpperCase()] = v.indexOf('"') === -1 ? v : v.replace(/"/g, '');
    }
    params = out;
  }
  splitName = name;
  splitParams = params;
  splitValue = text.slice(i + 1);
  return true;
}

/** Whether a physical line starts with "END:" in any case (as toUpperCase().startsWith("END:") says). */
function startsWithEnd(line: string): boolean {
  if (line.length < 4) return false;
  const a = line.charCodeAt(0);
  const b = line.charCodeAt(1);
  const c = line.charCodeAt(2);
  const d = line.charCodeAt(3);
  // Outside ASCII, upper-casing can change lengths (ß -> SS): ask the real thing.
  if (a > 127 || b > 127 || c > 127) return line.toUpperCase().startsWith('END:');
  return (a | 32) === 101 && (b | 32) === 110 && (c | 32) === 100 && d === 58;
}

/** A control character other than HTAB, CR and LF (CR and LF end lines, so a line holds neither). */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

function structuralParse(text: string, only?: ReadonlySet<string>): { doc: IcalDocument; error?: IcalError } {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  let crlf = 0;
  let bareLf = 0;
  let bareCr = 0;
  let overlong = 0;
  let blank = 0;
  let controlChars = 0;

  // Pass 1: physical lines, their statistics, and unfolding into logical lines (RFC 5545 §3.1), each
  // with the 1-based physical line it starts on. Line ends are found with indexOf and control
  // characters with a regex (both native), rather than a JavaScript loop over every character, and a
  // body without any control character (nearly all) is not searched line by line for them.
  const contents: string[] = [];
  const starts: number[] = [];
  let lastEnd = -1;
  let logical = '';
  let logicalLine = 0;
  let logicalIsEnd = false;
  let n = 0;
  let start = 0;
  const len = body.length;
  const controls = CONTROL.test(body);
  // The next LF and CR at or after start (len when there is none).
  let lf = -1;
  let cr = -1;
  for (;;) {
    if (lf < start) {
      lf = body.indexOf('\n', start);
      if (lf === -1) lf = len;
    }
    if (cr < start) {
      cr = body.indexOf('\r', start);
      if (cr === -1) cr = len;
    }
    const i = lf < cr ? lf : cr;
    if (i === len && start >= len) break; // the text ended with a line break: no last line
    const line = body.slice(start, i);
    if (i === cr && i < len) {
      if (body.charCodeAt(i + 1) === 10) {
        crlf++;
        start = i + 2;
      } else {
        bareCr++;
        start = i + 1;
      }
    } else {
      if (i < len) bareLf++;
      start = i + 1;
    }
    // Every UTF-16 unit is at least one UTF-8 octet, so more than 75 units is more than 75 octets.
    if (line.length > 75) overlong++;
    if (controls && CONTROL.test(line)) controlChars++;
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && contents.length + (logical ? 1 : 0) > 0) {
      logical += line.slice(1);
    } else {
      if (logical !== '' || logicalLine > 0) {
        contents.push(logical);
        starts.push(logicalLine);
        if (logicalIsEnd) lastEnd = logicalLine;
      }
      logical = line;
      logicalLine = n + 1;
      logicalIsEnd = startsWithEnd(line);
    }
    n++;
    if (i === len) break;
  }
  if (logicalLine > 0) {
    contents.push(logical);
    starts.push(logicalLine);
    if (logicalIsEnd) lastEnd = logicalLine;
  }

  // Pass 2: the component tree, up to the first structural error.
  const roots: MutableComponent[] = [];
  const stack: MutableComponent[] = [];
  let error: IcalError | undefined;
  for (let k = 0; k < contents.length; k++) {
    const content = contents[k]!;
    const ln = starts[k]!;
    if (content === '') {
      if (stack.length > 0 || ln < lastEnd) blank++;
      continue;
    }
    if (error) continue;
    paramsOnlyFor = only;
    const split = splitContentLine(content);
    paramsOnlyFor = undefined;
    if (!split) {
      error = { message: `line ${ln} is not a content line (no ":" after a property name): "${content.slice(0, 40)}"`, line: ln };
      continue;
    }
    if (splitName === 'BEGIN') {
      const comp: MutableComponent = { name: splitValue.trim().toUpperCase(), properties: [], components: [], line: ln };
      (stack.length ? stack[stack.length - 1]!.components : roots).push(comp);
      stack.push(comp);
    } else if (splitName === 'END') {
      const name = splitValue.trim().toUpperCase();
      const open = stack.pop();
      if (!open) error = { message: `END:${name} on line ${ln} without a matching BEGIN`, line: ln };
      else if (open.name !== name) error = { message: `END:${name} on line ${ln} closes BEGIN:${open.name} from line ${open.line}`, line: ln };
    } else if (stack.length === 0) {
      error = { message: `property ${splitName} on line ${ln} is outside any component`, line: ln };
    } else if (only === undefined || only.has(splitName)) {
      stack[stack.length - 1]!.properties.push({ name: splitName, params: splitParams, value: splitValue, line: ln });
    }
  }
  if (!error && stack.length > 0) {
    const open = stack[stack.length - 1]!;
    error = { message: `BEGIN:${open.name} on line ${open.line} is never closed`, line: open.line };
  }
  if (!error && roots.length === 0) error = { message: 'no component: the body holds no BEGIN:VCALENDAR' };
  // RFC 5545 §3.4: an iCalendar stream is a sequence of VCALENDAR objects and nothing else.
  const stray = error ? undefined : roots.find((c) => c.name !== 'VCALENDAR');
  if (stray) error = { message: `top-level BEGIN:${stray.name} on line ${stray.line} is not a VCALENDAR`, line: stray.line };
  const doc: IcalDocument = { components: roots, lines: { crlf, bareLf, bareCr, overlong, blank, controlChars, bom } };
  return error ? { doc, error } : { doc };
}

const emptyDocument = (): IcalDocument => ({ components: [], lines: { crlf: 0, bareLf: 0, bareCr: 0, overlong: 0, blank: 0, controlChars: 0, bom: false } });

/** Our content-line tree and the first structural error, without the ical.js check. Never throws. */
export interface IcalStructure {
  readonly doc: IcalDocument;
  readonly error?: IcalError;
}

/**
 * Entry point 1: our content-line tree alone, without asking ical.js (for session bookkeeping and
 * for the view, which memoises trees). With `only`, parameters are read only for the properties
 * named (the session reads UID and ORGANIZER of every calendar-data in a REPORT and no other).
 */
export function parseIcalTree(text: string, only?: ReadonlySet<string>): IcalStructure {
  try {
    return structuralParse(text, only);
  } catch (e) {
    return { doc: emptyDocument(), error: { message: e instanceof Error ? e.message : String(e) } };
  }
}

// ical.js's verdict through its public API only (ICAL.parse, ICAL.parse.property, ICAL.design),
// with a memo of the content lines it has accepted. ICAL.parse unfolds the text into content lines,
// tracks BEGIN/END on a stack, and parses every other line as a property of the current component;
// inside a component under the iCalendar design set, a property's verdict depends only on its line,
// so each is checked alone with ICAL.parse.property and a line seen accepted before is not checked
// again (VTIMEZONE blocks, VERSION, PRODID, ATTENDEE lines... recur in nearly every object of a
// session). Whatever this cannot decide line by line (a property at the root, a VCARD, whose first
// property may switch the design set, a stray END, a refused line, an unclosed component) goes to
// ICAL.parse itself, so the verdict and the error are always ical.js's own. The differential test
// (test/rules/parse/ical/ical-js-check.test.ts) holds this equal to ICAL.parse on the corpus and fuzz bodies.
const icalendarDesign = ICAL.design.icalendar;
const accepted = new Set<string>();
/** Bounds of the memo: lines longer than this rarely repeat (descriptions); past the count it starts afresh. */
const ACCEPTED_MAX_LINE = 256;
const ACCEPTED_MAX_LINES = 8192;

/**
 * Throws exactly when ICAL.parse(input) throws (with its error, from ICAL.parse itself). Exported for
 * its differential test only; callers use parseIcal.
 */
export function icalJsCheck(input: string): void {
  const open: string[] = [];
  let designSet: unknown;
  let undecided = false;
  eachContentLine(input, (line) => {
    if (undecided) return;
    const valuePos = line.indexOf(':');
    const paramPos = line.indexOf(';');
    if (valuePos !== -1 && (paramPos === -1 || paramPos > valuePos)) {
      const name = line.slice(0, valuePos).toLowerCase();
      if (name === 'begin') {
        const component = line.slice(valuePos + 1).toLowerCase();
        open.push(component);
        designSet ??= ICAL.design.getDesignSet(component);
        return;
      }
      if (name === 'end') {
        if (open.pop() === undefined) undecided = true;
        return;
      }
    }
    if (open.length === 0 || designSet !== icalendarDesign || open[open.length - 1] === 'vcard') {
      undecided = true;
      return;
    }
    if (accepted.has(line)) return;
    try {
      ICAL.parse.property(line, icalendarDesign);
    } catch {
      undecided = true;
      return;
    }
    if (line.length <= ACCEPTED_MAX_LINE) {
      if (accepted.size >= ACCEPTED_MAX_LINES) accepted.clear();
      accepted.add(line);
    }
  });
  if (undecided || open.length > 0) ICAL.parse(input);
}

/**
 * The content lines of `buffer`, unfolded exactly as ICAL.parse unfolds them (a line starting with
 * a space or a tab continues the one before; CRLF or LF ends a line; the last line is trimmed).
 */
function eachContentLine(buffer: string, callback: (line: string) => void): void {
  const len = buffer.length;
  let lastPos = buffer.search(/[^ \t]/);
  let pos: number;
  let line: string | undefined;
  do {
    pos = buffer.indexOf('\n', lastPos) + 1;
    let newline = pos > 1 && buffer[pos - 2] === '\r' ? 2 : 1;
    if (pos === 0) {
      pos = len;
      newline = 0;
    }
    const first = buffer[lastPos];
    // String(line): ical.js appends to an unset line too ("undefined..."), and so must the replica.
    if (first === ' ' || first === '\t') line = String(line) + buffer.slice(lastPos + 1, pos - newline);
    else {
      if (line) callback(line);
      line = buffer.slice(lastPos, pos - newline);
    }
    lastPos = pos;
  } while (pos !== len);
  line = (line ?? '').trim();
  if (line.length) callback(line);
}

/**
 * Entry point 2: iCalendar text parsed and judged. Malformed structure, or anything ical.js refuses,
 * is an error value. Give the tree when it is already made (parseIcalTree) so it is not made again.
 */
export function parseIcal(text: string, tree: IcalStructure = parseIcalTree(text)): IcalParseResult {
  const { doc, error } = tree;
  if (error) return { ok: false, error, partial: doc };
  try {
    icalJsCheck(doc.lines.bom ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) }, partial: doc };
  }
  return { ok: true, doc };
}
