// One body in the detail: XML pretty-printed, iCalendar as a tree (raw text a click away), other text
// as text; absent, uncaptured, truncated and binary bodies said plainly. Always rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import type { HeaderList } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import type { WireBody } from '../../rules/model/wire.ts';
import { parseXml } from '../../rules/parse/xml/scan.ts';
import type { XmlParseResult } from '../../rules/parse/xml/tree.ts';
import { parseIcal, type IcalParseResult } from '../../rules/parse/ical/parse.ts';
import { bytes } from '../lib/format.ts';
import './ds-xml-view.ts';
import './ds-ical-view.ts';
import './ds-multistatus-table.ts';
import { multistatusRows } from '../lib/multistatus-rows.ts';
import { closeTruncatedXml } from '../../rules/parse/kept-part.ts';

/** Above this a body is shown raw only: a tree of megabytes helps nobody and costs the page. */
const PRETTY_LIMIT = 1 << 20;

type Kind = 'xml' | 'ical' | 'text';

function kindOf(text: string, contentType: string): Kind {
  const ct = contentType.toLowerCase();
  if (ct.includes('calendar') || /^\s*BEGIN:VCALENDAR/i.test(text)) return 'ical';
  if (ct.includes('xml') || /^\s*<[?A-Za-z]/.test(text)) return 'xml';
  return 'text';
}

export class DsBodyView extends LitElement {
  static properties = {
    body: { attribute: false },
    headers: { attribute: false },
    highlightXml: { attribute: false },
    highlightIcal: { attribute: false },
    raw: { state: true },
    tree: { state: true },
  };
  declare body: WireBody | undefined;
  declare headers: HeaderList | undefined;
  declare highlightXml: ReadonlySet<string> | undefined;
  declare highlightIcal: ReadonlySet<string> | undefined;
  declare raw: boolean;
  /** A 207 is shown as a table; this shows its XML tree instead. */
  declare tree: boolean;

  private cacheKey: WireBody | undefined;
  private parsed: { text: string; kind: Kind; xml?: XmlParseResult; ical?: IcalParseResult; partial?: boolean } | undefined;

  static styles = css`
    :host { display: block; }
    .note { color: var(--fg-dim); font-style: italic; margin: 4px 0; }
    .warn { color: var(--warning); margin: 4px 0; }
    .bar { display: flex; gap: 8px; align-items: center; margin: 4px 0; font-size: 12px; color: var(--fg-dim); }
    button { font: inherit; font-size: 12px; padding: 1px 8px; border: 1px solid var(--border); background: var(--bg-alt); color: var(--fg); border-radius: 3px; cursor: pointer; }
    pre { margin: 0; font-family: var(--mono); font-size: 12px; white-space: pre-wrap; word-break: break-all; }
    .box { border: 1px solid var(--border); border-radius: 4px; padding: 6px 8px; background: var(--bg-alt); max-height: 60vh; overflow: auto; }
  `;

  constructor() {
    super();
    this.raw = false;
    this.tree = false;
  }

  willUpdate(changed: Map<string, unknown>) {
    // Another exchange's body opens pretty again; raw text is a per-body choice.
    if (changed.has('body') && changed.get('body') !== undefined) this.raw = false;
  }

  private parse(body: WireBody & { kind: 'captured' }) {
    if (this.cacheKey === body && this.parsed) return this.parsed;
    const text = body.decoded?.encoding === 'utf8' ? body.decoded.data : body.encoding === 'utf8' ? body.data : undefined;
    this.cacheKey = body;
    if (text === undefined) return (this.parsed = undefined);
    const kind = kindOf(text, getHeader(this.headers ?? [], 'content-type') ?? '');
    const small = text.length <= PRETTY_LIMIT;
    // A body cut at --max-body: its open elements are closed so what was kept still reads as a tree.
    const xml = kind === 'xml' && small ? parseXml(text) : undefined;
    const repaired = xml && !xml.ok && body.truncated ? closeTruncatedXml(text) : undefined;
    const partialXml = repaired !== undefined ? parseXml(repaired) : undefined;
    this.parsed = {
      text,
      kind,
      ...(xml ? { xml: partialXml?.ok ? partialXml : xml } : {}),
      ...(partialXml?.ok ? { partial: true } : {}),
      ...(kind === 'ical' && small ? { ical: parseIcal(text) } : {}),
    };
    return this.parsed;
  }

  render() {
    const b = this.body;
    if (!b || b.kind === 'none') return html`<div class="note">no body</div>`;
    if (b.kind === 'unavailable') {
      return html`<div class="note">body not captured (${b.reason})${b.size !== undefined ? html`: ${bytes(b.size)} on the wire` : nothing}</div>`;
    }
    const p = this.parse(b);
    const truncated = b.truncated
      ? html`<div class="warn">truncated: davscope kept only the start of this ${bytes(b.size)} body (raise --max-body to keep more); what follows is incomplete</div>`
      : nothing;
    const encoding = b.contentEncoding ? html`<span>content-encoding ${b.contentEncoding}${b.decoded ? ', shown decoded' : ', could not be decoded'}</span>` : nothing;
    if (!p) {
      return html`${truncated}<div class="note">binary body, ${bytes(b.size)}: not shown as text (it is not valid UTF-8)</div>${encoding}`;
    }
    const table = p.kind === 'xml' && p.xml?.ok ? multistatusRows(p.xml.doc.root) : undefined;
    const pretty =
      table && !this.tree
        ? html`<ds-multistatus-table .rows=${table}></ds-multistatus-table>`
        : p.kind === 'xml' && p.xml?.ok
        ? html`<ds-xml-view .doc=${p.xml.doc} .highlight=${this.highlightXml}></ds-xml-view>`
        : p.kind === 'ical' && p.ical
          ? html`${p.ical.ok ? nothing : html`<div class="warn">iCalendar does not parse: ${p.ical.error.message}${p.ical.error.line ? ` (line ${p.ical.error.line})` : ''}</div>`}<ds-ical-view
                .doc=${p.ical.ok ? p.ical.doc : p.ical.partial}
                .highlight=${this.highlightIcal}
              ></ds-ical-view>`
          : undefined;
    const partialNote = p.partial ? html`<div class="warn partial">partial: the tree shows what was kept, with the elements still open at the cut closed by davscope</div>` : nothing;
    const xmlError = p.kind === 'xml' && p.xml && !p.xml.ok ? html`<div class="warn">XML does not parse: ${p.xml.error.message}; shown raw</div>` : nothing;
    const showRaw = this.raw || !pretty;
    return html`
      ${truncated}${partialNote}${xmlError}
      <div class="bar">
        <span>${p.kind === 'ical' ? 'iCalendar' : p.kind === 'xml' ? 'XML' : 'text'}, ${bytes(b.size)}</span>${encoding}
        ${table && !showRaw ? html`<button class="toggle-tree" @click=${() => (this.tree = !this.tree)}>${this.tree ? 'table' : 'XML tree'}</button>` : nothing}
        ${pretty ? html`<button class="toggle-raw" @click=${() => (this.raw = !this.raw)}>${showRaw ? 'pretty' : 'raw text'}</button>` : nothing}
      </div>
      <div class="box">${showRaw ? html`<pre class="raw">${p.text}</pre>` : pretty}</div>
    `;
  }
}
customElements.define('ds-body-view', DsBodyView);
