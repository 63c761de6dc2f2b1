// The referee of our XML scanner: fast-xml-parser, a well-kept reference parser (a devDependency,
// never shipped), reads the same bodies and both trees are compared by meaning: element and
// attribute names resolved to namespace URIs (the prefixes resolved here, on the reference side),
// attribute values, and text. Bodies: every XML body the corpus and the demo recorded, hundreds of
// fuzzed ones, the hostile shapes of the fuzz tests, and hand-written edge cases.
//
// How the two sides are made comparable (each line a promise our scanner makes):
// - comments and processing instructions are not content; CDATA is text; adjacent texts merge;
// - line ends are normalised to LF (XML 1.0 §2.11; the reference leaves CR in place);
// - xmlns declarations are not attributes (Namespaces in XML §3);
// - a DOCTYPE is skipped and its entities never expand (our scanner's security stance).
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseXml } from '../../../../rules/parse/xml/scan.ts';
import type { XmlElement } from '../../../../rules/parse/xml/tree.ts';
import { loadRecordedSessions, fuzzSession } from '../../../fuzz/generators.ts';
import { Rng } from '../../../fuzz/prng.ts';
import { deepXml, manyAttributes, namespaceFlood, manyResponses, XINCLUDE } from '../../../fuzz/hostile.ts';

/** A tree both parsers can be reduced to. */
interface Node {
  readonly name: string;
  readonly attrs: string[];
  readonly children: (Node | string)[];
}

const reference = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  // Without it the reference leaves numeric character references (&#x41;) undecoded.
  htmlEntities: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const eol = (s: string) => s.replace(/\r\n?/g, '\n');

function mergeTexts(children: (Node | string)[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  for (const c of children) {
    if (typeof c === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += c;
    else out.push(c);
  }
  return out.filter((c) => c !== '');
}

function ours(el: XmlElement): Node {
  return {
    name: el.name,
    attrs: el.attributes.map((a) => `${a.name}=${a.value}`).sort(),
    children: mergeTexts(el.children.map((c) => (c.kind === 'text' ? c.text : ours(c)))),
  };
}

type Raw = Record<string, unknown>;
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The reference's preserveOrder output, prefixes resolved with the xmlns declarations in scope. */
function theirs(entry: Raw, scope: Map<string, string>): Node {
  const tag = Object.keys(entry).find((k) => k !== ':@')!;
  const attrs = (entry[':@'] ?? {}) as Record<string, string>;
  const inner = new Map(scope);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns') inner.set('', v);
    else if (k.startsWith('xmlns:')) inner.set(k.slice(6), v);
  }
  const resolve = (qname: string, isAttribute: boolean): string => {
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    if (prefix === '' && isAttribute) return local; // unprefixed attributes are in no namespace
    if (prefix === 'xml') return `{http://www.w3.org/XML/1998/namespace}${local}`;
    const ns = inner.get(prefix);
    if (ns === undefined) throw new Error(`undeclared prefix ${prefix}`);
    return ns === '' ? local : `{${ns}}${local}`;
  };
  const children: (Node | string)[] = [];
  for (const c of entry[tag] as Raw[]) {
    if ('#text' in c) children.push(eol(String(c['#text'])));
    else if ('#cdata' in c) children.push(eol((c['#cdata'] as Raw[]).map((t) => String(t['#text'] ?? '')).join('')));
    else if ('#comment' in c) continue;
    else children.push(theirs(c, inner));
  }
  return {
    name: resolve(tag, false),
    attrs: Object.entries(attrs)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
      .map(([k, v]) => `${resolve(k, true)}=${eol(v)}`)
      .sort(),
    children: mergeTexts(children),
  };
}

type Verdict = { ok: true; tree: Node } | { ok: false; why: string };

function referee(text: string): Verdict {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, why: valid.err.msg };
  try {
    const top = (reference.parse(text) as Raw[]).filter((e) => !('#text' in e) && !('#comment' in e));
    if (top.length !== 1) return { ok: false, why: `${top.length} root elements` };
    return { ok: true, tree: theirs(top[0]!, new Map([['', ''], ['xmlns', XMLNS]])) };
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
}

function scanner(text: string): Verdict {
  const r = parseXml(text);
  return r.ok ? { ok: true, tree: ours(r.doc.root) } : { ok: false, why: r.error.message };
}

/**
 * Differences that are the reference's, or deliberate on our side, each with its reason. A case
 * lands here only by matching one of these, never by a blanket skip.
 */
const KNOWN: { readonly why: string; readonly test: (text: string, ourSide: Verdict, theirSide: Verdict) => boolean }[] = [
  {
    why: 'a DOCTYPE: we skip it and expand none of its entities (no XXE, no billion laughs); the reference validates or expands differently',
    test: (t) => /<!DOCTYPE/i.test(t),
  },
  {
    why: 'text after the root element: not well-formed (XML 1.0 §2.1, document ::= prolog element Misc*); the reference\'s validator lets it through, we refuse it',
    test: (_t, o, r) => !o.ok && r.ok && /text outside the root element/.test(o.why),
  },
  {
    why: 'a prefix bound to the empty URI: Namespaces in XML 1.0 §3 forbids it (only 1.1 allows undeclaring a prefix); the reference does not check, we refuse it',
    test: (_t, o, r) => !o.ok && r.ok && /undeclared with an empty URI/.test(o.why),
  },
];

function compare(text: string): string | undefined {
  const o = scanner(text);
  const r = referee(text);
  if (o.ok && r.ok) {
    const a = JSON.stringify(o.tree);
    const b = JSON.stringify(r.tree);
    if (a === b) return undefined;
    if (KNOWN.some((k) => k.test(text, o, r))) return undefined;
    return `trees differ\n  ours:      ${a.slice(0, 400)}\n  reference: ${b.slice(0, 400)}`;
  }
  if (o.ok === r.ok) return undefined;
  if (KNOWN.some((k) => k.test(text, o, r))) return undefined;
  return o.ok ? `we accept what the reference refuses (${(r as { why: string }).why})` : `we refuse (${(o as { why: string }).why}) what the reference accepts`;
}

const EDGE_CASES: [string, string][] = [
  ['a namespace redeclared in a child', '<D:a xmlns:D="DAV:"><D:b xmlns:D="urn:other"><D:c/></D:b><D:d/></D:a>'],
  ['a default namespace undeclared with xmlns=""', '<a xmlns="DAV:"><b xmlns=""><c/></b><d/></a>'],
  ['prefixed and unprefixed attributes', '<a xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" x="1" C:y="2"/>'],
  ['CDATA beside text', '<a>before<![CDATA[<b>&amp;</b>]]>after</a>'],
  ['comments and processing instructions', '<?xml version="1.0"?><!-- top --><a><?pi data?><!-- in -->x</a><!-- end -->'],
  ['character and entity references', '<a t="&lt;&#x41;&#65;&quot;">&amp;&lt;&gt;&apos;&#233;&#x1F600;</a>'],
  ['UTF-8 text', '<a xmlns="DAV:"><b>Café ☕ 日本</b></a>'],
  ['self-closing tags with spaces', '<a ><b /><c\n/><d\tx = "1" /></a >'],
  ['CRLF line ends', '<a>\r\n<b>x\r\ny</b>\r\n</a>'],
  ['whitespace-only text between elements', '<D:multistatus xmlns:D="DAV:">\n  <D:response>\n    <D:href>/a/</D:href>\n  </D:response>\n</D:multistatus>'],
  ['the xml prefix', '<a xml:lang="en"/>'],
  ['mismatched end tag', '<a><b></a></b>'],
  ['two roots', '<a/><b/>'],
  ['text after the root', '<a/>junk'],
  ['an unclosed element', '<a><b>'],
  ['a duplicate attribute', '<a x="1" x="2"/>'],
  ['an undeclared prefix', '<C:a/>'],
];

describe('the XML scanner refereed by fast-xml-parser', async () => {
  const recorded = new Set<string>();
  const fuzzed: string[] = [];
  const sessions = await loadRecordedSessions();
  const xmlOf = (ex: { request: { body: unknown }; response?: { body: unknown } }) =>
    [ex.request.body, ex.response?.body].flatMap((b) => {
      const body = b as { kind: string; bytes?: Uint8Array; decoded?: Uint8Array; truncated?: boolean };
      if (body?.kind !== 'captured' || body.truncated) return [];
      const text = new TextDecoder().decode(body.decoded ?? body.bytes);
      return /^\s*(<\?xml|<[A-Za-z])/.test(text) ? [text] : [];
    });
  for (const session of sessions) for (const ex of session) for (const t of xmlOf(ex)) recorded.add(t);
  const rng = new Rng(20261205);
  for (let i = 0; i < 400 && fuzzed.length < 2000; i++) for (const ex of fuzzSession(rng, sessions, 0.9).exchanges) fuzzed.push(...xmlOf(ex));
  const hostile = [deepXml(60, true), deepXml(60, false), manyAttributes(200), namespaceFlood(200), manyResponses(50, true), XINCLUDE];

  it(`has bodies to referee (${recorded.size} recorded, ${fuzzed.length} fuzzed)`, () => {
    expect(recorded.size).toBeGreaterThan(50);
    expect(fuzzed.length).toBeGreaterThan(300);
  });

  for (const [name, text] of EDGE_CASES) {
    it(`agrees on ${name}`, () => {
      expect(compare(text)).toBeUndefined();
    });
  }

  it('agrees on every recorded XML body', () => {
    const differ = [...recorded].flatMap((t) => {
      const d = compare(t);
      return d ? [`${JSON.stringify(t.slice(0, 200))}: ${d}`] : [];
    });
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('agrees on every fuzzed and hostile body', () => {
    let refusedByBoth = 0;
    const differ = [...fuzzed, ...hostile].flatMap((t) => {
      if (!scanner(t).ok && !referee(t).ok) refusedByBoth++;
      const d = compare(t);
      return d ? [`${JSON.stringify(t.slice(0, 200))}: ${d}`] : [];
    });
    expect(differ.slice(0, 5)).toEqual([]);
    // The fuzz must break some bodies, or it tests only the happy path.
    expect(refusedByBoth).toBeGreaterThan(10);
  });
});
