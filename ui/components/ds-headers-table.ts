// Headers as the wire had them (order, case, duplicates), with the ones a finding points at highlighted.
import { LitElement, css, html, nothing } from 'lit';
import type { HeaderList } from '../../rules/model/exchange.ts';
import { holdsCredentials, maskedHeaderValue } from '../lib/mask.ts';

export class DsHeadersTable extends LitElement {
  static properties = { headers: { attribute: false }, highlight: { attribute: false }, heading: {}, revealed: { state: true } };
  declare headers: HeaderList | undefined;
  /** Lower-cased header names to highlight. */
  declare highlight: ReadonlySet<string> | undefined;
  declare heading: string;
  /** Credentials are shown only once the user asks. */
  declare revealed: boolean;

  static styles = css`
    :host { display: block; }
    h4 { margin: 10px 0 4px; font-size: 12px; text-transform: uppercase; color: var(--fg-dim); }
    button.reveal { font: inherit; font-size: 11px; text-transform: none; cursor: pointer; }
    table { border-collapse: collapse; font-family: var(--mono); font-size: 12px; width: 100%; }
    td { padding: 1px 8px 1px 0; vertical-align: top; word-break: break-all; }
    td.name { white-space: nowrap; color: var(--accent); width: 1%; }
    tr.hl td { background: var(--hl-bg); }
    .none { color: var(--fg-dim); font-style: italic; }
  `;

  constructor() {
    super();
    this.heading = 'Headers';
    this.revealed = false;
  }

  willUpdate(changed: Map<string, unknown>) {
    // Another exchange's headers start hidden again.
    if (changed.has('headers')) this.revealed = false;
  }

  render() {
    const list = this.headers ?? [];
    const secret = holdsCredentials(list);
    return html`<h4>${this.heading}${secret ? html` <button class="reveal" @click=${() => (this.revealed = !this.revealed)}>${this.revealed ? 'hide credentials' : 'reveal credentials'}</button>` : nothing}</h4>
      ${list.length === 0
        ? html`<div class="none">no headers</div>`
        : html`<table>
            ${list.map(([name, value]) => html`<tr class=${this.highlight?.has(name.toLowerCase()) ? 'hl' : nothing}><td class="name">${name}:</td><td>${this.revealed ? value : maskedHeaderValue(name, value)}</td></tr>`)}
          </table>`}`;
  }
}
customElements.define('ds-headers-table', DsHeadersTable);
