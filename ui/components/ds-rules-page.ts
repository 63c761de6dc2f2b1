// The rule catalogue with each rule's docs; a rule can be silenced for this session (its findings
// are hidden in this page; the proxy still reports them on its console and in the API).
import { LitElement, css, html, nothing } from 'lit';
import type { AnyRule } from '../../rules/engine/define-rule.ts';
import { emit } from './events.ts';

export class DsRulesPage extends LitElement {
  static properties = { rules: { attribute: false }, silenced: { attribute: false }, query: { state: true } };
  declare rules: readonly AnyRule[];
  /** Replaced, never mutated, by the store: a new set is what re-renders the page. */
  declare silenced: ReadonlySet<string>;
  declare query: string;

  static styles = css`
    :host { display: block; padding: 10px 16px; overflow: auto; height: 100%; box-sizing: border-box; }
    input[type='search'] { font: inherit; font-size: 13px; padding: 4px 8px; width: 320px; border: 1px solid var(--border); border-radius: 3px; background: var(--bg); color: var(--fg); }
    article { border: 1px solid var(--border); border-radius: 4px; padding: 8px 12px; margin: 8px 0; }
    article.silenced { opacity: 0.55; }
    .head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
    .id { font-family: var(--mono); font-weight: 700; }
    .sev { font-size: 11px; text-transform: uppercase; font-weight: 700; }
    .error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
    p { margin: 6px 0; white-space: pre-wrap; }
    .summary { font-weight: 600; }
    ul { margin: 4px 0; padding-left: 20px; font-size: 12px; }
    a { color: var(--accent); }
    label { margin-left: auto; font-size: 12px; display: inline-flex; gap: 4px; align-items: center; }
    .intro { color: var(--fg-dim); }
  `;

  constructor() {
    super();
    this.rules = [];
    this.silenced = new Set();
    this.query = '';
  }

  private toggle(id: string, on: boolean) {
    emit(this, 'silence-rule', { ruleId: id, on });
  }

  render() {
    const q = this.query.toLowerCase();
    const list = this.rules.filter((r) => !q || r.id.includes(q) || r.docs.summary.toLowerCase().includes(q));
    return html`
      <p class="intro">${this.rules.length} rules check every exchange. Silencing a rule hides its findings in this page for this session.</p>
      <input type="search" placeholder="search rules" aria-label="search rules" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${list.map((r) => {
        const off = this.silenced.has(r.id);
        return html`<article class=${off ? 'silenced' : ''} data-rule=${r.id}>
          <div class="head">
            <span class="id">${r.id}</span><span class="sev ${r.severity}">${r.severity}</span>
            <label><input type="checkbox" class="silence" .checked=${off} @change=${(e: Event) => this.toggle(r.id, (e.target as HTMLInputElement).checked)} />silence for this session</label>
          </div>
          <p class="summary">${r.docs.summary}</p>
          <p>${r.docs.details}</p>
          ${r.docs.specs.length
            ? html`<div>${r.docs.specs.map((s, i) => html`${i ? ', ' : ''}<a href=${s.url} target="_blank" rel="noopener noreferrer">${s.spec}${s.section ? ` §${s.section}` : ''}</a>`)}</div>`
            : nothing}
          <ul>${Object.entries(r.messages).map(([, m]) => html`<li>${m.message} — <em>${m.fix}</em></li>`)}</ul>
        </article>`;
      })}
    `;
  }
}
customElements.define('ds-rules-page', DsRulesPage);
