// A single-pass, namespace-resolving XML parser for DAV bodies. It replaced fast-xml-parser on the
// analysis path: that parse (plus its validator and our namespace pass) cost ~190 µs for a 2 KB
// multistatus, about ten times this one, and analysis must keep up with the proxy.
// Non-validating by design: DOCTYPEs are skipped, declared entities never expand, only the five
// built-in entities and character references are decoded.
// Not re-entrant, on purpose: the scanner keeps scratch between its helpers in module-level
// variables (nextAmp, nextCr, openedScope: a second result without an object per call), set at
// each parse's entry. That is safe because a parse is synchronous and calls nothing outside this
// file, so one parse can never begin inside another.
import { NS, clark } from './namespaces.ts';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode, XmlParseResult } from './tree.ts';

export const MAX_XML_DEPTH = 128;

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const BUILTIN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// ASCII name characters by table (bit 1: may start a name, bit 2: may continue one): the chained
// comparisons ran for every character of every tag name.
const NAME_START = 1;
const NAME_CHAR = 2;
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  ASCII_NAME[c] = (start ? NAME_START | NAME_CHAR : 0) | ((c >= 48 && c <= 57) || c === 45 || c === 46 ? NAME_CHAR : 0);
}

function isNameStart(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & NAME_START) !== 0 : c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & NAME_CHAR) !== 0 : c >= 0xc0 || c === 0xb7;
}

// Tag names repeat across elements and bodies: the last name seen in each slot of a direct-mapped
// table is reused when the text matches it, so a start tag neither copies its name out of the body
// nor hashes a fresh string for the scope's look-up. Bounded by construction (a collision replaces,
// and names longer than MAX_INTERNED are not kept).
const INTERNED = new Array<string | undefined>(1024).fill(undefined);
const MAX_INTERNED = 128;

function internTag(s: string, start: number, end: number, hash: number): string {
  const len = end - start;
  const slot = (hash ^ (hash >>> 10)) & 1023;
  const known = INTERNED[slot];
  if (known !== undefined && known.length === len) {
    let k = 0;
    while (k < len && known.charCodeAt(k) === s.charCodeAt(start + k)) k++;
    if (k === len) return known;
  }
  const tag = s.slice(start, end);
  if (len > MAX_INTERNED) return tag;
  // A slice of 13 characters or more points into the body and would keep it alive in the table: the
  // kept name is the engine's own flat (internalised) copy, which an object key gives back.
  const flat = Object.keys({ [tag]: 0 })[0]!;
  INTERNED[slot] = flat;
  return flat;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** XML 1.0 §2.11: every CRLF and lone CR reads as LF. */
const newlines = (t: string): string => (t.indexOf('\r') === -1 ? t : t.replace(/\r\n?/g, '\n'));

/**
 * Decodes references in text or an attribute value, with line ends normalised (the body is parsed as
 * it came, so that a CRLF body is not copied whole first); an "&" that starts no reference is an error.
 */
function decode(s: string, start: number, end: number, base: number): string {
  // The next "&" and CR of the document are found by indexOf (native and fast) and kept until the text
  // read passes them: a text node without either is only sliced, and no character is looked at twice.
  // Text is read in document order within one parse, which resets both (parse below).
  if (nextAmp < start) {
    nextAmp = s.indexOf('&', start);
    if (nextAmp === -1) nextAmp = s.length;
  }
  if (nextAmp < end) return decodeReferences(s, start, end, base);
  if (nextCr < start) {
    nextCr = s.indexOf('\r', start);
    if (nextCr === -1) nextCr = s.length;
  }
  return nextCr < end ? newlines(s.slice(start, end)) : s.slice(start, end);
}

/** Where the next "&" and CR are at or after the text last decoded (-1: to be found). */
let nextAmp = -1;
let nextCr = -1;

function decodeReferences(s: string, start: number, end: number, base: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const a = s.indexOf('&', i);
    if (a === -1 || a >= end) {
      out += newlines(s.slice(i, end));
      break;
    }
    // Only the literal text is normalised: a CR written as &#13; stays a CR.
    out += newlines(s.slice(i, a));
    const semi = s.indexOf(';', a + 1);
    const ref = semi === -1 || semi >= end ? '' : s.slice(a + 1, semi);
    if (ref.charCodeAt(0) === 35) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // XML 1.0 §2.2 Char: tab, LF, CR, and no other C0 control, surrogate, U+FFFE or U+FFFF.
      const valid =
        /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) &&
        (code >= 0x20 ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff) : code === 9 || code === 10 || code === 13);
      if (!valid) throw new XmlSyntaxError(`invalid character reference &${ref};`, base + a);
      out += String.fromCodePoint(code);
    } else if (/^[A-Za-z_][\w.-]*$/.test(ref)) {
      // A DOCTYPE-declared entity stays as written: expanding it is how billion-laughs and XXE work.
      out += BUILTIN[ref] ?? `&${ref};`;
    } else {
      throw new XmlSyntaxError('an "&" that starts no entity or character reference (write &amp;)', base + a);
    }
    i = semi + 1;
  }
  return out;
}

/** An element being built; its children are set at its end tag (see parse). */
type OpenElement = XmlElement & { children: readonly XmlNode[] };

/** The children of every element without any: shared, and frozen so that no caller can change it for all. */
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

/** A namespace scope, with the names its tags resolved to (tags repeat a lot in a multistatus). */
interface Scope {
  /**
   * This element's own declarations; look-ups walk up through parent (nesting is bounded by
   * MAX_XML_DEPTH). Copying the parent's map instead made 5,000 declarations on the root and 5,000
   * children that each declare one more quadratic (~4 s).
   */
  readonly prefixes: ReadonlyMap<string, string>;
  readonly parent: Scope | undefined;
  readonly names: Map<string, { name: string; ns: string; local: string; prefix: string | undefined }>;
}

function rootScope(): Scope {
  // Not new Map([[...]]): the iterable constructor was a measurable part of parsing a small body.
  const prefixes = new Map<string, string>();
  prefixes.set('xml', NS.XML);
  return { prefixes, parent: undefined, names: new Map() };
}

function lookup(scope: Scope, prefix: string): string | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const ns = s.prefixes.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function skipDoctype(s: string, i: number): number {
  let quote = 0;
  let subset = false;
  for (let j = i + 9; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (subset && s.startsWith('<!--', j)) {
      const close = s.indexOf('-->', j + 4);
      if (close === -1) break;
      j = close + 2;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 91) subset = true;
    else if (c === 93) subset = false;
    else if (c === 62 && !subset) return j + 1;
  }
  throw new XmlSyntaxError('unterminated DOCTYPE', i);
}

/** Whether a processing instruction's target at j is "xml" in any case (not "xml-stylesheet"). */
function isXmlTarget(s: string, j: number): boolean {
  return (s.charCodeAt(j) | 32) === 120 && (s.charCodeAt(j + 1) | 32) === 109 && (s.charCodeAt(j + 2) | 32) === 108 && (isSpace(s.charCodeAt(j + 3)) || s.charCodeAt(j + 3) === 63);
}

const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const NO_ATTRS: readonly [string, string][] = Object.freeze([]) as readonly [string, string][];

/** The scope of the element openElement last returned (a second result, without an object for the pair). */
let openedScope: Scope | undefined;

/** Namespaces in XML 1.0 §4: one colon, between a non-empty prefix and a non-empty local part. */
function isQName(name: string, colon: number): boolean {
  return colon > 0 && colon < name.length - 1 && name.indexOf(':', colon + 1) === -1;
}

function openElement(tag: string, attrs: readonly [string, string][], parent: Scope, declared: Set<string>, pos: number): OpenElement {
  let scope = parent;
  // Index loops: for-of with destructuring allocated an iterator result per attribute and per element.
  for (let a = 0; a < attrs.length; a++) {
    const key = attrs[a]![0];
    const value = attrs[a]![1];
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parent) scope = { prefixes: new Map(), parent, names: new Map() };
      if (key !== 'xmlns' && !isQName(key, 5)) throw new XmlSyntaxError(`${key} on <${tag}> is not a qualified name (xmlns:prefix)`, pos);
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (prefix !== '' && value === '') throw new XmlSyntaxError(`the prefix "${prefix}" is undeclared with an empty URI (not allowed in XML 1.0)`, pos);
      (scope.prefixes as Map<string, string>).set(prefix, value);
      if (value !== '') declared.add(value);
    }
  }
  let resolved = scope.names.get(tag);
  if (!resolved) {
    const colon = tag.indexOf(':');
    if (colon !== -1 && !isQName(tag, colon)) throw new XmlSyntaxError(`<${tag}> is not a qualified name (prefix:local)`, pos);
    const prefix = colon === -1 ? undefined : tag.slice(0, colon);
    const local = colon === -1 ? tag : tag.slice(colon + 1);
    const ns = prefix === undefined ? (lookup(scope, '') ?? '') : lookup(scope, prefix);
    if (ns === undefined) throw new XmlSyntaxError(`the prefix "${prefix}" of <${tag}> is not declared`, pos);
    resolved = { name: clark(ns, local), ns, local, prefix };
    scope.names.set(tag, resolved);
  }
  const attributes: XmlAttribute[] = attrs.length === 0 ? (NO_ATTRIBUTES as XmlAttribute[]) : [];
  for (let a = 0; a < attrs.length; a++) {
    const key = attrs[a]![0];
    const value = attrs[a]![1];
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    const c = key.indexOf(':');
    if (c === -1) {
      attributes.push({ name: key, ns: '', local: key, value });
      continue;
    }
    if (!isQName(key, c)) throw new XmlSyntaxError(`attribute ${key} on <${tag}> is not a qualified name (prefix:local)`, pos);
    const p = key.slice(0, c);
    const l = key.slice(c + 1);
    const ans = lookup(scope, p);
    if (ans === undefined) throw new XmlSyntaxError(`the prefix "${p}" of attribute ${key} on <${tag}> is not declared`, pos);
    attributes.push({ name: clark(ans, l), ns: ans, local: l, value });
  }
  openedScope = scope;
  return { kind: 'element', name: resolved.name, ns: resolved.ns, local: resolved.local, prefix: resolved.prefix, attributes, children: NO_CHILDREN };
}

function parse(s: string): XmlDocument {
  const declared = new Set<string>();
  // The open elements, innermost last, as parallel stacks (no object per element): the tag as
  // written, the element, its namespace scope, where its children start in pending, where it began.
  let depth = 0;
  const tags: string[] = [];
  const els: OpenElement[] = [];
  const scopes: Scope[] = [];
  const starts: number[] = [];
  const positions: number[] = [];
  const top = rootScope();
  let root: XmlElement | undefined;
  let hasDoctype = false;
  let i = 0;
  const n = s.length;
  nextAmp = -1;
  nextCr = -1;
  /** Where the next "<" after an attribute value's opening quote is (see the attribute loop). */
  let nextLt = -1;
  // Children of the open elements, innermost last: each element's are copied out at its end tag into
  // an array of their exact length (pushing onto an empty array made a 17-slot backing store for every
  // element with a child, most of them with one). Entries past pendingLen are stale.
  const pending: XmlNode[] = [];
  let pendingLen = 0;

  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      if (depth === 0) {
        for (let j = i; j < textEnd; j++) {
          if (!isSpace(s.charCodeAt(j))) throw new XmlSyntaxError(root ? 'text outside the root element' : 'text before the root element', j);
        }
      } else {
        const text = decode(s, i, textEnd, 0);
        if (text !== '') pending[pendingLen++] = { kind: 'text', text };
      }
    }
    if (lt === -1) break;
    i = lt;
    const c1 = s.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (s.startsWith('<!--', i)) {
        const close = s.indexOf('-->', i + 4);
        if (close === -1) throw new XmlSyntaxError('unterminated comment', i);
        i = close + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        if (depth === 0) throw new XmlSyntaxError('CDATA outside the root element', i);
        const close = s.indexOf(']]>', i + 9);
        if (close === -1) throw new XmlSyntaxError('unterminated CDATA section', i);
        if (close > i + 9) pending[pendingLen++] = { kind: 'text', text: newlines(s.slice(i + 9, close)) };
        i = close + 3;
      } else if (s.startsWith('<!DOCTYPE', i)) {
        if (root || depth) throw new XmlSyntaxError('DOCTYPE after the root element started', i);
        if (hasDoctype) throw new XmlSyntaxError('a second DOCTYPE (a document has at most one)', i);
        hasDoctype = true;
        i = skipDoctype(s, i);
      } else throw new XmlSyntaxError('unexpected "<!"', i);
      continue;
    }
    if (c1 === 63 /* ? */) {
      const close = s.indexOf('?>', i + 2);
      if (close === -1) throw new XmlSyntaxError('unterminated processing instruction', i);
      // "<?xml" is the XML declaration: at the very start or nowhere (XML 1.0 §2.8, and the target
      // is reserved); servers refuse a second one, as libxml2 does.
      if (i > 0 && isXmlTarget(s, i + 2)) throw new XmlSyntaxError('an XML declaration is allowed only at the very start of the document', i);
      i = close + 2;
      continue;
    }
    if (c1 === 47 /* / */) {
      // The common case first: the name of the open element, then ">" (compared in place, character by
      // character: neither a slice per end tag nor startsWith, both measurable).
      if (depth > 0) {
        const open = tags[depth - 1]!;
        const len = open.length;
        let k = 0;
        while (k < len && s.charCodeAt(i + 2 + k) === open.charCodeAt(k)) k++;
        if (k === len && s.charCodeAt(i + 2 + len) === 62) {
          const el = els[--depth]!;
          const start = starts[depth]!;
          if (pendingLen > start) {
            el.children = pending.slice(start, pendingLen);
            pendingLen = start;
          }
          if (depth) pending[pendingLen++] = el;
          else root = el;
          i = i + 3 + len;
          continue;
        }
      }
      let j = i + 2;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      const nameEnd = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 62) throw new XmlSyntaxError(`malformed closing tag </${s.slice(i + 2, nameEnd)}`, i);
      if (depth === 0) throw new XmlSyntaxError(`closing tag </${s.slice(i + 2, nameEnd)}> without an opening tag`, i);
      const tag = tags[--depth]!;
      if (tag.length !== nameEnd - i - 2 || !s.startsWith(tag, i + 2))
        throw new XmlSyntaxError(`expected closing tag </${tag}> but found </${s.slice(i + 2, nameEnd)}>`, i);
      const el = els[depth]!;
      const start = starts[depth]!;
      if (pendingLen > start) {
        el.children = pending.slice(start, pendingLen);
        pendingLen = start;
      }
      if (depth) pending[pendingLen++] = el;
      else root = el;
      i = j + 1;
      continue;
    }
    // A start tag.
    if (!isNameStart(c1)) throw new XmlSyntaxError('a "<" that starts no tag (write &lt;)', i);
    if (root) throw new XmlSyntaxError(`more than one root element (<${root.prefix ? root.prefix + ':' : ''}${root.local}> and another)`, i);
    let j = i + 2;
    let hash = c1;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (!isNameChar(c)) break;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const tag = internTag(s, i + 1, j, hash);
    let attrs = NO_ATTRS as [string, string][];
    let selfClosing = false;
    let seen: Set<string> | undefined;
    for (;;) {
      const before = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const c = s.charCodeAt(j);
      if (c === 62) {
        j++;
        break;
      }
      if (c === 47 && s.charCodeAt(j + 1) === 62) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (j >= n) throw new XmlSyntaxError(`unterminated start tag <${tag}`, i);
      if (!isNameStart(c) || j === before) throw new XmlSyntaxError(`malformed attribute in <${tag}>`, j);
      const ns = j;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      const name = s.slice(ns, j);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 61) throw new XmlSyntaxError(`attribute ${name} in <${tag}> has no value`, j);
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) throw new XmlSyntaxError(`the value of attribute ${name} in <${tag}> is not quoted`, j);
      const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close === -1) throw new XmlSyntaxError(`unterminated value of attribute ${name}`, j);
      // The next "<" is found once and reused while it lies ahead: searching from every attribute
      // ran to the end of the text each time when none followed (20,000 attributes: quadratic).
      if (nextLt <= j) {
        nextLt = s.indexOf('<', j + 1);
        if (nextLt === -1) nextLt = n;
      }
      if (nextLt < close) throw new XmlSyntaxError(`"<" inside the value of attribute ${name}`, nextLt);
      // A Set past a few attributes: some() made 10,000 attributes on one element quadratic (~750 ms).
      if (attrs.length >= 16) seen ??= new Set(attrs.map(([k]) => k));
      if (seen ? seen.has(name) : attrs.some(([k]) => k === name)) throw new XmlSyntaxError(`attribute ${name} repeated in <${tag}>`, ns);
      seen?.add(name);
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push([name, decode(s, j + 1, close, 0)]);
      j = close + 1;
    }
    if (depth + 1 > MAX_XML_DEPTH) throw new XmlSyntaxError(`nesting deeper than ${MAX_XML_DEPTH} elements`, i);
    const el = openElement(tag, attrs, depth ? scopes[depth - 1]! : top, declared, i);
    if (selfClosing) {
      if (depth) pending[pendingLen++] = el;
      else root = el;
    } else {
      tags[depth] = tag;
      els[depth] = el;
      scopes[depth] = openedScope!;
      starts[depth] = pendingLen;
      positions[depth] = i;
      depth++;
    }
    i = j;
  }
  if (depth) throw new XmlSyntaxError(`unclosed element <${tags[depth - 1]}>`, positions[depth - 1]!);
  if (!root) throw new XmlSyntaxError('no root element', n);
  return { root, declaredNamespaces: [...declared], hasDoctype };
}

/** Parses XML text. Never throws: malformed input, undeclared prefixes and excessive nesting are error values. */
export function parseXml(input: string): XmlParseResult {
  const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (isBlank(unmarked)) return { ok: false, error: { message: 'empty body: an XML document needs a root element' } };
  try {
    // Line ends are normalised where text is read (decode), not by copying the body first.
    return { ok: true, doc: parse(unmarked) };
  } catch (e) {
    // The rare failure is parsed again normalised, so that positions and lines are those of LF-only text.
    const text = newlines(unmarked);
    if (text !== unmarked) {
      try {
        parse(text);
      } catch (again) {
        e = again;
      }
    }
    if (e instanceof XmlSyntaxError) return { ok: false, error: { message: e.message, line: lineAt(text, e.pos) } };
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Whether the text is empty or only whitespace (as trim() === '' says, without the copy). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) return false;
    if (c > 32 || !(c === 32 || (c >= 9 && c <= 13))) return text.trim() === '';
  }
  return true;
}
