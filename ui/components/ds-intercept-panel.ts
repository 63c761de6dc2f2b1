// Intercept in the page: the toggle and filter, and the requests being held, each to continue as
// sent, edit and continue, or abort. Talks to the writable API itself (ui/lib/post-json.ts); the
// state comes down from the store, which follows the server's 'intercept' messages.
import { LitElement, css, html, nothing } from 'lit';
import type { HeldRequest, InterceptState } from '../../rules/model/protocol.ts';
import { postJson, type PostResult } from '../lib/post-json.ts';
import { headerIn, headersFromText, headersToText } from '../lib/header-lines.ts';
import { languageOf } from '../lib/code-language.ts';

interface Draft {
  method: string;
  target: string;
  /** For a held response: the status to send back. */
  status: string;
  headers: string;
  body: string;
}

export class DsInterceptPanel extends LitElement {
  static properties = {
    state: { attribute: false },
    post: { attribute: false },
    filterText: { state: true },
    drafts: { state: true },
    message: { state: true },
    now: { state: true },
  };
  declare state: InterceptState | undefined;
  /** How actions reach the server (postJson on the page; replaceable in tests). */
  declare post: (path: string, value: unknown) => Promise<PostResult>;
  declare filterText: string | undefined;
  declare drafts: ReadonlyMap<string, Draft>;
  declare message: string | undefined;
  declare now: number;
  private tick: ReturnType<typeof setInterval> | undefined;

  static styles = css`
    :host { display: block; border-bottom: 1px solid var(--border); font-size: 12px; }
    .bar { display: flex; gap: 8px; align-items: center; padding: 4px 10px; }
    .bar input[type='text'] { font: inherit; font-family: var(--mono, monospace); width: 22em; }
    .held { background: var(--warning-bg); }
    .item { display: flex; gap: 8px; align-items: center; padding: 3px 10px; border-top: 1px solid var(--border); }
    .item .what { font-family: var(--mono, monospace); flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .left { color: var(--fg-dim); }
    .form { display: grid; grid-template-columns: 6em 1fr; gap: 4px 8px; padding: 6px 10px; border-top: 1px dashed var(--border); }
    .form input, .form textarea { font: inherit; font-family: var(--mono, monospace); }
    .form textarea.headers { min-height: 6em; }
    .error { color: var(--error); padding: 2px 10px; }
    button { font: inherit; font-size: 12px; cursor: pointer; }
  `;

  constructor() {
    super();
    this.post = postJson;
    this.drafts = new Map();
    this.now = Date.now();
  }

  connectedCallback() {
    super.connectedCallback();
    // The countdown to each hold's automatic continue.
    this.tick = setInterval(() => {
      if (this.state?.held.length) this.now = Date.now();
    }, 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.tick);
  }

  private async act(path: string, value: unknown): Promise<boolean> {
    this.message = undefined;
    const r = await this.post(path, value);
    if (!r.ok) this.message = r.error;
    return r.ok;
  }

  private toggle(enabled: boolean, responses = this.state?.responses ?? false) {
    void this.act('/api/intercept', { enabled, filter: this.filterText ?? this.state?.filter ?? '', responses });
  }

  private setDraft(id: string, draft: Draft | undefined) {
    const next = new Map(this.drafts);
    if (draft) next.set(id, draft);
    else next.delete(id);
    this.drafts = next;
  }

  private async edit(h: HeldRequest) {
    // CodeMirror loads on first use, out of the page's first load.
    await import('./ds-code-editor.ts');
    this.setDraft(h.id, { method: h.method, target: h.target, status: String(h.status ?? ''), headers: headersToText(h.headers), body: h.body?.encoding === 'utf8' ? h.body.data : '' });
  }

  private async continueEdited(h: HeldRequest, d: Draft) {
    const parsed = headersFromText(d.headers);
    if ('error' in parsed) {
      this.message = parsed.error;
      return;
    }
    const body = h.body?.encoding === 'base64' && d.body === '' ? {} : { body: d.body };
    const head = h.phase === 'response' ? { status: Number(d.status) } : { method: d.method, target: d.target };
    if (await this.act(`/api/intercept/${encodeURIComponent(h.id)}/continue`, { ...head, headers: parsed.headers, ...body })) this.setDraft(h.id, undefined);
  }

  private renderItem(h: HeldRequest) {
    const d = this.drafts.get(h.id);
    const left = Math.max(0, Math.ceil((h.continuesAt - this.now) / 1000));
    const path = `/api/intercept/${encodeURIComponent(h.id)}`;
    return html`
      <div class="item" data-id=${h.id}>
        <span class="what">${h.phase === 'response' ? `#${h.id} ← ${h.status} ${h.statusText ?? ''} for ${h.method} ${h.target}` : `#${h.id} ${h.method} ${h.target}`}</span>
        <span class="left" title="continues unchanged if nobody answers">continues in ${left} s</span>
        <button class="continue" @click=${() => this.act(`${path}/continue`, {})}>Continue</button>
        ${h.editable ? html`<button class="edit" @click=${() => (d ? this.setDraft(h.id, undefined) : this.edit(h))}>${d ? 'Cancel edit' : 'Edit…'}</button>` : html`<span class="left">${h.reason}</span>`}
        <button class="abort" @click=${() => this.act(`${path}/abort`, {})}>Abort</button>
      </div>
      ${d
        ? html`<div class="form">
            ${h.phase === 'response'
              ? html`<label>Status</label><input class="status" type="text" inputmode="numeric" .value=${d.status} @input=${(e: Event) => this.setDraft(h.id, { ...d, status: (e.target as HTMLInputElement).value })} />`
              : html`<label>Method</label><input class="method" type="text" .value=${d.method} @input=${(e: Event) => this.setDraft(h.id, { ...d, method: (e.target as HTMLInputElement).value })} />
                  <label>Target</label><input class="target" type="text" .value=${d.target} @input=${(e: Event) => this.setDraft(h.id, { ...d, target: (e.target as HTMLInputElement).value })} />`}
            <label>Headers</label><textarea class="headers" .value=${d.headers} @input=${(e: Event) => this.setDraft(h.id, { ...d, headers: (e.target as HTMLTextAreaElement).value })}></textarea>
            <label>Body</label>${h.body?.encoding === 'base64'
              ? html`<span class="left">a binary body: sent as it came</span>`
              : html`<ds-code-editor class="body" .value=${d.body} .language=${languageOf(headerIn(h.headers, 'content-type'), d.body)} @code-change=${(e: CustomEvent<{ value: string }>) => this.setDraft(h.id, { ...d, body: e.detail.value })}></ds-code-editor>`}
            <span></span><span><button class="send-edited" @click=${() => this.continueEdited(h, d)}>Continue edited</button> Content-Length is set from the body.</span>
          </div>`
        : nothing}
    `;
  }

  render() {
    const s = this.state;
    if (!s) return nothing;
    return html`
      <div class="bar ${s.held.length ? 'held' : ''}">
        <label><input class="toggle" type="checkbox" .checked=${s.enabled} @change=${(e: Event) => this.toggle((e.target as HTMLInputElement).checked)} /> Intercept</label>
        <input
          class="filter"
          type="text"
          placeholder="all requests; e.g. method:PUT path:/calendars/"
          .value=${this.filterText ?? s.filter}
          @input=${(e: Event) => (this.filterText = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.toggle(true)}
        />
        <label title="hold the responses to the picked requests too, before they go back to the client"><input class="responses" type="checkbox" .checked=${s.responses} @change=${(e: Event) => this.toggle(s.enabled, (e.target as HTMLInputElement).checked)} /> responses too</label>
        <span>${s.enabled ? `${s.held.length} held` : 'off: requests pass through'}</span>
      </div>
      ${this.message ? html`<div class="error" role="alert">${this.message}</div>` : nothing}
      ${s.held.map((h) => this.renderItem(h))}
    `;
  }
}
customElements.define('ds-intercept-panel', DsInterceptPanel);
