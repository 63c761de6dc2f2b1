// An XML body pretty-printed from the parsed tree: indented, names coloured by namespace (matched on
// the URI, not the prefix), the elements a finding points at highlighted. Text only, never markup.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { XmlDocument, XmlElement, XmlNode } from '../../rules/parse/xml/tree.ts';
import { NS } from '../../rules/parse/xml/namespaces.ts';

function nsClass(ns: string): string {
  if (ns === NS.DAV) return 'dav';
  if (ns === NS.CALDAV) return 'caldav';
  return ns ? 'other' : 'none';
}

function qname(el: { prefix?: string; local: string }): string {
  return el.prefix ? `${el.prefix}:${el.local}` : el.local;
}

/** An element whose only children are short text prints on one line. */
function inlineText(el: XmlElement): string | undefined {
  if (el.children.length === 0) return '';
  if (el.children.every((c) => c.kind === 'text')) {
    const t = el.children.map((c) => (c as { text: string }).text).join('');
    if (t.length <= 120 && !t.includes('\n')) return t;
  }
  return undefined;
}

export class DsXmlView extends LitElement {
  static properties = { doc: { attribute: false }, highlight: { attribute: false } };
  declare doc: XmlDocument | undefined;
  /** Clark names of elements to highlight. */
  declare highlight: ReadonlySet<string> | undefined;

  static styles = css`
    :host { display: block; font-family: var(--mono); font-size: 12px; white-space: pre; overflow-x: auto; }
    .line { min-height: 16px; }
    .dav { color: var(--xml-dav); } .caldav { color: var(--xml-caldav); } .other { color: var(--xml-other); } .none { color: var(--fg); }
    .attr { color: var(--xml-attr); }
    .text { color: var(--fg); }
    .hl { background: var(--hl-bg); outline: 1px solid var(--warning); }
    .ns { color: var(--fg-dim); font-style: italic; }
  `;

  private lines: TemplateResult[] = [];

  private tag(el: XmlElement, close = false): TemplateResult {
    const cls = nsClass(el.ns);
    const title = `{${el.ns}}${el.local}`;
    if (close) return html`<span class=${cls} title=${title}>&lt;/${qname(el)}&gt;</span>`;
    return html`<span class=${cls} title=${title}>&lt;${qname(el)}</span>${el.attributes.map(
      (a) => html` <span class="attr">${a.local}</span>="<span class="text">${a.value}</span>"`,
    )}<span class=${cls}>&gt;</span>`;
  }

  private walk(node: XmlNode, depth: number): void {
    const pad = '  '.repeat(depth);
    if (node.kind === 'text') {
      const t = node.text.trim();
      if (t) this.lines.push(html`<div class="line">${pad}<span class="text">${t}</span></div>`);
      return;
    }
    const hl = this.highlight?.has(node.name) ? 'hl' : '';
    const inline = inlineText(node);
    if (inline !== undefined) {
      const title = `{${node.ns}}${node.local}`;
      this.lines.push(
        inline === ''
          ? html`<div class="line">${pad}<span class=${hl}><span class=${nsClass(node.ns)} title=${title}>&lt;${qname(node)}</span>${node.attributes.map(
              (a) => html` <span class="attr">${a.local}</span>="<span class="text">${a.value}</span>"`,
            )}<span class=${nsClass(node.ns)}>/&gt;</span></span></div>`
          : html`<div class="line">${pad}<span class=${hl}>${this.tag(node)}<span class="text">${inline}</span>${this.tag(node, true)}</span></div>`,
      );
      return;
    }
    this.lines.push(html`<div class="line">${pad}<span class=${hl}>${this.tag(node)}</span></div>`);
    for (const c of node.children) this.walk(c, depth + 1);
    this.lines.push(html`<div class="line">${pad}<span class=${hl}>${this.tag(node, true)}</span></div>`);
  }

  render() {
    if (!this.doc) return nothing;
    this.lines = [];
    this.walk(this.doc.root, 0);
    const namespaces = this.doc.declaredNamespaces;
    return html`${namespaces.length ? html`<div class="line ns">namespaces: ${namespaces.join('  ')}</div>` : nothing}${this.lines}`;
  }
}
customElements.define('ds-xml-view', DsXmlView);
