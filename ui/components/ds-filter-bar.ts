// The filter bar: free text, method, status class, severity, rule id, "has findings"; pause/resume
// and clear (which asks first: it clears for every open page). Holds no state of its own but that
// question: it shows the filter it is given and asks for changes.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { filterExprError, type Filter } from '../store/filter.ts';
import { emit } from './events.ts';
import { hasTerm, withTerm } from '../lib/filter-terms.ts';

const METHODS = ['GET', 'PUT', 'DELETE', 'PROPFIND', 'PROPPATCH', 'REPORT', 'MKCALENDAR', 'MKCOL', 'MOVE', 'COPY', 'OPTIONS', 'HEAD', 'POST', 'LOCK', 'UNLOCK', 'ACL'];

const SERVER_FAULTS = 'party:server';

export class DsFilterBar extends LitElement {
  static properties = {
    filter: { attribute: false },
    ruleIds: { attribute: false },
    paused: { attribute: false },
    heldBack: { attribute: false },
    shown: { attribute: false },
    total: { attribute: false },
    canPause: { attribute: false },
    confirming: { state: true },
  };
  declare filter: Filter;
  declare ruleIds: readonly string[];
  declare paused: boolean;
  declare heldBack: number;
  declare shown: number;
  declare total: number;
  declare canPause: boolean;
  /** The clear button asked "sure?" and waits for the answer. */
  declare confirming: boolean;

  static styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--border); background: var(--bg-alt); }
    input, select, button { font: inherit; font-size: 12px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 3px; padding: 3px 6px; }
    input[type='search'] { width: 220px; }
    input.rule { width: 230px; font-family: var(--mono); }
    button { cursor: pointer; }
    button.on { background: var(--warning-bg); border-color: var(--warning); }
    label { display: inline-flex; gap: 4px; align-items: center; font-size: 12px; }
    .count { color: var(--fg-dim); font-size: 12px; margin-left: auto; }
    input.expr { width: 280px; font-family: var(--mono); }
    .expr-error { color: var(--error); font-size: 12px; flex-basis: 100%; }
  `;

  private change(patch: Partial<Filter>) {
    emit(this, 'filter-change', patch);
  }

  private action(name: 'filter-reset' | 'pause-toggle' | 'clear-request') {
    emit(this, name, undefined);
  }

  render() {
    const f = this.filter;
    const exprError = f.expr.trim() ? filterExprError(f.expr) : undefined;
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`
      <input type="search" class="text" placeholder="search URL, headers and every body" aria-label="free text" .value=${live(f.text)} @input=${(e: Event) => this.change({ text: value(e) })} />
      <select class="method" aria-label="method" .value=${live(f.method)} @change=${(e: Event) => this.change({ method: value(e) })}>
        <option value="">any method</option>
        ${METHODS.map((m) => html`<option value=${m} ?selected=${f.method === m}>${m}</option>`)}
      </select>
      <select class="status" aria-label="status class" .value=${live(f.status)} @change=${(e: Event) => this.change({ status: value(e) as Filter['status'] })}>
        <option value="">any status</option>
        ${['1xx', '2xx', '3xx', '4xx', '5xx'].map((s) => html`<option value=${s} ?selected=${f.status === s}>${s}</option>`)}
        <option value="failed" ?selected=${f.status === 'failed'}>transport failed</option>
        <option value="pending" ?selected=${f.status === 'pending'}>in progress</option>
      </select>
      <select class="severity" aria-label="severity" .value=${live(f.severity)} @change=${(e: Event) => this.change({ severity: value(e) as Filter['severity'] })}>
        <option value="">any severity</option>
        <option value="error" ?selected=${f.severity === 'error'}>errors</option>
        <option value="warning" ?selected=${f.severity === 'warning'}>warnings or worse</option>
        <option value="info" ?selected=${f.severity === 'info'}>any finding</option>
      </select>
      <input class="rule" list="rule-ids" placeholder="rule id (or prefix: caldav/)" aria-label="rule id" .value=${live(f.ruleId)} @input=${(e: Event) => this.change({ ruleId: value(e).trim() })} />
      <datalist id="rule-ids">${this.ruleIds.map((id) => html`<option value=${id}></option>`)}</datalist>
      <label><input type="checkbox" class="has-findings" .checked=${live(f.hasFindings)} @change=${(e: Event) => this.change({ hasFindings: (e.target as HTMLInputElement).checked })} />has findings</label>
      <label title="writes party:server into the expression"><input type="checkbox" class="server-faults" .checked=${live(hasTerm(f.expr, SERVER_FAULTS))} @change=${(e: Event) => this.change({ expr: withTerm(f.expr, SERVER_FAULTS, (e.target as HTMLInputElement).checked) })} />server faults only</label>
      <input class="expr" placeholder="expression: method:PUT and not rule:http/ (see README)" aria-label="filter expression" .value=${live(f.expr)} @input=${(e: Event) => this.change({ expr: value(e) })} />
      <button class="reset" title="clear the filter" @click=${() => this.action('filter-reset')}>✕</button>
      ${exprError ? html`<span class="expr-error" role="alert">${exprError.message} (at character ${exprError.position + 1})</span>` : nothing}
      ${this.canPause
        ? html`<button class="pause ${this.paused ? 'on' : ''}" @click=${() => this.action('pause-toggle')}>${this.paused ? `resume${this.heldBack ? ` (${this.heldBack} new)` : ''}` : 'pause'}</button>`
        : nothing}
      ${this.confirming
        ? html`<span class="confirm">${this.canPause ? 'Clear for every open page, and on the proxy?' : 'Close the file?'}
            <button class="clear-yes" @click=${() => ((this.confirming = false), this.action('clear-request'))}>clear</button>
            <button class="clear-no" @click=${() => (this.confirming = false)}>keep</button></span>`
        : html`<button class="clear" title=${this.canPause ? 'forget every exchange, here, in every open page and on the proxy' : 'close the file'} @click=${() => (this.confirming = true)}>clear</button>`}
      <span class="count">${this.shown === this.total ? `${this.total} exchanges` : `${this.shown} of ${this.total} exchanges`}</span>
    `;
  }
}
customElements.define('ds-filter-bar', DsFilterBar);
