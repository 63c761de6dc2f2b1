// An interop report opened in the page (`davscope interop --format json`): one row per exchange, one
// column per server, differing cells marked, then the summary per server and the capabilities.
// Everything from traffic is rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import { capabilityRows, cellParts, faultLines, SUMMARY_KINDS } from '../../rules/interop/cell-text.ts';
import type { OpenedInterop } from '../lib/interop-report.ts';

export class DsInteropView extends LitElement {
  static properties = { report: { attribute: false }, opened: { state: true } };
  declare report: OpenedInterop | undefined;
  /** The rows (by index) open to their bodies. */
  declare opened: ReadonlySet<number>;

  constructor() {
    super();
    this.opened = new Set();
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('report')) this.opened = new Set();
  }

  private toggle(index: number) {
    const next = new Set(this.opened);
    if (!next.delete(index)) next.add(index);
    this.opened = next;
  }

  static styles = css`
    :host { display: block; overflow: auto; padding: 10px 14px; font-size: 13px; }
    table { border-collapse: collapse; margin: 8px 0 16px; }
    th, td { border: 1px solid var(--border, #ddd); padding: 4px 6px; vertical-align: top; text-align: left; }
    td.differs { background: var(--warning-bg, #fff4d6); }
    .part.differs { font-weight: 700; }
    .part { display: block; font-family: var(--mono); font-size: 12px; }
    .error { color: var(--error); }
    tr.exchange.openable { cursor: pointer; }
    tr.exchange.openable:hover { background: color-mix(in srgb, var(--accent, #3b82f6) 8%, transparent); }
    .side { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); gap: 8px; }
    .side pre { white-space: pre-wrap; word-break: break-word; max-height: 40vh; overflow: auto; margin: 4px 0 0; font-family: var(--mono); font-size: 12px; }
    .badge { font-size: 11px; padding: 0 4px; border-radius: 3px; }
    .badge.differs { background: var(--warning-bg, #fff4d6); }
  `;

  render() {
    const r = this.report;
    if (!r) return nothing;
    const { columns, rows, summary } = r.result;
    return html`<h3>Interop report of ${r.recording}${r.result.reference ? html`, compared with ${r.result.reference}` : nothing}</h3>
      <table class="matrix">
        <tr><th>#</th><th>request</th>${columns.map((c) => html`<th title=${c.url}>${c.name}${c.error ? html`<div class="error">${c.error}</div>` : nothing}</th>`)}</tr>
        ${rows.map((row, n) => {
          const bodies = r.bodies?.[n];
          const open = bodies !== undefined && this.opened.has(row.index);
          return html`<tr class="exchange ${bodies ? 'openable' : ''}" data-index=${row.index} aria-expanded=${bodies ? String(open) : nothing} title=${bodies ? 'click for the bodies side by side' : nothing} @click=${() => bodies && this.toggle(row.index)}>
              <td>${row.index}</td><td>${row.method} ${row.path}</td>
              ${row.cells.map((cell) => html`<td class=${cell.differs.length ? 'differs' : ''}>${cellParts(cell).map((p) => html`<span class="part ${p.differs ? 'differs' : ''}">${p.text}</span>`)}</td>`)}
            </tr>
            ${open
              ? html`<tr class="bodies"><td colspan=${columns.length + 2}><div class="side">
                  ${columns.map((c, i) => {
                    const body = bodies![i];
                    const cell = row.cells[i]!;
                    const badge = cell.status === '-' || c.error ? nothing : cell.differs.includes('body') ? html`<span class="badge differs">differs by meaning</span>` : html`<span class="badge">same meaning</span>`;
                    return html`<div><b>${c.name}</b> ${badge} ${body?.contentType ? html`<small>${body.contentType}</small>` : nothing}<pre>${body ? body.text : '(no body)'}</pre></div>`;
                  })}
                </div></td></tr>`
              : nothing}`;
        })}
      </table>
      <h4>Summary</h4>
      <table class="summary">
        <tr><th>server</th><th>exchanges that differ</th>${SUMMARY_KINDS.map(([, label]) => html`<th>${label}</th>`)}</tr>
        ${summary.map((s) => html`<tr><td>${s.name}</td><td>${s.differing}</td>${SUMMARY_KINDS.map(([k]) => html`<td>${s.byKind[k] ?? 0}</td>`)}</tr>`)}
      </table>
      ${summary.map((s) => {
        const { faults, variation } = faultLines(s);
        return faults.length || variation
          ? html`<div class="faults" data-server=${s.name}><b>${s.name}</b>: ${faults.length ? 'where the rules call it at fault:' : 'no rule calls it at fault.'}
              <ul>${[...faults, ...(variation ? [variation] : [])].map((l) => html`<li>${l}</li>`)}</ul></div>`
          : nothing;
      })}
      <h4>Capabilities</h4>
      <table class="capabilities">
        <tr><th></th>${columns.map((c) => html`<th>${c.name}</th>`)}</tr>
        ${capabilityRows(r.result).map((row) => html`<tr><td>${row.label}</td>${row.values.map((v) => html`<td>${v ?? 'unknown'}</td>`)}</tr>`)}
      </table>`;
  }
}
customElements.define('ds-interop-view', DsInteropView);
