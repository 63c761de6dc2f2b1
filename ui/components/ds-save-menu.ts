// "Save…" in the header: downloads the live session (all of it, what the filter shows, or the
// selected exchange) as a davscope recording or HAR, redacted as --record redacts unless the user
// chooses to keep credentials. The file comes from POST /api/export.
import { LitElement, css, html, nothing } from 'lit';
import { saveBlob } from '../lib/save-blob.ts';

type Which = 'all' | 'shown' | 'selected';

export class DsSaveMenu extends LitElement {
  static properties = {
    shown: { attribute: false },
    shownCount: { attribute: false },
    selectedId: { attribute: false },
    total: { attribute: false },
    open: { state: true },
    which: { state: true },
    format: { state: true },
    keepSecrets: { state: true },
    message: { state: true },
  };
  /** The ids the filter shows, asked for only when downloading (the list may hold 50,000). */
  declare shown: () => readonly string[];
  declare shownCount: number;
  declare selectedId: string | undefined;
  declare total: number;
  declare open: boolean;
  declare which: Which;
  declare format: 'recording' | 'har';
  declare keepSecrets: boolean;
  declare message: string | undefined;

  static styles = css`
    :host { position: relative; font-size: 12px; }
    button { font: inherit; font-size: 12px; cursor: pointer; }
    .panel { position: absolute; right: 0; top: 26px; z-index: 10; background: var(--bg); border: 1px solid var(--border); padding: 8px 10px; width: 22em; display: grid; gap: 6px; box-shadow: 0 2px 8px rgb(0 0 0 / 15%); }
    .warn { color: var(--warning); }
    .error { color: var(--error); }
  `;

  constructor() {
    super();
    this.shown = () => [];
    this.shownCount = 0;
    this.total = 0;
    this.open = false;
    this.which = 'all';
    this.format = 'recording';
    this.keepSecrets = false;
  }

  private async download() {
    this.message = undefined;
    const ids = this.which === 'shown' ? this.shown() : this.which === 'selected' && this.selectedId !== undefined ? [this.selectedId] : undefined;
    let res: Response;
    try {
      res = await fetch('/api/export', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ format: this.format, keepSecrets: this.keepSecrets, ...(ids ? { ids } : {}) }) });
    } catch (err) {
      this.message = `davscope did not answer: ${(err as Error).message}`;
      return;
    }
    if (!res.ok) {
      this.message = `davscope answered ${res.status}: ${await res.text()}`;
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'davscope-session';
    saveBlob(await res.blob(), name);
    this.open = false;
  }

  render() {
    return html`
      <button class="save" @click=${() => (this.open = !this.open)}>Save…</button>
      ${this.open
        ? html`<div class="panel">
            <label><input type="radio" name="which" value="all" .checked=${this.which === 'all'} @change=${() => (this.which = 'all')} /> all ${this.total} live exchanges</label>
            <label><input type="radio" name="which" value="shown" .checked=${this.which === 'shown'} @change=${() => (this.which = 'shown')} /> the ${this.shownCount} the filter shows</label>
            <label><input type="radio" name="which" value="selected" ?disabled=${this.selectedId === undefined} .checked=${this.which === 'selected'} @change=${() => (this.which = 'selected')} /> the selected exchange</label>
            <label>as <select class="format" @change=${(e: Event) => (this.format = (e.target as HTMLSelectElement).value as 'recording' | 'har')}>
              <option value="recording" ?selected=${this.format === 'recording'}>davscope recording (.jsonl: lint, replay, export read it)</option>
              <option value="har" ?selected=${this.format === 'har'}>HAR 1.2 (browsers, HTTP Toolkit, Charles)</option>
            </select></label>
            <label><input class="keep-secrets" type="checkbox" .checked=${this.keepSecrets} @change=${(e: Event) => (this.keepSecrets = (e.target as HTMLInputElement).checked)} /> keep credentials</label>
            ${this.keepSecrets ? html`<div class="warn">The file will hold passwords and tokens as sent: do not share it.</div>` : html`<div>Authorization, cookies, URL passwords and token parameters are replaced by [redacted], as with --record.</div>`}
            <button class="download" @click=${() => this.download()}>Download</button>
            ${this.message ? html`<div class="error" role="alert">${this.message}</div>` : nothing}
          </div>`
        : nothing}
    `;
  }
}
customElements.define('ds-save-menu', DsSaveMenu);
