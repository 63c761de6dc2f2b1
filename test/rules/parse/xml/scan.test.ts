// Unit tests of the namespace-aware XML layer: names, scopes, failures as values, entity safety.
import { describe, expect, it } from 'vitest';
import { parseXml, MAX_XML_DEPTH } from '../../../../rules/parse/xml/scan.ts';
import type { XmlDocument, XmlParseResult } from '../../../../rules/parse/xml/tree.ts';
import { NS, caldav, dav, splitClark, clark } from '../../../../rules/parse/xml/namespaces.ts';
import { attr, child, childElements, descendants, path, textOf, walk } from '../../../../rules/parse/xml/query.ts';
import { growth, LINEAR } from '../../../harness/growth.ts';

function ok(result: XmlParseResult): XmlDocument {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result.doc;
}

describe('parseXml names', () => {
  it('resolves a prefixed root to Clark notation', () => {
    const doc = ok(parseXml('<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav"/>'));
    expect(doc.root.name).toBe('{urn:ietf:params:xml:ns:caldav}calendar-query');
    expect(doc.root.prefix).toBe('C');
    expect(doc.root.local).toBe('calendar-query');
  });

  it('resolves a default namespace for unprefixed elements', () => {
    const doc = ok(parseXml('<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'));
    expect(doc.root.name).toBe('{DAV:}propfind');
    expect(path(doc.root, dav('prop'), dav('getetag'))?.name).toBe('{DAV:}getetag');
  });

  it('matches the same element written with a prefix and with a default namespace', () => {
    const a = ok(parseXml('<D:multistatus xmlns:D="DAV:"><D:response/></D:multistatus>'));
    const b = ok(parseXml('<multistatus xmlns="DAV:"><response/></multistatus>'));
    const c = ok(parseXml('<x:multistatus xmlns:x="DAV:"><x:response/></x:multistatus>'));
    expect(a.root.name).toBe(b.root.name);
    expect(c.root.name).toBe(b.root.name);
    expect(childElements(a.root)[0]!.name).toBe(childElements(c.root)[0]!.name);
  });

  it('tells apart the same local name in two namespaces', () => {
    const doc = ok(
      parseXml(
        '<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:prop/><D:prop/></D:prop></D:propfind>',
      ),
    );
    const names = childElements(child(doc.root, dav('prop'))!).map((e) => e.name);
    expect(names).toEqual([caldav('prop'), dav('prop')]);
  });

  it('scopes a redeclared prefix to the element that redeclares it', () => {
    const doc = ok(parseXml('<a:x xmlns:a="urn:one"><a:y xmlns:a="urn:two"><a:z/></a:y><a:w/></a:x>'));
    const [y, w] = childElements(doc.root);
    expect(y!.name).toBe('{urn:two}y');
    expect(childElements(y!)[0]!.name).toBe('{urn:two}z');
    expect(w!.name).toBe('{urn:one}w');
  });

  it('scopes a default namespace and lets xmlns="" undeclare it', () => {
    const doc = ok(parseXml('<a xmlns="urn:one"><b xmlns=""><c/></b><d/></a>'));
    const [b, d] = childElements(doc.root);
    expect(b!.name).toBe('b');
    expect(b!.ns).toBe('');
    expect(childElements(b!)[0]!.name).toBe('c');
    expect(d!.name).toBe('{urn:one}d');
  });

  it('leaves unprefixed elements in no namespace when no default is declared', () => {
    const doc = ok(parseXml('<propfind><prop/></propfind>'));
    expect(doc.root.name).toBe('propfind');
    expect(doc.root.ns).toBe('');
  });

  it('resolves the xml: prefix without a declaration', () => {
    const doc = ok(parseXml('<C:calendar-description xmlns:C="urn:ietf:params:xml:ns:caldav" xml:lang="en">Work</C:calendar-description>'));
    expect(attr(doc.root, `{${NS.XML}}lang`)).toBe('en');
  });

  it('gives unprefixed attributes no namespace and prefixed ones their URI', () => {
    const doc = ok(parseXml('<C:comp xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:x="urn:x" name="VEVENT" x:flag="1"/>'));
    expect(attr(doc.root, 'name')).toBe('VEVENT');
    expect(attr(doc.root, '{urn:x}flag')).toBe('1');
    expect(doc.root.attributes.map((a) => a.name)).toEqual(['name', '{urn:x}flag']);
  });

  it('lists the declared namespaces of the whole document', () => {
    const doc = ok(parseXml('<D:a xmlns:D="DAV"><b xmlns="urn:x"/></D:a>'));
    expect(doc.declaredNamespaces).toEqual(['DAV', 'urn:x']);
  });

  it('keeps child order and text', () => {
    const doc = ok(parseXml('<D:r xmlns:D="DAV:"><D:href>/a/</D:href>mid<D:status>HTTP/1.1 200 OK</D:status></D:r>'));
    expect(doc.root.children.map((c) => (c.kind === 'text' ? `#${c.text}` : c.local))).toEqual(['href', '#mid', 'status']);
    expect(textOf(child(doc.root, dav('href')))).toBe('/a/');
  });

  it('keeps text exactly, spaces included, and reads CDATA as text', () => {
    const doc = ok(parseXml('<C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav"> BEGIN:VCALENDAR\r\n<![CDATA[<&>]]></C:calendar-data>'));
    expect(textOf(doc.root)).toBe(' BEGIN:VCALENDAR\n<&>');
  });
});

describe('parseXml entities', () => {
  it('decodes the five built-in entities and character references in text and attributes', () => {
    const doc = ok(parseXml('<a t="&lt;&quot;&apos;&#65;&#x42;">&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos; &#233;&#x20AC;</a>'));
    expect(textOf(doc.root)).toBe('<b> & "q" \'s\' é€');
    expect(attr(doc.root, 't')).toBe('<"\'AB');
  });

  it('does not expand entities declared in a DOCTYPE (billion laughs)', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>';
    const doc = ok(parseXml(lol));
    expect(doc.hasDoctype).toBe(true);
    expect(textOf(doc.root)).toBe('&lol2;');
  });

  it('does not resolve external entities and does not fail on them', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<D:propfind xmlns:D="DAV:"><D:prop>&xxe;</D:prop></D:propfind>';
    const doc = ok(parseXml(xxe));
    expect(doc.hasDoctype).toBe(true);
    expect(doc.root.name).toBe('{DAV:}propfind');
    expect(textOf(doc.root)).toBe('&xxe;');
  });

  it('reports no DOCTYPE on an ordinary document', () => {
    expect(ok(parseXml('<a/>')).hasDoctype).toBe(false);
  });

  it('skips the XML declaration and a byte order mark', () => {
    const doc = ok(parseXml('\ufeff<?xml version="1.0" encoding="utf-8"?>\n<D:a xmlns:D="DAV:"/>'));
    expect(doc.root.name).toBe('{DAV:}a');
  });
});

describe('parseXml failures are values', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty body', '', /empty/],
    ['whitespace only', '  \n', /empty/],
    ['mismatched tags', '<a>\n<b></a>', /closing tag/i],
    ['a second XML declaration', '<?xml version="1.0"?>\n<?xml version="1.0"?>\n<a/>', /XML declaration is allowed only at the very start/],
    ['an XML declaration after white space', '\n<?xml version="1.0"?><a/>', /XML declaration is allowed only at the very start/],
    ['an unescaped ampersand', '<D:displayname xmlns:D="DAV:">Tom & Jerry</D:displayname>', /&/],
    ['an unescaped less-than', '<a>1 < 2</a>', /./],
    ['two root elements', '<a/><b/>', /more than one root/],
    ['text after the root', '<a/>trailing', /./],
    ['an undeclared element prefix', '<D:propfind/>', /prefix "D".*not declared/],
    ['an undeclared attribute prefix', '<a x:y="1"/>', /prefix "x".*not declared/],
    ['a repeated attribute', '<a x="1" x="2"/>', /repeated/],
    ['an unclosed element', '<a><b>', /./],
    ['plain text', 'Bad Request', /./],
    // Found by the fast-xml-parser referee (scan-xml.differential.test.ts); libxml2 refuses both too.
    ['an XML declaration repeated after the first', '<?xml version="1.0"?>\n<?xml version="1.0"?><a/>', /XML declaration.*start/],
    ['an XML declaration after leading whitespace', ' <?xml version="1.0"?><a/>', /XML declaration.*start/],
    ['an XML declaration inside the root', '<a><?XML version="1.0"?></a>', /XML declaration.*start/],
    ['a second DOCTYPE', '<!DOCTYPE a SYSTEM "x"><!DOCTYPE a [<!ENTITY e "e">]><a/>', /second DOCTYPE/],
    ['an element name with two colons', '<a:b:c xmlns:a="urn:a"/>', /not a qualified name/],
    ['an element name with an empty prefix', '<:a xmlns="urn:a"/>', /not a qualified name/],
    ['an attribute name with an empty local part', '<a xmlns:p="urn:p" p:="1"/>', /not a qualified name/],
    ['a namespace declaration with an empty prefix', '<a xmlns:="urn:a"/>', /not a qualified name/],
    ['a character reference to a control character', '<a>&#1;</a>', /invalid character reference/],
    ['a character reference to U+FFFE', '<a t="&#xFFFE;"/>', /invalid character reference/],
  ];
  for (const [what, text, pattern] of cases) {
    it(`returns an error for ${what}`, () => {
      const result = parseXml(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(pattern);
    });
  }

  it('still reads processing instructions whose target only begins with xml', () => {
    const doc = ok(parseXml('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><a><?xmlfoo x?></a>'));
    expect(doc.root.name).toBe('a');
  });

  it('gives the line of a mismatched tag', () => {
    const result = parseXml('<a>\n<b>\n</a>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(3);
  });

  it('refuses nesting deeper than the bound', () => {
    const deep = '<a>'.repeat(MAX_XML_DEPTH + 5) + '</a>'.repeat(MAX_XML_DEPTH + 5);
    const result = parseXml(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/nest/);
  });

  it('survives a very deep document without a stack overflow', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(parseXml(deep).ok).toBe(false);
  });

  it('accepts nesting at the bound minus a little', () => {
    const n = MAX_XML_DEPTH - 2;
    expect(parseXml('<a>'.repeat(n) + '</a>'.repeat(n)).ok).toBe(true);
  });
});

describe('parseXml on hostile sizes (found by the engine fuzz test)', () => {
  it('parses 20,000 attributes on one element in linear time, and still refuses a repeated one', () => {
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ');
    const attrs = attributes(20_000);
    expect(ok(parseXml(`<D:prop xmlns:D="DAV:" ${attrs}/>`)).root.attributes).toHaveLength(20_000);
    const ratio = growth((n) => `<D:prop xmlns:D="DAV:" ${attributes(n)}/>`, (text) => void parseXml(text), 10_000);
    expect(ratio, `time at 20,000 attributes / at 10,000: ${ratio.toFixed(2)}`).toBeLessThan(LINEAR);
    const repeated = parseXml(`<D:prop xmlns:D="DAV:" ${attrs} a19999="again"/>`);
    expect(repeated.ok ? '' : repeated.error.message).toMatch(/attribute a19999 repeated/);
  });

  it('parses 10,000 namespace declarations and 10,000 children declaring one more each, in linear time', () => {
    const body = (n: number) => {
      const decls = Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:p:${i}"`).join(' ');
      const kids = Array.from({ length: n }, (_, i) => `<q${i}:x xmlns:q${i}="urn:q:${i}" p${i}:a="v"/>`).join('');
      return `<D:prop xmlns:D="DAV:" ${decls}>${kids}<D:x xmlns:D="urn:shadow"><p7:y/></D:x><D:z/></D:prop>`;
    };
    const root = ok(parseXml(body(10_000))).root;
    const ratio = growth(body, (text) => void parseXml(text), 5_000);
    expect(ratio, `time at 10,000 declarations / at 5,000: ${ratio.toFixed(2)}`).toBeLessThan(LINEAR);
    const elements = childElements(root);
    expect(elements[9_999]!.name).toBe('{urn:q:9999}x');
    expect(elements[9_999]!.attributes[0]!.name).toBe('{urn:p:9999}a');
    // A redeclared prefix shadows the outer one inside, and only inside, the redeclaring element.
    expect(elements[10_000]!.name).toBe('{urn:shadow}x');
    expect(childElements(elements[10_000]!)[0]!.name).toBe('{urn:p:7}y');
    expect(elements[10_001]!.name).toBe('{DAV:}z');
  });
});

describe('query helpers', () => {
  const doc = ok(
    parseXml(
      '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/1</D:href></D:response><D:response><D:href>/2</D:href></D:response><D:sync-token>t</D:sync-token></D:multistatus>',
    ),
  );

  it('finds children by Clark name', () => {
    expect(childElements(doc.root, dav('response'))).toHaveLength(2);
    expect(child(doc.root, dav('sync-token'))?.local).toBe('sync-token');
    expect(child(doc.root, caldav('sync-token'))).toBeUndefined();
  });

  it('finds descendants in document order', () => {
    expect(descendants(doc.root, dav('href')).map((e) => textOf(e))).toEqual(['/1', '/2']);
  });

  it('walks every element with its parent', () => {
    const seen: string[] = [];
    walk(doc.root, (el, parent) => seen.push(`${parent?.local ?? '-'}>${el.local}`));
    expect(seen).toEqual(['->multistatus', 'multistatus>response', 'response>href', 'multistatus>response', 'response>href', 'multistatus>sync-token']);
  });

  it('splits and builds Clark names', () => {
    expect(splitClark('{DAV:}href')).toEqual({ ns: 'DAV:', local: 'href' });
    expect(splitClark('plain')).toEqual({ ns: '', local: 'plain' });
    expect(clark('', 'x')).toBe('x');
  });
});
