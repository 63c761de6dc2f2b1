// Finding counts of one exchange as small coloured badges, most severe first.
import { LitElement, css, html, nothing } from 'lit';
import type { Counts } from '../store/filter.ts';

export class DsSeverityBadges extends LitElement {
  static properties = { counts: { attribute: false }, parties: { attribute: false } };
  declare counts: Counts | undefined;
  /** Whose faults the findings are, said in each badge's tooltip. */
  declare parties: readonly string[] | undefined;

  static styles = css`
    :host { display: inline-flex; gap: 3px; }
    span { border-radius: 8px; padding: 0 6px; font-size: 11px; font-weight: 600; line-height: 16px; }
    .error { background: var(--error-bg); color: var(--error); }
    .warning { background: var(--warning-bg); color: var(--warning); }
    .info { background: var(--info-bg); color: var(--info); }
  `;

  render() {
    const c = this.counts;
    if (!c) return nothing;
    const who = this.parties?.length ? ` · whose fault: ${this.parties.join(', ')}` : '';
    return html`${c.error ? html`<span class="error" title="${c.error} error(s)${who}">${c.error} err</span>` : nothing}${c.warning
      ? html`<span class="warning" title="${c.warning} warning(s)${who}">${c.warning} warn</span>`
      : nothing}${c.info ? html`<span class="info" title="${c.info} info${who}">${c.info} info</span>` : nothing}`;
  }
}
customElements.define('ds-severity-badges', DsSeverityBadges);
