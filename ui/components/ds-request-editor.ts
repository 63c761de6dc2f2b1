// The request editor: "Edit and resend" on an exchange, or "New request" from the composer's
// templates. Method, request-target, headers in wire order, the body in a code editor with a
// pretty-print preview that is sent only when accepted. Sends through POST /api/send; raises
// request-sent with the new exchange's id, or editor-close.
import { LitElement, css, html, nothing } from 'lit';
import { headerIn, headersFromText, headersToText } from '../lib/header-lines.ts';
import { postJson, type PostResult } from '../lib/post-json.ts';
import { prettyBody } from '../lib/pretty-body.ts';
import { languageOf } from '../lib/code-language.ts';
import { emit } from './events.ts';
import type { EditorDraft, Template } from '../lib/editor-draft.ts';
import './ds-code-editor.ts';

export class DsRequestEditor extends LitElement {
  static properties = {
    draft: { attribute: false },
    templates: { attribute: false },
    post: { attribute: false },
    method: { state: true },
    target: { state: true },
    headersText: { state: true },
    body: { state: true },
    pretty: { state: true },
    credentials: { state: true },
    message: { state: true },
    sending: { state: true },
    needs: { state: true },
  };
  declare draft: EditorDraft | undefined;
  /** The composer's templates, for a new request; undefined when editing an exchange. */
  declare templates: readonly Template[] | undefined;
  declare post: (path: string, value: unknown) => Promise<PostResult>;
  declare method: string;
  declare target: string;
  declare headersText: string;
  declare body: string;
  declare pretty: boolean;
  /** Header names the server asked credentials for, with what the user typed. */
  declare credentials: ReadonlyMap<string, string>;
  declare message: string | undefined;
  declare sending: boolean;
  declare needs: string | undefined;
  private loadedFrom: EditorDraft | undefined;

  static styles = css`
    :host { display: block; padding: 10px 14px; overflow: auto; height: 100%; box-sizing: border-box; font-size: 12px; }
    h3 { margin: 0 0 8px; font-size: 15px; }
    .grid { display: grid; grid-template-columns: 6em 1fr; gap: 6px 8px; align-items: start; }
    input, textarea, select { font: inherit; font-family: var(--mono); }
    textarea.headers { min-height: 8em; width: 100%; box-sizing: border-box; }
    .row { display: flex; gap: 8px; align-items: center; }
    .error { color: var(--error); margin: 6px 0; }
    .needs { color: var(--warning); }
    .meta { color: var(--fg-dim); }
    button { font: inherit; font-size: 12px; padding: 2px 10px; cursor: pointer; }
  `;

  constructor() {
    super();
    this.post = postJson;
    this.method = 'GET';
    this.target = '/';
    this.headersText = '';
    this.body = '';
    this.pretty = false;
    this.credentials = new Map();
    this.sending = false;
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('draft') && this.draft && this.draft !== this.loadedFrom) this.load(this.draft);
  }

  private load(d: EditorDraft, needs?: string) {
    this.loadedFrom = d;
    this.method = d.method;
    this.target = d.target;
    this.headersText = headersToText(d.headers);
    this.body = d.body;
    this.pretty = false;
    this.credentials = new Map();
    this.message = undefined;
    this.needs = needs;
  }

  private useTemplate(id: string) {
    const t = this.templates?.find((x) => x.id === id);
    if (t) this.load({ method: t.method, target: t.target, headers: t.headers, body: t.body }, t.needs);
  }

  private async send() {
    const parsed = headersFromText(this.headersText);
    if ('error' in parsed) {
      this.message = parsed.error;
      return;
    }
    // Credentials the server asked for replace the redacted values they stand for.
    const headers = parsed.headers.map(([n, v]): [string, string] => [n, this.credentials.get(n) || v]);
    const d = this.loadedFrom;
    const body = d?.bodyBase64 !== undefined ? { bodyBase64: d.bodyBase64 } : { body: this.body };
    this.sending = true;
    this.message = undefined;
    const r = await this.post('/api/send', { method: this.method, target: this.target, headers, ...body, ...(d?.resentFrom !== undefined ? { resentFrom: d.resentFrom } : {}) });
    this.sending = false;
    if (r.ok && typeof r.body.id === 'string') {
      emit(this, 'request-sent', { id: r.body.id });
      return;
    }
    const asked = r.body.needsCredentials;
    if (r.status === 422 && Array.isArray(asked)) this.credentials = new Map(asked.map((n) => [String(n), this.credentials.get(String(n)) ?? '']));
    this.message = r.error;
  }

  private renderBody() {
    const d = this.loadedFrom;
    if (d?.bodyBase64 !== undefined) return html`<span class="meta">a binary or compressed body: sent as it was captured</span>`;
    const contentType = headerIn(headersFromTextSafe(this.headersText), 'content-type');
    const language = languageOf(contentType, this.body);
    const pretty = this.pretty ? prettyBody(this.body, contentType) : undefined;
    return html`
      <div>
        <ds-code-editor class="body" .value=${this.body} .language=${language} @code-change=${(e: CustomEvent<{ value: string }>) => (this.body = e.detail.value)}></ds-code-editor>
        <div class="row">
          <label><input class="pretty" type="checkbox" .checked=${this.pretty} @change=${(e: Event) => (this.pretty = (e.target as HTMLInputElement).checked)} /> pretty-print (a preview: what is sent changes only if you use it)</label>
        </div>
        ${this.pretty
          ? pretty === undefined
            ? html`<div class="meta">Nothing to pretty-print: the body is already tidy, is not XML or iCalendar, or would change meaning.</div>`
            : html`<ds-code-editor class="pretty-preview" readonly .value=${pretty} .language=${language}></ds-code-editor>
                <button class="use-pretty" @click=${() => ((this.body = pretty), (this.pretty = false))}>Use pretty-printed body</button>`
          : nothing}
      </div>
    `;
  }

  render() {
    const d = this.loadedFrom;
    const title = d?.resentFrom !== undefined ? `Edit and resend #${d.resentFrom}` : this.templates ? 'New request' : 'Edit and send';
    return html`
      <h3>${title}</h3>
      ${this.templates
        ? html`<div class="row">
            <label>Template <select class="template" @change=${(e: Event) => this.useTemplate((e.target as HTMLSelectElement).value)}>
              <option value="">choose…</option>
              ${this.templates.map((t) => html`<option value=${t.id}>${t.title}</option>`)}
            </select></label>
            ${this.templates.length === 0 ? html`<span class="meta">no templates: the proxy offers none yet</span>` : nothing}
          </div>`
        : nothing}
      ${this.needs ? html`<div class="needs">${this.needs}</div>` : nothing}
      <div class="grid">
        <label>Method</label><input class="method" type="text" .value=${this.method} @input=${(e: Event) => (this.method = (e.target as HTMLInputElement).value)} />
        <label>Target</label><input class="target" type="text" .value=${this.target} @input=${(e: Event) => (this.target = (e.target as HTMLInputElement).value)} />
        <label>Headers</label><textarea class="headers" .value=${this.headersText} @input=${(e: Event) => (this.headersText = (e.target as HTMLTextAreaElement).value)}></textarea>
        <label>Body</label>${this.renderBody()}
        ${[...this.credentials.keys()].map(
          (name) => html`<label>${name}</label><input class="credential" type="password" placeholder="the real value, e.g. Basic dXNlcjpwYXNz" @input=${(e: Event) => (this.credentials = new Map(this.credentials).set(name, (e.target as HTMLInputElement).value))} />`,
        )}
      </div>
      ${this.message ? html`<div class="error" role="alert">${this.message}</div>` : nothing}
      <div class="row">
        <button class="send" ?disabled=${this.sending} @click=${() => this.send()}>${this.sending ? 'Sending…' : 'Send'}</button>
        <button class="cancel" @click=${() => emit(this, 'editor-close', undefined)}>Close</button>
        <span class="meta">Goes to the configured upstream through the proxy; Host is added when absent and Content-Length is set from the body.</span>
      </div>
    `;
  }
}

function headersFromTextSafe(text: string): [string, string][] {
  const parsed = headersFromText(text);
  return 'error' in parsed ? [] : parsed.headers;
}

customElements.define('ds-request-editor', DsRequestEditor);
