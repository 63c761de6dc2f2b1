// A 207 as a table: href, status, properties; failed responses and propstats highlighted, DAV:error
// conditions named, calendar-data shown as its iCalendar tree. Always rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import { parseIcal } from '../../rules/parse/ical/parse.ts';
import type { MultistatusRow, PropCell } from '../lib/multistatus-rows.ts';
import './ds-ical-view.ts';

export class DsMultistatusTable extends LitElement {
  static properties = { rows: { attribute: false } };
  declare rows: readonly MultistatusRow[];

  static styles = css`
    :host { display: block; font-size: 12px; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid var(--border); padding: 2px 6px; text-align: left; vertical-align: top; font-family: var(--mono); word-break: break-all; }
    th { font-family: inherit; color: var(--fg-dim); font-weight: 600; }
    tr.failed td { background: var(--error-bg); }
    .bad { color: var(--error); font-weight: 700; }
    .count { color: var(--fg-dim); margin: 2px 0 6px; }
  `;

  constructor() {
    super();
    this.rows = [];
  }

  private status(s: number | undefined) {
    return s === undefined ? '' : html`<span class=${s >= 400 ? 'bad' : ''}>${s}</span>`;
  }

  render() {
    const failed = this.rows.filter((r) => r.failed).length;
    return html`
      <div class="count">${this.rows.length} response(s)${failed ? html`, <span class="bad">${failed} failed</span>` : nothing}</div>
      <table>
        <tr><th>href</th><th>status</th><th>property</th><th>value</th></tr>
        ${this.rows.map((r) => {
          const cells = r.propstats.flatMap((ps): { ps: (typeof r.propstats)[number]; p: PropCell | undefined }[] => (ps.props.length ? ps.props.map((p) => ({ ps, p })) : [{ ps, p: undefined }]));
          if (cells.length === 0) {
            return html`<tr class="response ${r.failed ? 'failed' : ''}"><td>${r.href}</td><td>${this.status(r.status)}</td><td colspan="2">${r.errors.join(', ')}</td></tr>`;
          }
          return cells.map(
            ({ ps, p }, i) => html`<tr class="response ${r.failed ? 'failed' : ''}">
              ${i === 0 ? html`<td rowspan=${cells.length}>${r.href}${r.errors.length ? html`<br /><span class="bad">${r.errors.join(', ')}</span>` : nothing}</td>` : nothing}
              <td>${this.status(ps.status ?? r.status)}</td>
              <td>${p?.name ?? ''}</td>
              <td>${p?.calendarData ? this.calendar(p.calendarData) : (p?.value ?? '')}</td>
            </tr>`,
          );
        })}
      </table>
    `;
  }

  private calendar(text: string) {
    const parsed = parseIcal(text);
    return html`<ds-ical-view .doc=${parsed.ok ? parsed.doc : parsed.partial}></ds-ical-view>`;
  }
}
customElements.define('ds-multistatus-table', DsMultistatusTable);
