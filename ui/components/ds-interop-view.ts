// An interop report opened in the page (`davscope interop --format json`): one row per exchange, one
// column per server, differing cells marked, then the summary per server and the capabilities.
// Everything from traffic is rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import { capabilityRows, cellParts, SUMMARY_KINDS } from '../../rules/interop/cell-text.ts';
import type { OpenedInterop } from '../lib/interop-report.ts';

export class DsInteropView extends LitElement {
  static properties = { report: { attribute: false } };
  declare report: OpenedInterop | undefined;

  static styles = css`
    :host { display: block; overflow: auto; padding: 10px 14px; font-size: 13px; }
    table { border-collapse: collapse; margin: 8px 0 16px; }
    th, td { border: 1px solid var(--border, #ddd); padding: 4px 6px; vertical-align: top; text-align: left; }
    td.differs { background: var(--warning-bg, #fff4d6); }
    .part.differs { font-weight: 700; }
    .part { display: block; font-family: var(--mono); font-size: 12px; }
    .error { color: var(--error); }
  `;

  render() {
    const r = this.report;
    if (!r) return nothing;
    const { columns, rows, summary } = r.result;
    return html`<h3>Interop report of ${r.recording}${r.result.reference ? html`, compared with ${r.result.reference}` : nothing}</h3>
      <table class="matrix">
        <tr><th>#</th><th>request</th>${columns.map((c) => html`<th title=${c.url}>${c.name}${c.error ? html`<div class="error">${c.error}</div>` : nothing}</th>`)}</tr>
        ${rows.map(
          (row) => html`<tr data-index=${row.index}>
            <td>${row.index}</td><td>${row.method} ${row.path}</td>
            ${row.cells.map((cell) => html`<td class=${cell.differs.length ? 'differs' : ''}>${cellParts(cell).map((p) => html`<span class="part ${p.differs ? 'differs' : ''}">${p.text}</span>`)}</td>`)}
          </tr>`,
        )}
      </table>
      <h4>Summary</h4>
      <table class="summary">
        <tr><th>server</th><th>exchanges that differ</th>${SUMMARY_KINDS.map(([, label]) => html`<th>${label}</th>`)}</tr>
        ${summary.map((s) => html`<tr><td>${s.name}</td><td>${s.differing}</td>${SUMMARY_KINDS.map(([k]) => html`<td>${s.byKind[k] ?? 0}</td>`)}</tr>`)}
      </table>
      <h4>Capabilities</h4>
      <table class="capabilities">
        <tr><th></th>${columns.map((c) => html`<th>${c.name}</th>`)}</tr>
        ${capabilityRows(r.result).map((row) => html`<tr><td>${row.label}</td>${row.values.map((v) => html`<td>${v ?? 'unknown'}</td>`)}</tr>`)}
      </table>`;
  }
}
customElements.define('ds-interop-view', DsInteropView);
