// One finding in the detail: severity, rule, message, the explanation, the fix and spec links.
import { emit } from './events.ts';
import { LitElement, css, html, nothing } from 'lit';
import type { Finding } from '../../rules/model/exchange.ts';

/** Spec links come from the rule catalogue, but a file's findings pass through here too: only https links. */
const safeUrl = (url: string) => (/^https:\/\//.test(url) ? url : undefined);

export class DsFindingCard extends LitElement {
  static properties = { finding: { attribute: false }, explainedAbove: { attribute: false }, folded: { attribute: false }, repeats: { attribute: false } };
  /** The same rule on the same kind of request elsewhere in the session. */
  declare repeats: { count: number; firstSeq: number; method: string } | undefined;
  /** Findings of other rules telling the same story, folded under this one. */
  declare folded: readonly Finding[] | undefined;
  declare finding: Finding | undefined;
  /** The precondition banner above already says what this finding would (meaning and fix). */
  declare explainedAbove: boolean | undefined;

  static styles = css`
    :host { display: block; border: 1px solid var(--border); border-left-width: 4px; border-radius: 4px; padding: 8px 10px; margin: 6px 0; background: var(--bg); }
    :host([severity='error']) { border-left-color: var(--error); }
    :host([severity='warning']) { border-left-color: var(--warning); }
    :host([severity='info']) { border-left-color: var(--info); }
    .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
    .sev { font-weight: 700; text-transform: uppercase; font-size: 11px; }
    .sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
    .rule { font-family: var(--mono); color: var(--fg-dim); font-size: 12px; }
    .message { font-weight: 600; }
    p { margin: 6px 0 0; white-space: pre-wrap; }
    .label { color: var(--fg-dim); font-weight: 600; }
    .where { font-family: var(--mono); font-size: 12px; color: var(--fg-dim); }
    .party { font-size: 11px; border: 1px solid var(--border, #ccc); border-radius: 8px; padding: 0 6px; color: var(--fg-dim); }
    .party.server { color: var(--warning); }
    .repeats { font-size: 12px; color: var(--fg-dim); margin: 4px 0; }
    details.folded { font-size: 12px; color: var(--fg-dim); margin: 4px 0; }
    .folded-finding { margin: 2px 0 2px 12px; }
    .partial { font-size: 12px; color: var(--fg-dim); font-style: italic; }
    a { color: var(--accent); }
  `;

  updated() {
    if (this.finding) this.setAttribute('severity', this.finding.severity);
  }

  render() {
    const f = this.finding;
    if (!f) return nothing;
    const loc = f.location;
    const where = loc ? [loc.side, loc.header && `header ${loc.header}`, loc.xmlElement && `element ${loc.xmlElement}`, loc.icalProperty && `property ${loc.icalProperty}`].filter(Boolean).join(' · ') : '';
    return html`
      <div class="head">
        <span class="sev ${f.severity}">${f.severity}</span>
        ${f.party && f.party !== 'unknown' ? html`<span class="party ${f.party}" title="whose fault it is">${f.party === 'both' ? 'client and server' : f.party}</span>` : nothing}
        <span class="message">${linkExchanges(f.message, (id) => emit(this, 'select-exchange', { id }))}</span>
        <span class="rule">${f.ruleId}</span>
      </div>
      ${where ? html`<div class="where">points at: ${where}</div>` : nothing}
      ${this.repeats
        ? html`<div class="repeats">Seen on ${this.repeats.count} ${this.repeats.method} exchanges in this session, first <a class="exchange-link" href="#" @click=${(e: Event) => (e.preventDefault(), emit(this, 'select-exchange', { id: String(this.repeats!.firstSeq) }))}>#${this.repeats.firstSeq}</a>
            <button class="show-repeats" @click=${() => emit(this, 'filter-change', { expr: `rule:${f.ruleId} method:${this.repeats!.method}` })}>show them</button></div>`
        : nothing}
      ${this.folded?.length
        ? html`<details class="folded"><summary>also: ${this.folded.length} more saying the same</summary>${this.folded.map(
            (x) => html`<div class="folded-finding"><span class="sev ${x.severity}">${x.severity}</span> <span class="rule">${x.ruleId}</span> ${x.message}</div>`,
          )}</details>`
        : nothing}
      ${f.partial ? html`<div class="partial">Judged on the part of the body that was kept: the body was cut at the capture limit, and what followed was not seen.</div>` : nothing}
      ${this.explainedAbove
        ? html`<p class="explained-above">Its meaning and fix are in the banner above.</p>`
        : html`<p class="explanation"><span class="label">Why: </span>${f.explanation}</p>
            <p class="fix"><span class="label">Fix: </span>${f.fix}</p>`}
      ${f.specs.length
        ? html`<p class="specs"><span class="label">Spec: </span>${f.specs.map((s, i) => {
            const url = safeUrl(s.url);
            const text = `${s.spec}${s.section ? ` §${s.section}` : ''}`;
            return html`${i ? ', ' : ''}${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${text}</a>` : text}`;
          })}</p>`
        : nothing}
    `;
  }
}
customElements.define('ds-finding-card', DsFindingCard);

/** "seen in exchange #11": each #N becomes a link that selects exchange N (text stays text). */
function linkExchanges(text: string, select: (id: string) => void) {
  return text.split(/(#\d+)/).map((part) => (/^#\d+$/.test(part) ? html`<a class="exchange-link" href="#" @click=${(e: Event) => (e.preventDefault(), select(part.slice(1)))}>${part}</a>` : part));
}
