// The Interop panel: sends the live session (or the shown rows) to servers given on the command
// line with --interop-target and opens the table they make. Targets are typed (names or URLs);
// the proxy refuses any that is not one of its own, and the panel says which it takes.
import { LitElement, css, html, nothing } from 'lit';
import { emit } from './events.ts';
import { runInteropFromPage, type InteropRunAsk } from '../lib/interop-run.ts';

export class DsInteropPanel extends LitElement {
  static properties = {
    targets: { attribute: false },
    shown: { attribute: false },
    shownCount: { attribute: false },
    total: { attribute: false },
    open: { state: true },
    typed: { state: true },
    scope: { state: true },
    reference: { state: true },
    progress: { state: true },
    message: { state: true },
    warnings: { state: true },
  };
  declare targets: readonly { readonly name: string; readonly url: string }[];
  /** The ids of the rows the list shows now. */
  declare shown: () => readonly string[];
  declare shownCount: number;
  declare total: number;
  declare open: boolean;
  declare typed: string | undefined;
  declare scope: 'all' | 'shown';
  /** The column cells are compared with; '' for the majority. */
  declare reference: string;
  declare progress: Map<string, string> | undefined;
  declare message: string | undefined;
  declare warnings: readonly string[];

  static styles = css`
    :host { display: block; border-bottom: 1px solid var(--border); font-size: 12px; }
    .bar { display: flex; gap: 8px; align-items: center; padding: 4px 10px; cursor: pointer; }
    .body { padding: 4px 10px 8px; display: grid; gap: 6px; }
    input.targets { width: 40em; font-family: var(--mono); }
    code { font-family: var(--mono); }
    .error { color: var(--error); }
    .dim { color: var(--fg-dim); }
    .error, .warning { padding: 2px 10px; }
  `;

  constructor() {
    super();
    this.targets = [];
    this.shown = () => [];
    this.shownCount = 0;
    this.total = 0;
    this.open = false;
    this.scope = 'all';
    this.reference = '';
    this.warnings = [];
  }

  private get text(): string {
    return this.typed ?? this.targets.map((t) => t.name).join(', ');
  }

  private async start() {
    const targets = this.text.split(/[\s,]+/).filter(Boolean);
    if (!targets.length) {
      this.message = 'type at least one target: a name or URL from the list below';
      return;
    }
    this.message = undefined;
    this.warnings = [];
    this.progress = new Map(targets.map((t) => [t, 'waiting']));
    const ask: InteropRunAsk = { targets, ...(this.scope === 'shown' ? { ids: this.shown() } : {}), ...(this.reference ? { reference: this.reference } : {}) };
    const end = await runInteropFromPage(ask, (target, n, total) => {
      this.progress = new Map(this.progress).set(target, `${n}/${total}`);
    });
    this.progress = undefined;
    this.warnings = end.warnings;
    if (end.error || !end.report) {
      this.message = end.error ?? 'no table came back';
      return;
    }
    emit(this, 'interop-report', { report: end.report, json: end.json ?? '' });
  }

  render() {
    const running = this.progress !== undefined;
    return html`
      <div class="bar" @click=${() => (this.open = !this.open)}>
        <span>${this.open ? '▾' : '▸'} Interop</span>
        <span class="summary dim">${running ? `running: ${[...this.progress!].map(([t, p]) => `${t} ${p}`).join(', ')}…` : `compare this session's answers with ${this.targets.map((t) => t.name).join(', ')}`}</span>
      </div>
      ${this.message ? html`<div class="error" role="alert">${this.message}</div>` : nothing}
      ${this.warnings.map((w) => html`<div class="warning dim" role="status">${w}</div>`)}
      ${this.open
        ? html`<div class="body">
            <label>Send to <input class="targets" .value=${this.text} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} placeholder="names or URLs, comma-separated" /></label>
            <div class="dim">davscope sends only to the servers it was started with (--interop-target):
              ${this.targets.map((t) => html`<code>${t.name}</code> = <code>${t.url}</code> `)}</div>
            <div>
              <label><input type="radio" name="scope" class="scope-all" .checked=${this.scope === 'all'} @change=${() => (this.scope = 'all')} /> the whole session (${this.total})</label>
              <label><input type="radio" name="scope" class="scope-shown" .checked=${this.scope === 'shown'} @change=${() => (this.scope = 'shown')} /> the shown rows (${this.shownCount})</label>
              <label>compare with <select class="reference" @change=${(e: Event) => (this.reference = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.reference === ''}>the majority</option>
                ${['session', ...this.targets.map((t) => t.name)].map((name) => html`<option value=${name} ?selected=${this.reference === name}>${name}</option>`)}
              </select></label>
              <button class="run" ?disabled=${running} @click=${() => this.start()}>${running ? 'running…' : 'Run'}</button>
            </div>
          </div>`
        : nothing}
    `;
  }
}
customElements.define('ds-interop-panel', DsInteropPanel);
