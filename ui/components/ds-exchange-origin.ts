// Where an exchange came from, in the detail: resent from #N, answered by recorded #N, which fault
// made or changed its answer, what intercept did with it, and for a replay miss the nearest recorded candidates and how they differ.
// Events up: select-exchange when a linked live exchange is clicked.
import { LitElement, css, html, nothing } from 'lit';
import type { WireExchange } from '../../rules/model/wire.ts';
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import { emit } from './events.ts';

const INTERCEPT_WORDS = {
  continued: 'held by intercept, then continued as the client sent it',
  edited: 'held by intercept and edited before it was sent: what is shown is what the server got',
  aborted: 'held by intercept and aborted: never sent to the server',
  timeout: 'held by intercept; nobody answered, so it continued unchanged after the timeout',
} as const;

export class DsExchangeOrigin extends LitElement {
  static properties = { row: { attribute: false }, exchange: { attribute: false } };
  declare row: ExchangeRow | undefined;
  declare exchange: WireExchange | undefined;

  static styles = css`
    :host { display: block; font-size: 12px; }
    div { margin: 2px 0; }
    a { color: var(--accent); cursor: pointer; text-decoration: underline; }
    ul { margin: 2px 0 2px 16px; padding: 0; }
    .miss { color: var(--error); }
    .fault { color: var(--warning); font-weight: 600; }
    code { font-family: var(--mono); }
  `;

  private link(id: string) {
    return html`<a class="based-on" @click=${() => emit(this, 'select-exchange', { id })}>#${id}</a>`;
  }

  render() {
    const row = this.row;
    if (!row) return nothing;
    const ex = this.exchange;
    const lines = [];
    if (row.source === 'resent' && row.basedOn !== undefined) lines.push(html`<div class="origin">resent from ${this.link(row.basedOn)}</div>`);
    if (row.source === 'composed') lines.push(html`<div class="origin">composed in the inspector</div>`);
    if (row.source === 'replayed' && row.basedOn !== undefined) lines.push(html`<div class="origin">answered by recorded exchange <code>#${row.basedOn}</code> of the recording</div>`);
    if (ex?.fault) lines.push(html`<div class="fault">injected by the fault <code>${ex.fault.name}</code>: ${ex.fault.did}. This is not the server's own answer.</div>`);
    const intercept = ex?.intercept;
    if (intercept) {
      lines.push(html`<div class="intercept">${INTERCEPT_WORDS[intercept.outcome]} (held ${Math.round(intercept.heldMs)} ms)</div>`);
      if (intercept.original) lines.push(html`<div class="intercept">the client sent: <code>${intercept.original.method} ${intercept.original.target}</code></div>`);
    }
    const miss = ex?.replayMiss;
    if (miss) {
      lines.push(html`<div class="miss">no recorded exchange matched this request${miss.length ? '; the nearest:' : ' (the recording holds none)'}</div>
        <ul class="candidates">
          ${miss.map((c) => html`<li><code>#${c.seq} ${c.method} ${c.target}</code>${c.differences.length ? html`<ul>${c.differences.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}</li>`)}
        </ul>`);
    }
    return lines.length ? lines : nothing;
  }
}
customElements.define('ds-exchange-origin', DsExchangeOrigin);
