// The inspector's shell: passes the store's state down to the list, filter bar, detail and rules
// page, and turns their events into the store's intents and WebSocket messages. It loads nothing
// itself: rows come through the connection, full exchanges through ui/store/api-client.ts.
import { LitElement, css, html, nothing } from 'lit';
import { allRules } from '../../rules/registry.ts';
import type { InspectorStore } from '../store/inspector-store.ts';
import type { Connection } from '../store/connection.ts';
import { isEmptyFilter } from '../store/filter.ts';
import { readsWholeExchange } from '../../rules/filter/language.ts';
import { readSearch } from '../lib/search-stream.ts';
import { saveBlob } from '../lib/save-blob.ts';
import { openFileText } from '../lib/open-file.ts';
import type { DsEvent } from './events.ts';
import './ds-filter-bar.ts';
import './ds-exchange-list.ts';
import './ds-exchange-detail.ts';
import './ds-rules-page.ts';
import './ds-file-open.ts';
import './ds-intercept-panel.ts';
import './ds-faults-panel.ts';
import './ds-save-menu.ts';
import './ds-tls-help.ts';
import './ds-interop-view.ts';
import './ds-interop-panel.ts';
import { interopReportOf, type OpenedInterop } from '../lib/interop-report.ts';
import { draftOf, type EditorDraft, type Template } from '../lib/editor-draft.ts';
import { apiClient } from '../store/api-client.ts';
import { KEYS, keyAction } from '../lib/keys.ts';
import { cssProps } from '../lib/css-props.ts';
import type { WireExchange } from '../../rules/model/wire.ts';

const RULE_IDS = allRules.map((r) => r.id).sort();

export class DsApp extends LitElement {
  static properties = {
    store: { attribute: false },
    connection: { attribute: false },
    page: { state: true },
    fileMessage: { state: true },
    editor: { state: true },
    compare: { state: true },
    showKeys: { state: true },
    listWidth: { state: true },
    dragging: { state: true },
    showTls: { state: true },
    interop: { state: true },
  };
  /** An interop report (opened from a file or made by the Interop panel), shown above the traffic until closed. */
  declare interop: OpenedInterop | undefined;
  /** The JSON of a report the page's Interop panel made, for saving. */
  private interopJson: string | undefined;
  /** The HTTPS help (davscope's CA and how to trust it) is open. */
  declare showTls: boolean;
  declare store: InspectorStore | undefined;
  declare connection: Connection | undefined;
  declare page: 'traffic' | 'rules';
  declare fileMessage: string | undefined;
  declare dragging: boolean;
  /** The request editor, when open, in place of the detail. */
  declare editor: { readonly draft: EditorDraft; readonly templates?: readonly Template[] } | undefined;
  /** Two exchanges compared, in place of the detail. */
  declare compare: { readonly left?: WireExchange; readonly right?: WireExchange; readonly error?: string } | undefined;
  /** The list's width in px once the user dragged the divider; undefined: the default split. */
  declare listWidth: number | undefined;
  /** The "?" overlay listing the keys. */
  declare showKeys: boolean;
  /** An exchange the editor just sent, selected as soon as its row arrives. */
  private pendingSelect: string | undefined;

  private unsubscribe: (() => void) | undefined;

  static styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; }
    header { display: flex; align-items: center; gap: 12px; padding: 6px 10px; border-bottom: 1px solid var(--border); }
    h1 { font-size: 15px; margin: 0; }
    .conn { font-size: 12px; color: var(--fg-dim); }
    .conn.live::before { content: '●'; color: var(--ok); margin-right: 4px; }
    .conn.offline::before, .conn.connecting::before { content: '●'; color: var(--warning); margin-right: 4px; }
    nav { display: flex; gap: 2px; }
    nav button { font: inherit; font-size: 13px; border: none; background: none; color: var(--fg-dim); padding: 4px 10px; cursor: pointer; border-bottom: 2px solid transparent; }
    nav button.active { color: var(--fg); border-bottom-color: var(--accent); }
    .spacer { flex: 1; }
    .file { background: var(--info-bg); padding: 4px 10px; font-size: 12px; display: flex; gap: 10px; align-items: center; border-bottom: 1px solid var(--border); }
    .file button { font: inherit; font-size: 12px; cursor: pointer; }
    .error { background: var(--error-bg); color: var(--error); padding: 4px 10px; font-size: 12px; }
    .notice { background: var(--warning-bg); color: var(--fg); padding: 4px 10px; font-size: 12px; border-bottom: 1px solid var(--border); }
    .notice b { color: var(--warning); }
    main { flex: 1; display: flex; min-height: 0; }
    .list { flex: 1 1 55%; min-width: 0; display: flex; flex-direction: column; }
    .divider { flex: 0 0 5px; cursor: col-resize; background: var(--border); touch-action: none; }
    .divider:hover { background: var(--accent); }
    ds-exchange-detail, ds-request-editor, ds-compare-view { flex: 1 1 45%; min-width: 0; }
    header button.new-request { font: inherit; font-size: 12px; cursor: pointer; }
    ds-rules-page { flex: 1; }
    .keys { position: fixed; right: 16px; top: 48px; z-index: 20; background: var(--bg); border: 1px solid var(--border); padding: 8px 12px; font-size: 12px; box-shadow: 0 2px 8px rgb(0 0 0 / 15%); }
    .keys td { padding: 1px 8px 1px 0; }
    kbd { font-family: var(--mono); border: 1px solid var(--border); border-radius: 3px; padding: 0 4px; }
    .drop { position: fixed; inset: 0; background: color-mix(in srgb, var(--accent) 15%, transparent); border: 3px dashed var(--accent); display: flex; align-items: center; justify-content: center; font-size: 18px; pointer-events: none; }
  `;

  constructor() {
    super();
    this.page = 'traffic';
    this.dragging = false;
    this.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.dragging = true;
    });
    this.addEventListener('dragleave', () => (this.dragging = false));
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      this.dragging = false;
      const file = e.dataTransfer?.files?.[0];
      if (file) void this.openFile(file);
    });
  }

  private onKeydown = (e: KeyboardEvent) => {
    const s = this.store;
    if (!s || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const inInput = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
    const action = keyAction(e.key, inInput);
    if (!action) return;
    const bar = () => this.renderRoot.querySelector('ds-filter-bar');
    const list = () => this.renderRoot.querySelector('ds-exchange-list') as (HTMLElement & { focusList(): void }) | null;
    e.preventDefault();
    switch (action) {
      case 'focus-filter':
        (bar()?.shadowRoot?.querySelector('input.text') as HTMLInputElement | null)?.focus();
        return;
      case 'clear-filter':
        s.resetFilter();
        list()?.focusList();
        return;
      case 'next':
      case 'previous':
        s.move(action === 'next' ? 1 : -1);
        return;
      case 'next-finding':
      case 'previous-finding':
        s.jumpToFinding(action === 'next-finding' ? 1 : -1);
        return;
      case 'first':
        s.selectEdge(e.key === 'End' ? -1 : 0);
        return;
      case 'last':
        s.selectEdge(-1);
        return;
      case 'open':
        return;
      case 'help':
        this.showKeys = !this.showKeys;
        return;
    }
  };

  firstUpdated() {
    // Keyboard users start in the list.
    void this.updateComplete.then(() => (this.renderRoot.querySelector('ds-exchange-list') as (HTMLElement & { focusList(): void }) | null)?.focusList());
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKeydown);
    this.unsubscribe = this.store?.subscribe(() => this.onStoreChange());
  }

  private onStoreChange() {
    this.selectPending();
    this.askServerFilterAgain();
    this.requestUpdate();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeydown);
    this.unsubscribe?.();
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('store') && this.isConnected) {
      this.unsubscribe?.();
      this.unsubscribe = this.store?.subscribe(() => this.onStoreChange());
    }
  }

  private onInteropReport = (e: DsEvent<'interop-report'>) => {
    this.interop = e.detail.report;
    this.interopJson = e.detail.json;
  };

  /** Downloads the report the Interop panel made: `davscope interop --format json`'s shape, which this page opens again. */
  private saveInterop() {
    if (!this.interopJson) return;
    saveBlob(new Blob([this.interopJson], { type: 'application/json' }), `davscope-interop-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  }

  private async openFile(file: File) {
    const s = this.store;
    if (!s) return;
    this.fileMessage = undefined;
    try {
      const text = await file.text();
      const report = interopReportOf(text);
      if (report) {
        this.interop = report;
        this.interopJson = undefined;
        return;
      }
      const result = openFileText(text);
      s.openFile({ name: file.name, format: result.format, warnings: result.warnings }, result.rows, result.exchanges);
      this.page = 'traffic';
    } catch (err) {
      this.fileMessage = `Could not open ${file.name}: ${(err as Error).message}`;
    }
  }

  private onFilter = (e: DsEvent<'filter-change'>) => {
    this.store?.setFilter(e.detail);
    if (e.detail.text !== undefined) this.searchServer(e.detail.text);
    if (e.detail.expr !== undefined) this.filterServer(e.detail.expr, 250);
  };

  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  /** The question the proxy is answering now; a newer one abandons it (the proxy stops scanning). */
  private filterQuestion: AbortController | undefined;

  /** Asks the proxy to judge a body/XML/one-side-header expression on every exchange it keeps, since
   *  the page holds only the exchanges it opened (debounced; one question at a time). */
  private filterServer(expr: string, delayMs: number) {
    clearTimeout(this.filterTimer);
    this.filterTimer = undefined;
    this.filterQuestion?.abort();
    this.filterQuestion = undefined;
    if (this.store?.view !== 'live' || !readsWholeExchange(expr)) return;
    this.filterTimer = setTimeout(async () => {
      this.filterTimer = undefined;
      const question = (this.filterQuestion = new AbortController());
      try {
        // Newest first, as found: exchanges it has not reached yet show once it does.
        const before = this.store?.live.all.at(-1)?.seq ?? 0;
        const end = await readSearch(
          `filter=${encodeURIComponent(expr)}`,
          (ids, end) => {
            if (this.store?.filter.expr.trim() === expr.trim()) this.store.setServerFilterMatches(expr, ids, end?.throughSeq ?? before);
          },
          question.signal,
        );
        if (end?.error) this.fileMessage = `davscope stopped judging the filter: ${end.error}`;
      } catch {
        // abandoned for a newer question, or offline: rows are judged on what the page has loaded
      } finally {
        if (this.filterQuestion === question) this.filterQuestion = undefined;
      }
    }, delayMs);
  }

  /** New exchanges arrived since the server judged the expression: ask again, at most once a second. */
  private askServerFilterAgain() {
    const s = this.store;
    const through = s?.serverFilterThroughSeq;
    if (!s || through === undefined || this.filterTimer !== undefined || this.filterQuestion !== undefined) return;
    const newest = s.live.all.at(-1)?.seq ?? 0;
    if (newest > through) this.filterServer(s.filter.expr, 1000);
  }

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchQuestion: AbortController | undefined;

  /** Asks the proxy which exchanges hold the text in bodies this page has not loaded (debounced; a newer text abandons the last question). */
  private searchServer(text: string) {
    clearTimeout(this.searchTimer);
    this.searchQuestion?.abort();
    this.searchQuestion = undefined;
    const q = text.trim();
    if (q.length < 2 || this.store?.view !== 'live') return;
    this.searchTimer = setTimeout(async () => {
      const question = (this.searchQuestion = new AbortController());
      try {
        await readSearch(
          `q=${encodeURIComponent(q)}`,
          (ids) => {
            if (this.store?.filter.text.trim() === q) this.store.setServerMatches(q, ids);
          },
          question.signal,
        );
      } catch {
        // abandoned, or offline: the page's own search still works
      } finally {
        if (this.searchQuestion === question) this.searchQuestion = undefined;
      }
    }, 250);
  }

  private onClear = () => {
    const msg = this.store?.clear();
    if (msg && !this.connection?.send(msg)) this.fileMessage = 'Not connected to davscope: nothing was cleared.';
  };

  private select = (e: DsEvent<'select-exchange'>) => {
    this.compare = undefined;
    this.store?.select(e.detail.id);
  };

  private openEditor = async (e: DsEvent<'edit-request'>) => {
    const s = this.store;
    if (!s) return;
    this.compare = undefined;
    // The editor and CodeMirror load on first use, keeping them out of the page's first load.
    await import('./ds-request-editor.ts');
    const ex = e.detail.id === undefined ? undefined : s.detail(e.detail.id);
    if (ex) {
      this.editor = { draft: draftOf(ex, s.view === 'live') };
      return;
    }
    let templates: Template[] = [];
    try {
      const res = await fetch('/api/compose');
      if (res.ok) templates = (await res.json()) as Template[];
    } catch {
      // no templates: the editor still works blank
    }
    this.editor = { draft: { method: 'PROPFIND', target: '/', headers: [['Depth', '0']], body: '' }, templates };
  };

  private sent = (e: DsEvent<'request-sent'>) => {
    this.editor = undefined;
    this.store?.showLive();
    this.pendingSelect = e.detail.id;
    this.selectPending();
  };

  private selectPending() {
    const s = this.store;
    const id = this.pendingSelect;
    if (id !== undefined && s?.rows.get(id)) {
      // Cleared first: select() notifies the store's listeners, this one included.
      this.pendingSelect = undefined;
      s.select(id);
    }
  }

  private openCompare = async (e: DsEvent<'compare-exchange'>) => {
    this.editor = undefined;
    this.compare = {};
    await import('./ds-compare-view.ts');
    const api = apiClient();
    try {
      const [left, right] = await Promise.all([api.exchange(e.detail.id), api.exchange(e.detail.with)]);
      this.compare = { left, right };
    } catch (err) {
      this.compare = { error: `Could not load both exchanges: ${(err as Error).message}` };
    }
  };

  private renderSide(s: InspectorStore) {
    if (this.editor) {
      return html`<ds-request-editor .draft=${this.editor.draft} .templates=${this.editor.templates} @request-sent=${this.sent} @editor-close=${() => (this.editor = undefined)}></ds-request-editor>`;
    }
    if (this.compare) {
      return this.compare.error
        ? html`<div class="error" role="alert">${this.compare.error}</div>`
        : html`<ds-compare-view .left=${this.compare.left} .right=${this.compare.right} @compare-close=${() => (this.compare = undefined)}></ds-compare-view>`;
    }
    const selected = s.selected;
    return html`<ds-exchange-detail
      .row=${selected}
      .exchange=${selected ? s.detail(selected.id) : undefined}
      .loadError=${s.detailError}
      .silenced=${s.silenced}
      .proxyUrl=${s.info?.proxyUrl}
      .occurrences=${(ruleId: string) => (selected ? s.occurrences(ruleId, selected.method) : undefined)}
      @filter-change=${this.onFilter}
      @edit-request=${this.openEditor}
      @compare-exchange=${this.openCompare}
      @select-exchange=${this.select}
    ></ds-exchange-detail>`;
  }

  private move = (e: DsEvent<'move-selection'>) => this.store?.move(e.detail.step);

  private open = (e: DsEvent<'open-exchange'>) => {
    this.store?.select(e.detail.id);
    this.renderRoot.querySelector('ds-exchange-detail')?.scrollTo({ top: 0 });
  };

  /** Dragging the divider between list and detail resizes the list, within the window. */
  private startResize = (e: PointerEvent) => {
    e.preventDefault();
    const divider = e.currentTarget as HTMLElement;
    divider.setPointerCapture(e.pointerId);
    const main = this.renderRoot.querySelector('main')!;
    const left = main.getBoundingClientRect().left;
    const move = (m: PointerEvent) => (this.listWidth = Math.max(280, Math.min(main.clientWidth - 280, m.clientX - left)));
    const up = () => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
  };

  private renderTraffic(s: InspectorStore) {
    const rows = s.visible;
    const emptyKind = s.rows.size > 0 || !isEmptyFilter(s.filter) ? (s.rows.size === 0 && s.view === 'file' ? 'file-empty' : 'filtered') : s.view === 'file' ? 'file-empty' : 'no-traffic';
    return html`
      <div class="list" ${cssProps({ flex: this.listWidth === undefined ? '1 1 55%' : `0 0 ${this.listWidth}px` })}>
        <ds-filter-bar
          .filter=${s.filter}
          .ruleIds=${RULE_IDS}
          .paused=${s.paused}
          .heldBack=${s.heldBack}
          .shown=${rows.length}
          .total=${s.rows.size}
          .canPause=${s.view === 'live'}
          @filter-change=${this.onFilter}
          @filter-reset=${() => s.resetFilter()}
          @pause-toggle=${() => (s.paused ? s.resume() : s.pause())}
          @clear-request=${this.onClear}
        ></ds-filter-bar>
        <ds-exchange-list
          .rows=${rows}
          .selectedId=${s.selectedId}
          .silenced=${s.silenced}
          .emptyKind=${emptyKind}
          .proxyUrl=${s.info?.proxyUrl}
          @select-exchange=${this.select}
          @move-selection=${this.move}
          @open-exchange=${this.open}
        ></ds-exchange-list>
      </div>
      <div class="divider" title="drag to resize" @pointerdown=${this.startResize}></div>
      ${this.renderSide(s)}
    `;
  }

  render() {
    const s = this.store;
    if (!s) return nothing;
    const file = s.view === 'file' ? s.openedFile : undefined;
    return html`
      <header>
        <h1>davscope</h1>
        <span class="conn ${s.status}">${s.status === 'live' ? (s.info?.demo ? 'demo · a replay of a recorded Radicale session (start davscope with --target URL to see your own server)' : `live · ${s.info?.upstream ?? ''}`) : s.status === 'connecting' ? 'connecting…' : 'disconnected: retrying'}</span>
        <nav>
          <button class=${this.page === 'traffic' ? 'active' : ''} @click=${() => (this.page = 'traffic')}>Traffic</button>
          <button class="rules-tab ${this.page === 'rules' ? 'active' : ''}" @click=${() => (this.page = 'rules')}>Rules</button>
        </nav>
        <span class="spacer"></span>
        ${s.info?.tls?.ca ? html`<button class="tls-help" @click=${() => (this.showTls = !this.showTls)}>HTTPS: trust the CA</button>` : nothing}
        ${s.view === 'live'
          ? html`<button class="new-request" @click=${() => this.openEditor(new CustomEvent('edit-request', { detail: {} }))}>New request</button>
              <ds-save-menu .shown=${() => s.visible.map((r) => r.id)} .shownCount=${s.visible.length} .selectedId=${s.selectedId} .total=${s.live.size}></ds-save-menu>`
          : nothing}
        <ds-file-open @file-chosen=${(e: DsEvent<'file-chosen'>) => this.openFile(e.detail.file)}></ds-file-open>
      </header>
      ${this.showTls || (s.info?.tls?.ca && location.hash === '#tls') ? html`<ds-tls-help .proxyUrl=${s.info?.proxyUrl ?? 'https://127.0.0.1:8088'}></ds-tls-help>` : nothing}
      ${this.interop
        ? html`<div class="file"><span>Showing the interop report of <b>${this.interop.recording}</b></span> ${this.interopJson ? html`<button class="save-interop" @click=${() => this.saveInterop()}>save JSON</button>` : nothing} <button class="close-interop" @click=${() => (this.interop = undefined)}>close</button></div>
            <ds-interop-view .report=${this.interop}></ds-interop-view>`
        : nothing}
      ${file
        ? html`<div class="file">
            <span>Showing <b>${file.name}</b> (${file.format === 'har' ? 'HAR' : 'davscope recording'}, analysed in this page)${file.warnings.length ? ` · ${file.warnings.length} warning(s): ${file.warnings.slice(0, 3).join('; ')}` : ''}</span>
            <button class="back-live" @click=${() => s.showLive()}>back to live traffic</button>
          </div>`
        : nothing}
      ${s.notices.map((n) => html`<div class="notice" role="alert"><b>davscope:</b> ${n.text}</div>`)}
      ${this.fileMessage ? html`<div class="error" role="alert">${this.fileMessage}</div>` : nothing}
      ${s.view === 'live' ? html`<ds-intercept-panel .state=${s.intercept}></ds-intercept-panel><ds-faults-panel .faults=${s.faults}></ds-faults-panel>` : nothing}
      ${s.view === 'live' && s.info?.interopTargets?.length
        ? html`<ds-interop-panel .targets=${s.info.interopTargets} .shown=${() => s.visible.map((r) => r.id)} .shownCount=${s.visible.length} .total=${s.live.size} @interop-report=${this.onInteropReport}></ds-interop-panel>`
        : nothing}
      <main>
        ${this.page === 'traffic'
          ? this.renderTraffic(s)
          : html`<ds-rules-page .rules=${allRules} .silenced=${s.silenced} @silence-rule=${(e: DsEvent<'silence-rule'>) => s.silence(e.detail.ruleId, e.detail.on)}></ds-rules-page>`}
      </main>
      ${this.showKeys
        ? html`<div class="keys" role="dialog" aria-label="keyboard shortcuts"><b>Keys</b> <button @click=${() => (this.showKeys = false)}>close</button>
            <table>${KEYS.map((k) => html`<tr><td><kbd>${k.keys}</kbd></td><td>${k.what}</td></tr>`)}</table></div>`
        : nothing}
      ${this.dragging ? html`<div class="drop">Drop a davscope recording or a HAR file to analyse it here</div>` : nothing}
    `;
  }
}
customElements.define('ds-app', DsApp);
