// The referee for our XML scanner (rules/parse/xml/scan.ts): fast-xml-parser (a devDependency, never
// shipped) reads the same text, and both trees are reduced to one normalised shape to compare.
//
// fast-xml-parser knows neither namespaces nor (with processEntities off, which keeps it from
// expanding DOCTYPE entities) references, so this side adds, written from the specs and not from our
// scanner:
// - Namespaces in XML 1.0: xmlns and xmlns:p declarations scoped to the element and its descendants,
//   a default namespace that xmlns="" undeclares, the predeclared xml prefix, unprefixed attributes in
//   no namespace; an undeclared prefix, xmlns:p="" and a malformed QName (":a", "a:", "a:b:c") are
//   errors. (Two attributes whose names resolve to the same URI and local name are not checked here:
//   our scanner does not check it either, and neither claims to.)
// - References (XML 1.0 §4.1, §4.6): the five built-in entities and character references are decoded;
//   a character reference must name a Char (§2.2, WFC: Legal Character); any other well-formed
//   &name; stays as written, which is the scanner's documented policy for entities it will not expand
//   (DOCTYPE-declared or not); an "&" that starts no reference is an error.
//
// The normalised tree: an element is (namespace URI, local name), its attributes sorted by resolved
// name {ns}local with their values, and its children in order; text is compared exactly, spaces and
// whitespace-only runs included (our scanner promises text "exactly, spaces included"), after merging
// adjacent runs: CDATA is text (its content verbatim, no references decoded), and comments and
// processing instructions vanish, so "a<!--c-->b" and "a<![CDATA[b]]>" read as one text "ab".
// Line ends read as LF (§2.11) in both (fast-xml-parser normalises the whole document first); a CR
// written as &#13; stays a CR.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement, XmlParseResult } from '../../../../rules/parse/xml/tree.ts';

export interface NElement {
  readonly ns: string;
  readonly local: string;
  /** [resolved name {ns}local or local, value], sorted by name. */
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly NNode[];
}
export type NNode = NElement | string;

export type Verdict = { readonly ok: true; readonly root: NElement } | { readonly ok: false; readonly error: string };

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const clark = (ns: string, local: string): string => (ns === '' ? local : `{${ns}}${local}`);
const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Appends a child, merging adjacent text and dropping empty text. */
function push(out: NNode[], node: NNode): void {
  if (typeof node === 'string') {
    if (node === '') return;
    const last = out.length - 1;
    if (last >= 0 && typeof out[last] === 'string') {
      out[last] = (out[last] as string) + node;
      return;
    }
  }
  out.push(node);
}

// ---------- our scanner's tree, normalised ----------

export function normaliseOurs(result: XmlParseResult): Verdict {
  if (!result.ok) return { ok: false, error: result.error.message };
  return { ok: true, root: fromOurs(result.doc.root) };
}

function fromOurs(el: XmlElement): NElement {
  const attrs = el.attributes.map((a) => [a.name, a.value] as const).sort(byName);
  const children: NNode[] = [];
  for (const c of el.children) push(children, c.kind === 'text' ? c.text : fromOurs(c));
  return { ns: el.ns, local: el.local, attrs, children };
}

// ---------- the reference: fast-xml-parser, then namespaces and references ----------

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Off: it would expand DOCTYPE-declared entities (and, oddly, not character references unless
  // htmlEntities is on); references are decoded below instead, by the spec.
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Its default (100) is a bound of its own; our scanner's is MAX_XML_DEPTH, classified in the test.
  maxNestedTags: 1_000_000,
});

class ReferenceError_ extends Error {}

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** XML 1.0 §2.3 Name. */
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const BUILTIN: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 §2.2 Char. */
const isChar = (c: number): boolean => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** Decodes references by XML 1.0 §4.1 (see the header for entities other than the five). */
export function decodeReferences(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const a = s.indexOf('&', i);
    if (a === -1) return out + s.slice(i);
    out += s.slice(i, a);
    const semi = s.indexOf(';', a);
    if (semi === -1) throw new ReferenceError_(`an "&" that starts no reference at ${a}`);
    const ref = s.slice(a + 1, semi);
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (num) {
      const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2]!, 10);
      if (!isChar(code)) throw new ReferenceError_(`the character reference &${ref}; names no XML Char`);
      out += String.fromCodePoint(code);
    } else if (NAME.test(ref)) {
      out += BUILTIN[ref] ?? `&${ref};`;
    } else throw new ReferenceError_(`an "&" that starts no reference (&${ref.slice(0, 20)};)`);
    i = semi + 1;
  }
}

type FxpNode = Record<string, unknown>;

/** NCName:NCName or NCName (Namespaces in XML 1.0 §4), split. */
function qname(name: string, what: string): [prefix: string | undefined, local: string] {
  const parts = name.split(':');
  if (parts.length === 1) return [undefined, name];
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new ReferenceError_(`${what} ${name} is not a QName`);
  return [parts[0], parts[1]!];
}

function lookup(scopes: readonly Map<string, string>[], prefix: string): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const ns = scopes[i]!.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

/** An element of fast-xml-parser's tree, opened: its own declarations pushed on scopes. */
function open(node: FxpNode, scopes: Map<string, string>[]): { tag: string; ns: string; local: string; attrs: [string, string][] } {
  const tag = Object.keys(node).find((k) => k !== ':@')!;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map<string, string>();
  const plain: [string, string][] = [];
  for (const [key, raw] of Object.entries(rawAttrs)) {
    const value = decodeReferences(raw);
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) {
      const prefix = key.slice(6);
      if (value === '') throw new ReferenceError_(`xmlns:${prefix}="" (undeclaring a prefix is not XML 1.0)`);
      scope.set(prefix, value);
    } else plain.push([key, value]);
  }
  scopes.push(scope);
  const [prefix, local] = qname(tag, 'element');
  const ns = prefix === undefined ? (lookup(scopes, '') ?? '') : lookup(scopes, prefix);
  if (ns === undefined) throw new ReferenceError_(`the prefix "${prefix}" of <${tag}> is not declared`);
  const attrs = plain
    .map(([key, value]): [string, string] => {
      const [p, l] = qname(key, 'attribute');
      if (p === undefined) return [l, value];
      const ans = lookup(scopes, p);
      if (ans === undefined) throw new ReferenceError_(`the prefix "${p}" of attribute ${key} is not declared`);
      return [clark(ans, l), value];
    })
    .sort(byName);
  return { tag, ns, local, attrs };
}

/** The normalised tree of fast-xml-parser's, by an explicit stack: the fuzz bodies nest 10,000 deep. */
function fromReference(rootNode: FxpNode): NElement {
  const scopes = [new Map([['xml', XML_NS]])];
  interface Frame {
    readonly kids: FxpNode[];
    next: number;
    readonly el: { ns: string; local: string; attrs: [string, string][]; children: NNode[] };
  }
  const enter = (node: FxpNode): Frame => {
    const o = open(node, scopes);
    return { kids: node[o.tag] as FxpNode[], next: 0, el: { ns: o.ns, local: o.local, attrs: o.attrs, children: [] } };
  };
  const stack = [enter(rootNode)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.kids.length) {
      stack.pop();
      scopes.pop();
      if (stack.length === 0) return top.el;
      push(stack[stack.length - 1]!.el.children, top.el);
      continue;
    }
    const c = top.kids[top.next++]!;
    if ('#text' in c) push(top.el.children, decodeReferences(String(c['#text'])));
    else if ('#cdata' in c) for (const t of c['#cdata'] as FxpNode[]) push(top.el.children, String(t['#text'] ?? ''));
    else stack.push(enter(c));
  }
}

/** fast-xml-parser's verdict: its validator, its parse, then namespaces and references as above. */
export function reference(input: string): Verdict {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, error: `fast-xml-parser validator: ${valid.err.msg} (line ${valid.err.line})` };
  let tree: FxpNode[];
  try {
    tree = parser.parse(text) as FxpNode[];
  } catch (e) {
    return { ok: false, error: `fast-xml-parser parse: ${(e as Error).message}` };
  }
  // Its tree holds the root element and nothing else (declaration and PIs ignored, comments dropped,
  // whitespace around the root as text nodes).
  const elements = tree.filter((n) => !('#text' in n) && !('#cdata' in n));
  if (elements.length !== 1) return { ok: false, error: `fast-xml-parser: ${elements.length} root elements` };
  try {
    return { ok: true, root: fromReference(elements[0]!) };
  } catch (e) {
    if (e instanceof ReferenceError_) return { ok: false, error: `reference: ${e.message}` };
    throw e;
  }
}

// ---------- comparing ----------

const show = (n: NNode | undefined): string => (n === undefined ? 'nothing' : typeof n === 'string' ? `text ${JSON.stringify(n.length > 80 ? n.slice(0, 80) + '…' : n)}` : `<${clark(n.ns, n.local)}>`);

/** Where two normalised trees first differ, as a path and both sides; undefined when equal. */
export function firstDifference(a: NElement, b: NElement, path = ''): string | undefined {
  const here = `${path}/${clark(a.ns, a.local)}`;
  if (a.ns !== b.ns || a.local !== b.local) return `${path || '/'}: element ${show(a)} (ours) vs ${show(b)} (reference)`;
  const ka = JSON.stringify(a.attrs);
  const kb = JSON.stringify(b.attrs);
  if (ka !== kb) return `${here}: attributes ${ka.slice(0, 300)} (ours) vs ${kb.slice(0, 300)} (reference)`;
  const n = Math.max(a.children.length, b.children.length);
  for (let i = 0; i < n; i++) {
    const ca = a.children[i];
    const cb = b.children[i];
    if (typeof ca === 'object' && typeof cb === 'object') {
      const d = firstDifference(ca, cb, `${here}[${i}]`);
      if (d) return d;
    } else if (ca !== cb) return `${here}, child ${i}: ${show(ca)} (ours) vs ${show(cb)} (reference)`;
  }
  return undefined;
}
