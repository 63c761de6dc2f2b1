// Two exchanges side by side: the original and the one resent from it (or any two). Status,
// what differs by meaning (preconditions, multistatus entries, findings), headers added, removed
// or changed, and the bodies, XML and iCalendar compared by meaning as replay compares them.
import { LitElement, css, html, nothing } from 'lit';
import { exchangeFromWire, type WireExchange } from '../../rules/model/wire.ts';
import { canonicalBody } from '../../rules/compare/canonical-body.ts';
import { differences, shapeOf } from '../../rules/compare/exchange-shape.ts';
import type { Body } from '../../rules/model/exchange.ts';
import { headerIn } from '../lib/header-lines.ts';
import { compareHeaders } from '../lib/compare-headers.ts';
import { emit } from './events.ts';

function bodyText(body: Body | undefined): string {
  if (!body || body.kind !== 'captured') return body?.kind === 'unavailable' ? `(unavailable: ${body.reason})` : '';
  return new TextDecoder().decode(body.decoded ?? body.bytes);
}

export class DsCompareView extends LitElement {
  static properties = { left: { attribute: false }, right: { attribute: false } };
  declare left: WireExchange | undefined;
  declare right: WireExchange | undefined;

  static styles = css`
    :host { display: block; padding: 10px 14px; overflow: auto; height: 100%; box-sizing: border-box; font-size: 12px; }
    h3 { margin: 0 0 6px; font-size: 15px; }
    h4 { margin: 12px 0 4px; font-size: 12px; text-transform: uppercase; color: var(--fg-dim); }
    table { border-collapse: collapse; width: 100%; table-layout: fixed; }
    td, th { border: 1px solid var(--border); padding: 2px 4px; font-family: var(--mono); word-break: break-all; vertical-align: top; text-align: left; }
    tr.added td { background: color-mix(in srgb, var(--ok) 12%, transparent); }
    tr.removed td { background: color-mix(in srgb, var(--error) 12%, transparent); }
    tr.changed td { background: color-mix(in srgb, var(--warning) 15%, transparent); }
    pre { white-space: pre-wrap; word-break: break-all; margin: 0; font-size: 11px; }
    .same { color: var(--ok); }
    .differs { color: var(--warning); }
    button { font: inherit; font-size: 12px; cursor: pointer; }
  `;

  private headersTable(kind: string, l: readonly (readonly [string, string])[], r: readonly (readonly [string, string])[]) {
    const rows = compareHeaders(l, r);
    return html`<h4>${kind} headers</h4>
      <table class="headers ${kind.toLowerCase()}">
        <tr><th>header</th><th>#${this.left!.id}</th><th>#${this.right!.id}</th></tr>
        ${rows.map((c) => html`<tr class=${c.kind}><td>${c.name}</td><td>${c.left ?? ''}</td><td>${c.right ?? ''}</td></tr>`)}
      </table>`;
  }

  private bodies(kind: string, l: Body | undefined, r: Body | undefined, lType: string | undefined, rType: string | undefined) {
    const lt = bodyText(l);
    const rt = bodyText(r);
    if (!lt && !rt) return nothing;
    const same = l && r && canonicalBody(l, lType) === canonicalBody(r, rType);
    return html`<h4>${kind} body <span class=${same ? 'same' : 'differs'}>${same ? (lt === rt ? 'identical' : 'same meaning') : 'differs'}</span></h4>
      <table class="bodies"><tr><td><pre>${lt}</pre></td><td><pre>${rt}</pre></td></tr></table>`;
  }

  render() {
    const a = this.left;
    const b = this.right;
    if (!a || !b) return html`<div>loading…</div>`;
    const ea = exchangeFromWire(a);
    const eb = exchangeFromWire(b);
    const base = (ex: typeof ea) => new URL(ex.upstream || 'http://x/').pathname;
    const diffs = differences(shapeOf(ea, base(ea), ea.findings), shapeOf(eb, base(eb), eb.findings));
    const status = (ex: WireExchange) => (ex.response ? `${ex.response.status} ${ex.response.statusText}` : `failed: ${ex.error?.code ?? '?'}`);
    return html`
      <h3>#${a.id} compared with #${b.id} <button class="close" @click=${() => emit(this, 'compare-close', undefined)}>Close</button></h3>
      <table class="status">
        <tr><th></th><th>#${a.id}</th><th>#${b.id}</th></tr>
        <tr class=${a.request.method === b.request.method && a.request.target === b.request.target ? 'same' : 'changed'}><td>request</td><td>${a.request.method} ${a.request.target}</td><td>${b.request.method} ${b.request.target}</td></tr>
        <tr class=${status(a) === status(b) ? 'same' : 'changed'}><td>status</td><td class="left-status">${status(a)}</td><td class="right-status">${status(b)}</td></tr>
      </table>
      ${diffs.length ? html`<h4>What differs</h4><ul class="differences">${diffs.map((d) => html`<li>${d.replace(/recorded/g, `#${a.id}`).replace(/new server/g, `#${b.id}`).replace(/when #/g, 'in #').replace(/on the #/g, 'in #')}</li>`)}</ul>` : nothing}
      ${this.headersTable('Request', a.request.headers, b.request.headers)}
      ${this.bodies('Request', ea.request.body, eb.request.body, headerIn(a.request.headers, 'content-type'), headerIn(b.request.headers, 'content-type'))}
      ${this.headersTable('Response', a.response?.headers ?? [], b.response?.headers ?? [])}
      ${this.bodies('Response', ea.response?.body, eb.response?.body, headerIn(a.response?.headers ?? [], 'content-type'), headerIn(b.response?.headers ?? [], 'content-type'))}
    `;
  }
}
customElements.define('ds-compare-view', DsCompareView);
