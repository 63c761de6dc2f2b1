// The exchange list: virtualised (only the rows in view are in the DOM, so 100,000 rows scroll), rows
// appear live and the list follows the tail unless the user scrolled up; ↑/↓ move, Enter opens.
import { LitElement, css, html, nothing } from 'lit';
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import { effectiveCounts } from '../store/filter.ts';
import { RowList } from '../store/row-list.ts';
import { emit } from './events.ts';
import { cssProps } from '../lib/css-props.ts';
import { bytes, clock, duration, relativeTarget, originTag } from '../lib/format.ts';
import './ds-severity-badges.ts';

export const ROW_HEIGHT = 24;
const OVERSCAN = 10;

export class DsExchangeList extends LitElement {
  static properties = {
    rows: { attribute: false },
    selectedId: { attribute: false },
    silenced: { attribute: false },
    emptyKind: { attribute: false },
    proxyUrl: { attribute: false },
    scrollTop: { state: true },
    viewHeight: { state: true },
    follow: { state: true },
  };
  /** Immutable: the store hands over a new list on every change, so lit sees it changed. */
  declare rows: RowList;
  declare selectedId: string | undefined;
  declare silenced: ReadonlySet<string>;
  /** Why the list is empty: nothing captured yet, or the filter hides everything. */
  declare emptyKind: 'no-traffic' | 'filtered' | 'file-empty';
  declare proxyUrl: string | undefined;
  declare scrollTop: number;
  declare viewHeight: number;
  declare follow: boolean;

  private resizer: ResizeObserver | undefined;
  private lastSelected: string | undefined;

  static styles = css`
    :host { display: flex; flex-direction: column; min-height: 0; height: 100%; container-type: inline-size; }
    .head, .row { display: grid; grid-template-columns: 44px 88px 92px minmax(160px, 1fr) 150px 62px 62px 116px; gap: 6px; align-items: center; padding: 0 8px; }
    .head { font-size: 11px; text-transform: uppercase; color: var(--fg-dim); border-bottom: 1px solid var(--border); height: 24px; background: var(--bg-alt); }
    .viewport { flex: 1; overflow-y: auto; overflow-x: hidden; position: relative; outline: none; min-height: 0; }
    .viewport:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
    .spacer { position: relative; }
    .slice { position: absolute; left: 0; right: 0; top: 0; }
    .row { height: 24px; font-family: var(--mono); font-size: 12px; cursor: default; border-bottom: 1px solid var(--bg-alt); white-space: nowrap; }
    .row > span { overflow: hidden; text-overflow: ellipsis; }
    .row:hover { background: var(--bg-alt); }
    .row.selected { background: var(--bg-sel); }
    .method { font-weight: 600; }
    .origin-tag { font-size: 11px; color: var(--accent); border: 1px solid var(--border); border-radius: 3px; padding: 0 3px; }
    .s2 { color: var(--ok); } .s3 { color: var(--info); } .s4, .s5, .failed { color: var(--error); }
    .pending { color: var(--fg-dim); font-style: italic; }
    .num { text-align: right; color: var(--fg-dim); }
    .empty { padding: 30px 20px; color: var(--fg-dim); font-size: 14px; line-height: 1.6; }
    .empty code { font-family: var(--mono); color: var(--fg); background: var(--bg-alt); padding: 1px 4px; border-radius: 3px; }
    .follow { position: absolute; right: 16px; bottom: 12px; font: inherit; font-size: 12px; padding: 3px 10px; border-radius: 12px; border: 1px solid var(--accent); background: var(--bg); color: var(--accent); cursor: pointer; }
    .wrap { position: relative; flex: 1; display: flex; flex-direction: column; min-height: 0; }
      /* A narrow list keeps method, path, status and findings; time, duration and size go first. */
    @container (max-width: 620px) {
      .head, .row { grid-template-columns: 40px 76px minmax(100px, 1fr) 132px 96px; }
      .time, .num.dur, .num.size, .head .h-time, .head .h-dur, .head .h-size { display: none; }
    }
`;

  constructor() {
    super();
    this.rows = RowList.EMPTY;
    this.silenced = new Set();
    this.emptyKind = 'no-traffic';
    this.scrollTop = 0;
    this.viewHeight = 600;
    this.follow = true;
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector('.viewport');
  }

  firstUpdated() {
    const vp = this.viewport;
    if (!vp) return;
    this.viewHeight = vp.clientHeight || 600;
    this.resizer = new ResizeObserver(() => (this.viewHeight = vp.clientHeight));
    this.resizer.observe(vp);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  /** Focuses the list so the keyboard works (the app calls it on load). */
  focusList() {
    this.viewport?.focus();
  }

  private onScroll = (e: Event) => {
    const vp = e.currentTarget as HTMLElement;
    this.scrollTop = vp.scrollTop;
    // The user decides: at the bottom the list follows new rows; anywhere else it stays put.
    this.follow = vp.scrollTop + vp.clientHeight >= vp.scrollHeight - ROW_HEIGHT;
  };

  private onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 20 : e.key === 'PageUp' ? -20 : 0;
    if (step) {
      e.preventDefault();
      emit(this, 'move-selection', { step });
    } else if (e.key === 'Enter' && this.selectedId !== undefined) {
      e.preventDefault();
      emit(this, 'open-exchange', { id: this.selectedId });
    } else if (e.key === 'End') {
      e.preventDefault();
      this.scrollToEnd();
    }
  };

  scrollToEnd() {
    this.follow = true;
    const vp = this.viewport;
    if (vp) vp.scrollTop = vp.scrollHeight;
  }

  updated() {
    const vp = this.viewport;
    if (!vp) return;
    if (this.selectedId !== this.lastSelected) {
      this.lastSelected = this.selectedId;
      const id = this.selectedId;
      const i = id === undefined ? -1 : this.rows.findIndex((r) => r.id === id);
      if (i >= 0) {
        const top = i * ROW_HEIGHT;
        if (top < vp.scrollTop) this.setScroll(vp, top);
        else if (top + ROW_HEIGHT > vp.scrollTop + vp.clientHeight) this.setScroll(vp, top + ROW_HEIGHT - vp.clientHeight);
        return;
      }
    }
    if (this.follow && vp.scrollTop + vp.clientHeight < vp.scrollHeight - 1) this.setScroll(vp, vp.scrollHeight);
  }

  private setScroll(vp: HTMLElement, top: number) {
    vp.scrollTop = top;
  }

  private renderRow(r: ExchangeRow) {
    const statusClass = r.error ? 'failed' : r.status ? `s${Math.floor(r.status / 100)}` : 'pending';
    const status = r.error ? r.error.code : r.status ? `${r.status} ${r.statusText ?? ''}` : '…';
    const path = relativeTarget(r.target, r.upstream);
    return html`<div
      class="row ${r.id === this.selectedId ? 'selected' : ''}"
      data-id=${r.id}
      data-state=${r.state}
      @click=${() => emit(this, 'select-exchange', { id: r.id })}
      @dblclick=${() => emit(this, 'open-exchange', { id: r.id })}
    >
      <span class="num seq">#${r.seq}</span>
      <span class="time">${clock(r.startedAt)}</span>
      <span class="method">${r.method}</span>
      <span class="path" title=${r.target}>${originTag(r) ? html`<span class="origin-tag">${originTag(r)}</span> ` : nothing}${path}</span>
      <span class="status ${statusClass}" title=${status}>${status}</span>
      <span class="num dur">${duration(r.duration)}</span>
      <span class="num size">${bytes(r.responseSize)}</span>
      <span class="badges">${r.state === 'analysed' ? html`<ds-severity-badges .counts=${effectiveCounts(r, this.silenced)} .parties=${r.parties}></ds-severity-badges>` : nothing}</span>
    </div>`;
  }

  private renderEmpty() {
    if (this.emptyKind === 'filtered') return html`<div class="empty">No exchange matches the filter. Loosen it, or clear it with the ✕ in the filter bar.</div>`;
    if (this.emptyKind === 'file-empty') return html`<div class="empty">This file holds no exchanges.</div>`;
    const url = this.proxyUrl ?? 'http://127.0.0.1:8088/';
    return html`<div class="empty">
      No traffic yet. Point your CalDAV client at <code class="proxy-url">${url}</code> instead of the server, and exchanges appear here as they happen.<br />
      For a first look: <code>curl -X PROPFIND -H 'Depth: 1' ${url}</code><br />
      Or open a davscope recording or a HAR file (button above, or drop it here).
    </div>`;
  }

  render() {
    const rows = this.rows;
    const total = rows.length;
    // Following, the view is the tail whatever the last scroll event said: updated() scrolls there,
    // and rendering it straight away saves rendering the old position first (e.g. the top, when a
    // snapshot of 50,000 rows arrives).
    const top = this.follow ? Math.max(0, total * ROW_HEIGHT - this.viewHeight) : this.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total, Math.ceil((top + this.viewHeight) / ROW_HEIGHT) + OVERSCAN);
    const slice = rows.slice(first, last);
    return html`
      <div class="head"><span class="num">#</span><span class="h-time">time</span><span>method</span><span>path</span><span>status</span><span class="num h-dur">duration</span><span class="num h-size">size</span><span>findings</span></div>
      <div class="wrap">
        <div class="viewport" tabindex="0" role="listbox" aria-label="exchanges" @scroll=${this.onScroll} @keydown=${this.onKey}>
          ${total === 0
            ? this.renderEmpty()
            : html`<div class="spacer" ${cssProps({ height: `${total * ROW_HEIGHT}px` })}>
                <div class="slice" ${cssProps({ transform: `translateY(${first * ROW_HEIGHT}px)` })}>${slice.map((r) => this.renderRow(r))}</div>
              </div>`}
        </div>
        ${!this.follow && total > 0 ? html`<button class="follow" @click=${() => this.scrollToEnd()}>↓ follow new exchanges</button>` : nothing}
      </div>
    `;
  }
}
customElements.define('ds-exchange-list', DsExchangeList);
