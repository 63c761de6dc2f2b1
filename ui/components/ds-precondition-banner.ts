// The banner at the top of a failed exchange's detail: the DAV:error precondition, decoded into plain words.
import { LitElement, css, html, nothing } from 'lit';

export interface DecodedCondition {
  /** Prefixed form, e.g. "DAV:resource-must-be-null". */
  readonly name: string;
  readonly meaning?: string;
  readonly fix?: string;
  readonly status?: number;
}

export class DsPreconditionBanner extends LitElement {
  static properties = { conditions: { attribute: false } };
  declare conditions: readonly DecodedCondition[] | undefined;

  static styles = css`
    :host { display: block; }
    .banner { background: var(--error-bg); color: var(--fg); border: 1px solid var(--error); border-radius: 4px; padding: 8px 10px; margin-bottom: 8px; }
    .name { font-family: var(--mono); font-weight: 700; color: var(--error); }
    p { margin: 4px 0 0; }
    .label { font-weight: 600; }
  `;

  render() {
    const list = this.conditions ?? [];
    if (list.length === 0) return nothing;
    return html`${list.map(
      (c) => html`<div class="banner" role="alert">
        <div>The server refused${c.status ? html` with ${c.status}` : nothing}: <span class="name">${c.name}</span></div>
        ${c.meaning ? html`<p>${c.meaning}</p>` : html`<p>davscope does not know this element; its name usually says which condition failed.</p>`}
        ${c.fix ? html`<p><span class="label">Fix: </span>${c.fix}</p>` : nothing}
      </div>`,
    )}`;
  }
}
customElements.define('ds-precondition-banner', DsPreconditionBanner);
