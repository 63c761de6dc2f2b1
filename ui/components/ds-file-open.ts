// The "open a file" button: picks a davscope recording or a HAR file and hands it up as an event.
import { LitElement, css, html } from 'lit';
import { emit } from './events.ts';

export class DsFileOpen extends LitElement {
  static styles = css`
    :host { display: inline-block; }
    button { font: inherit; font-size: 12px; padding: 3px 10px; border: 1px solid var(--border); background: var(--bg); color: var(--fg); border-radius: 3px; cursor: pointer; }
    input { display: none; }
  `;

  private picked(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) emit(this, 'file-chosen', { file });
    input.value = '';
  }

  render() {
    return html`<button @click=${() => this.renderRoot.querySelector('input')?.click()}>open recording or HAR…</button>
      <input type="file" accept=".jsonl,.json,.har,.ndjson,application/json" @change=${this.picked} />`;
  }
}
customElements.define('ds-file-open', DsFileOpen);
