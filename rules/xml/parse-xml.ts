// Namespace-aware XML parsing over fast-xml-parser: element names resolved to Clark notation,
// failures returned as values, no DOCTYPE or entity processing beyond the five XML built-ins.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NS, clark } from './namespaces.ts';

export interface XmlAttribute {
  /** Clark name; attributes without a prefix are in no namespace (Namespaces in XML §6.2). */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export interface XmlElement {
  readonly kind: 'element';
  /** Clark name, e.g. "{urn:ietf:params:xml:ns:caldav}calendar-query". */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  /** The prefix as written (undefined for an unprefixed name); for messages only, never for matching. */
  readonly prefix?: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  readonly root: XmlElement;
  /** Every namespace URI declared anywhere in the document, in order of first declaration. */
  readonly declaredNamespaces: readonly string[];
  /** A DOCTYPE was present; it was ignored (no entity from it was expanded). */
  readonly hasDoctype: boolean;
}

export interface XmlError {
  readonly message: string;
  readonly line?: number;
}

export type XmlParseResult = { readonly ok: true; readonly doc: XmlDocument } | { readonly ok: false; readonly error: XmlError };

/** Deep enough for any DAV body (multistatus > response > propstat > prop > value > ...), small enough to stop nesting bombs. */
export const MAX_XML_DEPTH = 128;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

// processEntities off: entity references stay literal and we decode only the five built-ins and
// character references ourselves, so DOCTYPE-declared entities can never expand.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  allowBooleanAttributes: false,
  maxNestedTags: MAX_XML_DEPTH,
});

const BUILTIN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return BUILTIN[ref] ?? whole;
  });
}

/**
 * Blanks out a DOCTYPE declaration (keeping newlines so error lines stay right): the parser under us
 * would otherwise read its entity declarations, and throws on external ones.
 */
function stripDoctype(text: string): { text: string; found: boolean } {
  const start = text.indexOf('<!DOCTYPE');
  if (start === -1) return { text, found: false };
  let i = start + 9;
  let quote = '';
  let subset = false;
  let end = -1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (subset && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) break;
      i = close + 2;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') subset = true;
    else if (ch === ']') subset = false;
    else if (ch === '>' && !subset) {
      end = i;
      break;
    }
  }
  if (end === -1) return { text, found: true };
  const blank = text.slice(start, end + 1).replace(/[^\n]/g, ' ');
  return { text: text.slice(0, start) + blank + text.slice(end + 1), found: true };
}

type Raw = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

class NamespaceError extends Error {}

function nameOf(node: Raw): string | undefined {
  for (const k in node) if (k !== ATTRS) return k;
  return undefined;
}

function resolveElement(node: Raw, tag: string, parentScope: Scope, declared: Set<string>, depth: number): XmlElement {
  if (depth > MAX_XML_DEPTH) throw new NamespaceError(`nesting deeper than ${MAX_XML_DEPTH} elements`);
  const rawAttrs = (node[ATTRS] ?? {}) as Record<string, string>;
  let scope: Map<string, string> | undefined;
  const plain: [string, string][] = [];
  for (const key in rawAttrs) {
    const value = decodeEntities(String(rawAttrs[key]));
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      scope ??= new Map(parentScope);
      const prefix = key === 'xmlns' ? '' : key.slice(6);
      if (prefix !== '' && value === '') throw new NamespaceError(`the prefix "${prefix}" is undeclared with an empty URI (not allowed in XML 1.0)`);
      scope.set(prefix, value);
      if (value !== '') declared.add(value);
    } else plain.push([key, value]);
  }
  const s: Scope = scope ?? parentScope;
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? undefined : tag.slice(0, colon);
  const local = colon === -1 ? tag : tag.slice(colon + 1);
  const ns = prefix === undefined ? (s.get('') ?? '') : s.get(prefix);
  if (ns === undefined) throw new NamespaceError(`the prefix "${prefix}" of <${tag}> is not declared`);
  const attributes: XmlAttribute[] = plain.map(([key, value]) => {
    const c = key.indexOf(':');
    if (c === -1) return { name: key, ns: '', local: key, value };
    const p = key.slice(0, c);
    const l = key.slice(c + 1);
    const ans = s.get(p);
    if (ans === undefined) throw new NamespaceError(`the prefix "${p}" of attribute ${key} on <${tag}> is not declared`);
    return { name: clark(ans, l), ns: ans, local: l, value };
  });
  const children: XmlNode[] = [];
  const kids = node[tag] as Raw[] | undefined;
  if (kids) {
    for (const kid of kids) {
      const kidName = nameOf(kid);
      if (kidName === undefined) continue;
      if (kidName === TEXT) {
        const text = decodeEntities(String(kid[TEXT]));
        if (text !== '') children.push({ kind: 'text', text });
      } else if (kidName === CDATA) {
        const inner = kid[CDATA] as Raw[];
        const text = inner.map((t) => String(t[TEXT] ?? '')).join('');
        if (text !== '') children.push({ kind: 'text', text });
      } else children.push(resolveElement(kid, kidName, s, declared, depth + 1));
    }
  }
  return { kind: 'element', name: clark(ns, local), ns, local, prefix, attributes, children };
}

const ROOT_SCOPE: Scope = new Map([['xml', NS.XML]]);

/** Parses XML text. Never throws: malformed input, undeclared prefixes and excessive nesting are error values. */
export function parseXml(input: string): XmlParseResult {
  try {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (text.trim() === '') return { ok: false, error: { message: 'empty body: an XML document needs a root element' } };
    const stripped = stripDoctype(text);
    const valid = XMLValidator.validate(stripped.text, { allowBooleanAttributes: false });
    if (valid !== true) return { ok: false, error: { message: valid.err.msg, line: valid.err.line } };
    const top = parser.parse(stripped.text) as Raw[];
    let root: { node: Raw; tag: string } | undefined;
    for (const node of top) {
      const tag = nameOf(node);
      if (tag === undefined) continue;
      if (tag === TEXT || tag === CDATA) {
        if (tag === CDATA || String(node[TEXT]).trim() !== '') return { ok: false, error: { message: 'text outside the root element' } };
        continue;
      }
      if (root) return { ok: false, error: { message: `more than one root element (<${root.tag}> and <${tag}>)` } };
      root = { node, tag };
    }
    if (!root) return { ok: false, error: { message: 'no root element' } };
    // The parser drops text after the root silently; XML 1.0 §2.1 allows only misc (space, comments, PIs) there.
    if (stripped.text.slice(stripped.text.lastIndexOf('>') + 1).trim() !== '') return { ok: false, error: { message: 'text outside the root element' } };
    const declared = new Set<string>();
    const el = resolveElement(root.node, root.tag, ROOT_SCOPE, declared, 1);
    return { ok: true, doc: { root: el, declaredNamespaces: [...declared], hasDoctype: stripped.found } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { message: /nested tags/i.test(message) ? `nesting deeper than ${MAX_XML_DEPTH} elements` : message } };
  }
}
