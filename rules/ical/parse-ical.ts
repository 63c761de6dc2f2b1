// iCalendar parsing for rules: our own unfolded content-line tree (raw values, line numbers, line-ending
// statistics) checked by ical.js, whose parser is the validity oracle. Never throws.
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

const encoder = new TextEncoder();

function splitContentLine(text: string): { name: string; params: Record<string, string>; value: string } | undefined {
  let i = 0;
  let inQuote = false;
  const parts: string[] = [];
  let start = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === ';') {
      parts.push(text.slice(start, i));
      start = i + 1;
    } else if (!inQuote && ch === ':') break;
  }
  if (i >= text.length) return undefined;
  parts.push(text.slice(start, i));
  const name = parts[0]!.trim().toUpperCase();
  if (name === '' || !/^[A-Za-z0-9-]+$/.test(name)) return undefined;
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    params[p.slice(0, eq).trim().toUpperCase()] = p.slice(eq + 1).replace(/"/g, '');
  }
  return { name, params, value: text.slice(i + 1) };
}

function structuralParse(text: string): { doc: IcalDocument; error?: IcalError } {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  let crlf = 0;
  let bareLf = 0;
  let bareCr = 0;
  let overlong = 0;
  let blank = 0;
  let controlChars = 0;
  const physical: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 13) {
      physical.push(body.slice(start, i));
      if (body.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else bareCr++;
      start = i + 1;
    } else if (c === 10) {
      physical.push(body.slice(start, i));
      bareLf++;
      start = i + 1;
    }
  }
  if (start < body.length) physical.push(body.slice(start));

  const roots: MutableComponent[] = [];
  const stack: MutableComponent[] = [];
  let error: IcalError | undefined;
  let logical = '';
  let logicalLine = 0;
  let lastEnd = -1;
  const logicalLines: [string, number][] = [];
  for (let n = 0; n < physical.length; n++) {
    const line = physical[n]!;
    if (line.length > 75 && encoder.encode(line).length > 75) overlong++;
    for (let k = 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if ((c < 32 && c !== 9) || c === 127) {
        controlChars++;
        break;
      }
    }
    if (line.length > 0 && (line[0] === ' ' || line[0] === '\t') && logicalLines.length + (logical ? 1 : 0) > 0) {
      logical += line.slice(1);
      continue;
    }
    if (logical !== '' || logicalLine > 0) logicalLines.push([logical, logicalLine]);
    logical = line;
    logicalLine = n + 1;
  }
  if (logicalLine > 0) logicalLines.push([logical, logicalLine]);
  for (const [, ln] of logicalLines) if (physical[ln - 1]?.toUpperCase().startsWith('END:')) lastEnd = ln;

  for (const [content, ln] of logicalLines) {
    if (content === '') {
      if (stack.length > 0 || ln < lastEnd) blank++;
      continue;
    }
    if (error) continue;
    const parsed = splitContentLine(content);
    if (!parsed) {
      error = { message: `line ${ln} is not a content line (no ":" after a property name): "${content.slice(0, 40)}"`, line: ln };
      continue;
    }
    if (parsed.name === 'BEGIN') {
      const comp: MutableComponent = { name: parsed.value.trim().toUpperCase(), properties: [], components: [], line: ln };
      (stack.length ? stack[stack.length - 1]!.components : roots).push(comp);
      stack.push(comp);
    } else if (parsed.name === 'END') {
      const name = parsed.value.trim().toUpperCase();
      const open = stack.pop();
      if (!open) error = { message: `END:${name} on line ${ln} without a matching BEGIN`, line: ln };
      else if (open.name !== name) error = { message: `END:${name} on line ${ln} closes BEGIN:${open.name} from line ${open.line}`, line: ln };
    } else if (stack.length === 0) {
      error = { message: `property ${parsed.name} on line ${ln} is outside any component`, line: ln };
    } else {
      stack[stack.length - 1]!.properties.push({ name: parsed.name, params: parsed.params, value: parsed.value, line: ln });
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

/** Our content-line tree only, without the ical.js check: for session bookkeeping, where speed matters more. */
export function parseIcalStructure(text: string): IcalDocument {
  try {
    return structuralParse(text).doc;
  } catch {
    return { components: [], lines: { crlf: 0, bareLf: 0, bareCr: 0, overlong: 0, blank: 0, controlChars: 0, bom: false } };
  }
}

/** Parses iCalendar text. Malformed structure, or anything ical.js refuses, is an error value. */
export function parseIcal(text: string): IcalParseResult {
  try {
    const { doc, error } = structuralParse(text);
    if (error) return { ok: false, error, partial: doc };
    try {
      ICAL.parse(doc.lines.bom ? text.slice(1) : text);
    } catch (e) {
      return { ok: false, error: { message: e instanceof Error ? e.message : String(e) }, partial: doc };
    }
    return { ok: true, doc };
  } catch (e) {
    const empty: IcalDocument = { components: [], lines: { crlf: 0, bareLf: 0, bareCr: 0, overlong: 0, blank: 0, controlChars: 0, bom: false } };
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) }, partial: empty };
  }
}
