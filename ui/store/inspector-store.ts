// The UI's state: the live rows (kept by the pure protocol reducer), the rows of an opened file, and
// the view over them (filter, selection, pause, silenced rules). Everything is read through readonly
// getters and changed only by the intent methods; listeners hear typed events. No DOM, no network.
import type { WireExchange } from '../../rules/model/wire.ts';
import type { ClientMessage, ExchangeRow, Notice, ServerInfo, ServerMessage } from '../../rules/model/protocol.ts';
import { Emitter } from './emitter.ts';
import { EMPTY_FILTER, compileFilter, type Filter } from './filter.ts';
import { INITIAL_PROTOCOL_STATE, forgetNumbering, reduceProtocol, type ApplyResult, type ProtocolCounters, type ProtocolState, type RowChange } from './protocol-reducer.ts';
import { RowList } from './row-list.ts';
import { RowSet, viewEvict, viewUpsert, type Matcher } from './row-set.ts';
import { SearchIndex } from './search-index.ts';

export type { ApplyResult } from './protocol-reducer.ts';
export { bodySearchText } from './search-index.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'offline';

export interface OpenedFile {
  readonly name: string;
  readonly format: 'davscope-recording' | 'har';
  readonly warnings: readonly string[];
}

/** What listeners hear. `change` follows every message or intent, after the specific events. */
export interface StoreEvents {
  /** The rows on screen are another list now (a message, the filter, pause, silencing, the view). */
  readonly rows: { readonly visible: RowList };
  readonly selection: { readonly id: string | undefined };
  readonly status: { readonly status: ConnectionStatus };
  readonly notices: { readonly notices: readonly Notice[] };
  /** The full exchange of this id was loaded, or failed to load (see detailError). */
  readonly detail: { readonly id: string };
  readonly change: undefined;
}

/** Full exchanges kept for the detail view and body search; bounded so browsing stays cheap. */
const MAX_LIVE_DETAILS = 500;

export class InspectorStore {
  // Each field below is replaced, never mutated in place, so a value handed out stays as it was.
  private protocol: ProtocolState = INITIAL_PROTOCOL_STATE;
  private fileRows = RowSet.empty();
  private liveShown = RowList.EMPTY;
  private fileShown = RowList.EMPTY;
  private viewName: 'live' | 'file' = 'live';
  private file_: OpenedFile | undefined;
  private status_: ConnectionStatus = 'connecting';
  private filter_: Filter = EMPTY_FILTER;
  /** The selection by id, and the seq it was found at (rows are found by seq in O(log n)). */
  private selection: { readonly id: string; readonly seq: number | undefined } | undefined;
  private pausedAfter_: number | undefined;
  private silenced_: ReadonlySet<string> = new Set();
  private loadError: { readonly id: string; readonly message: string } | undefined;
  private liveMatcher: Matcher = () => true;
  private fileMatcher: Matcher = () => true;
  private readonly events = new Emitter<StoreEvents>();
  // Caches, not state: full exchanges (live: fetched from the API; file: kept from the file).
  private readonly details = new Map<string, WireExchange>();
  private readonly fileDetails = new Map<string, WireExchange>();
  private readonly liveIndex = new SearchIndex((row) => this.details.get(row.id));
  private readonly fileIndex = new SearchIndex((row) => this.fileDetails.get(row.id));

  constructor() {
    this.rematch();
  }

  // ---- reading ----

  /** The live capture, as the reducer keeps it. */
  get live(): RowSet {
    return this.protocol.rows;
  }
  /** The rows of the opened file. */
  get file(): RowSet {
    return this.fileRows;
  }
  /** Which set the screen shows. */
  get view(): 'live' | 'file' {
    return this.viewName;
  }
  get rows(): RowSet {
    return this.viewName === 'live' ? this.live : this.fileRows;
  }
  /** The rows the list shows: filtered, and held back while paused (a new list on every change). */
  get visible(): RowList {
    return this.viewName === 'live' ? this.liveShown : this.fileShown;
  }
  get openedFile(): OpenedFile | undefined {
    return this.file_;
  }
  get info(): ServerInfo | undefined {
    return this.protocol.info;
  }
  get notices(): readonly Notice[] {
    return this.protocol.notices;
  }
  get status(): ConnectionStatus {
    return this.status_;
  }
  /** The number of the last delta applied; undefined until a snapshot arrived. */
  get n(): number | undefined {
    return this.protocol.n;
  }
  /** Counts for tests and the status line. */
  get counters(): ProtocolCounters {
    return this.protocol.counters;
  }
  get filter(): Filter {
    return this.filter_;
  }
  get selectedId(): string | undefined {
    return this.selection?.id;
  }
  get selected(): ExchangeRow | undefined {
    const seq = this.selection?.seq;
    const row = seq === undefined ? undefined : this.rows.bySeq(seq);
    return row?.id === this.selection?.id ? row : undefined;
  }
  /** While paused the list stays as it was: rows with a higher seq are held back, not lost. */
  get pausedAfter(): number | undefined {
    return this.pausedAfter_;
  }
  get paused(): boolean {
    return this.pausedAfter_ !== undefined;
  }
  /** Rows that arrived while paused and are not shown yet. */
  get heldBack(): number {
    const after = this.pausedAfter_;
    if (after === undefined || this.viewName !== 'live') return 0;
    const all = this.live.all;
    return all.length - all.lowerBound(after + 1);
  }
  /** Rules whose findings this page hides (a new set on every change). */
  get silenced(): ReadonlySet<string> {
    return this.silenced_;
  }
  /** Why the selected exchange could not be loaded, if it could not. */
  get detailError(): string | undefined {
    return this.loadError && this.loadError.id === this.selectedId ? this.loadError.message : undefined;
  }
  /** The full exchange if loaded (live: fetched from the API; file: kept from the file). */
  detail(id: string): WireExchange | undefined {
    return this.viewName === 'file' ? this.fileDetails.get(id) : this.details.get(id);
  }

  /** Calls `fn` on every `name` event; returns the function that stops it. */
  on<K extends keyof StoreEvents>(name: K, fn: (detail: StoreEvents[K]) => void): () => void {
    return this.events.on(name, fn);
  }
  /** Calls `fn` after every change of any kind (what a view re-renders on). */
  subscribe(fn: () => void): () => void {
    return this.events.on('change', fn);
  }

  // ---- from the connection ----

  /** Applies one server message; the result tells the connection what to do next. */
  apply(msg: ServerMessage): ApplyResult {
    const before = this.protocol;
    const { state, result, changes } = reduceProtocol(before, msg);
    this.protocol = state;
    for (const c of changes) this.followLive(c);
    if (changes.length && this.viewName === 'live') this.events.emit('rows', { visible: this.visible });
    if (state.notices !== before.notices) this.events.emit('notices', { notices: state.notices });
    this.changed();
    return result;
  }

  /** Records the state of the WebSocket; anything but live voids the delta numbering. */
  setConnection(status: ConnectionStatus): void {
    if (this.status_ === status) return;
    this.status_ = status;
    if (status !== 'live') this.protocol = forgetNumbering(this.protocol);
    this.events.emit('status', { status });
    this.changed();
  }

  /** Keeps a fetched exchange, so the detail shows it and its bodies join the free-text search. */
  setDetail(ex: WireExchange): void {
    if (this.details.size >= MAX_LIVE_DETAILS) this.details.delete(this.details.keys().next().value!);
    this.details.set(ex.id, ex);
    if (this.loadError?.id === ex.id) this.loadError = undefined;
    const row = this.live.bySeq(ex.seq);
    if (row?.id === ex.id) {
      this.liveIndex.forget(row);
      this.liveShown = viewUpsert(this.liveShown, row, row, this.liveMatcher);
    }
    this.events.emit('detail', { id: ex.id });
    this.rowsChanged();
  }

  /** Records why the full exchange `id` could not be loaded (shown while it is selected). */
  setDetailError(id: string, message: string): void {
    this.loadError = { id, message };
    this.events.emit('detail', { id });
    this.changed();
  }

  // ---- from the user ----

  /** Changes part of the filter and refilters. */
  setFilter(patch: Partial<Filter>): void {
    this.filter_ = { ...this.filter_, ...patch };
    this.rematch();
    this.rowsChanged();
  }

  /** Clears every filter field. */
  resetFilter(): void {
    this.setFilter(EMPTY_FILTER);
  }

  /** Selects the row with this id in the set on screen (undefined: none). */
  select(id: string | undefined): void {
    this.selectRow(id, id === undefined ? undefined : this.rows.get(id)?.seq);
  }

  /** Moves the selection by `step` rows within what is visible (keyboard up/down). */
  move(step: number): ExchangeRow | undefined {
    const rows = this.visible;
    if (rows.length === 0) return undefined;
    const sel = this.selection;
    const cur = sel?.seq === undefined ? -1 : rows.indexOfRow({ id: sel.id, seq: sel.seq });
    const next = rows.at(cur < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, cur + step)))!;
    this.selectRow(next.id, next.seq);
    return next;
  }

  /** Freezes the list: rows arriving from now on are held back until resume. */
  pause(): void {
    this.pausedAfter_ = this.live.all.at(-1)?.seq ?? 0;
    this.rematch();
    this.rowsChanged();
  }

  /** Shows the rows held back and follows live traffic again. */
  resume(): void {
    this.pausedAfter_ = undefined;
    this.rematch();
    this.rowsChanged();
  }

  /** Pauses or resumes. */
  setPaused(paused: boolean): void {
    if (paused) this.pause();
    else this.resume();
  }

  /** Hides (on) or shows again (off) the findings of a rule in this page. */
  silence(ruleId: string, on: boolean): void {
    const next = new Set(this.silenced_);
    if (on) next.add(ruleId);
    else next.delete(ruleId);
    this.silenced_ = next;
    this.rematch();
    this.rowsChanged();
  }

  /** Shows the rows of an opened file (analysed in the page) instead of the live capture. */
  openFile(file: OpenedFile, rows: readonly ExchangeRow[], exchanges: readonly WireExchange[]): void {
    this.file_ = file;
    this.fileDetails.clear();
    for (const ex of exchanges) this.fileDetails.set(ex.id, ex);
    this.fileRows = RowSet.empty().reset(rows);
    this.viewName = 'file';
    this.fileIndex.warm(this.fileRows.all);
    this.selection = undefined;
    this.rematch();
    this.events.emit('selection', { id: undefined });
    this.rowsChanged();
  }

  /** Goes back from a file to the live capture. */
  showLive(): void {
    this.viewName = 'live';
    this.selection = undefined;
    this.rematch();
    this.events.emit('selection', { id: undefined });
    this.rowsChanged();
  }

  /** The "clear" button: on a file, closes it here; live, returns the message that asks the server. */
  clear(): ClientMessage | undefined {
    if (this.viewName === 'file') {
      this.fileRows = this.fileRows.cleared();
      this.fileDetails.clear();
      this.file_ = undefined;
      this.viewName = 'live';
      this.rematch();
      this.rowsChanged();
      return undefined;
    }
    return { type: 'clear' };
  }

  // ---- internals ----

  /** Follows one change of the live rows in the filtered view, the caches and the selection. */
  private followLive(c: RowChange): void {
    const rows = this.protocol.rows;
    switch (c.type) {
      case 'snapshot':
        this.details.clear();
        this.liveIndex.warm(rows.all);
        this.liveShown = rows.all.filter(this.liveMatcher);
        return;
      case 'cleared':
        this.details.clear();
        this.liveShown = RowList.EMPTY;
        if (this.viewName === 'live' && this.selection) {
          this.selection = undefined;
          this.events.emit('selection', { id: undefined });
        }
        return;
      case 'upsert':
        if (c.old && c.old !== c.row) this.details.delete(c.row.id);
        this.liveIndex.text(c.row);
        this.liveShown = viewUpsert(this.liveShown, c.old, c.row, this.liveMatcher);
        return;
      case 'evicted':
        this.liveShown = viewEvict(this.liveShown, c.throughSeq);
        return;
    }
  }

  private selectRow(id: string | undefined, seq: number | undefined): void {
    this.selection = id === undefined ? undefined : { id, seq };
    this.loadError = undefined;
    this.events.emit('selection', { id });
    this.changed();
  }

  /** Recompiles the matchers from the filter, pause and silenced rules, and refilters both sets. */
  private rematch(): void {
    const after = this.pausedAfter_;
    const live = compileFilter(this.filter_, this.silenced_, this.liveIndex.text);
    this.liveMatcher = after === undefined ? live : (row) => row.seq <= after && live(row);
    this.fileMatcher = compileFilter(this.filter_, this.silenced_, this.fileIndex.text);
    this.liveShown = this.live.all.filter(this.liveMatcher);
    this.fileShown = this.fileRows.all.filter(this.fileMatcher);
  }

  private rowsChanged(): void {
    this.events.emit('rows', { visible: this.visible });
    this.changed();
  }

  private changed(): void {
    this.events.emit('change', undefined);
  }
}
