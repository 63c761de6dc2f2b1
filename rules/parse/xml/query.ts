// Small look-ups over a parsed XML tree by Clark name, so rules read like the RFC body shapes.
import type { XmlElement } from './tree.ts';

/** Element children, optionally only those with the given Clark name. */
// Index loops throughout: for-of allocated an iterator result per child where the loop was not
// optimised (recursion, megamorphic callers), a visible share of the garbage.
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
  }
  return out;
}

/** The first child element with that Clark name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element' && c.name === name) return c;
  }
  return undefined;
}

/** Follows a path of Clark names through first matches: path(root, dav('set'), dav('prop')). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** All text below the element, in document order (CDATA included). */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  const children = el.children;
  // The common case, one text child, without concatenating.
  if (children.length === 1 && children[0]!.kind === 'text') return children[0]!.text;
  let out = '';
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    out += c.kind === 'text' ? c.text : textOf(c);
  }
  return out;
}

/** The value of an attribute by Clark name (a plain name for unprefixed attributes). */
export function attr(el: XmlElement, name: string): string | undefined {
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) if (attributes[i]!.name === name) return attributes[i]!.value;
  return undefined;
}

/** Every descendant element (not the element itself) with that Clark name, in document order. */
export function descendants(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  collect(el, name, out);
  return out;
}

// Recursion is bounded by the parser's MAX_XML_DEPTH, and allocates nothing per node.
function collect(el: XmlElement, name: string | undefined, out: XmlElement[]): void {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind !== 'element') continue;
    if (name === undefined || c.name === name) out.push(c);
    collect(c, name, out);
  }
}

/** Every element including the root, in document order, each with its parent. */
export function walk(el: XmlElement, visit: (node: XmlElement, parent: XmlElement | undefined) => void): void {
  visit(el, undefined);
  visitBelow(el, visit);
}

function visitBelow(el: XmlElement, visit: (node: XmlElement, parent: XmlElement | undefined) => void): void {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind !== 'element') continue;
    visit(c, el);
    visitBelow(c, visit);
  }
}
