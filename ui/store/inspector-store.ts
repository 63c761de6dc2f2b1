// The UI's state: the live rows (kept by the pure protocol reducer), the rows of an opened file, and
// the view over them (filter, selection, pause, silenced rules). Everything is read through readonly
// getters and changed only by the intent methods; listeners hear typed events. No DOM, no network.
import type { WireExchange } from '../../rules/model/wire.ts';
import type { ClientMessage, ExchangeRow, FaultState, InterceptState, Notice, ServerInfo, ServerMessage } from '../../rules/model/protocol.ts';
import { Emitter } from './emitter.ts';
import { EMPTY_FILTER, compileFilter, effectiveCounts, type Filter, type ServerFilterMatches } from './filter.ts';
import { INITIAL_PROTOCOL_STATE, forgetNumbering, reduceProtocol, type ApplyResult, type ProtocolCounters, type ProtocolState, type RowChange } from './protocol-reducer.ts';
import { RowList } from './row-list.ts';
import { RowSet, viewEvict, viewUpsert, type Matcher } from './row-set.ts';
import { SearchIndex } from './search-index.ts';
import { INITIAL_VIEW, withSilenced, type ViewState } from './view-state.ts';

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
  /** The live rows and the numbering: what the protocol reducer returns. */
  #protocol: ProtocolState = INITIAL_PROTOCOL_STATE;
  #view: ViewState = INITIAL_VIEW;
  #fileRows = RowSet.empty();
  #file: OpenedFile | undefined;
  /** The filtered views of both sets, kept up to date per changed row. */
  #liveShown = RowList.EMPTY;
  #fileShown = RowList.EMPTY;
  #status: ConnectionStatus = 'connecting';
  #loadError: { readonly id: string; readonly message: string } | undefined;
  /** What the server's search found for a text (bodies the page never loaded). */
  #serverMatches: { readonly query: string; readonly ids: ReadonlySet<string> } | undefined;
  #serverFilter: ServerFilterMatches | undefined;
  #liveMatcher: Matcher = () => true;
  #fileMatcher: Matcher = () => true;
  readonly #events = new Emitter<StoreEvents>();
  // Caches, not state: full exchanges (live: fetched from the API; file: kept from the file) and
  // the search texts built from rows and those exchanges.
  readonly #details = new Map<string, WireExchange>();
  readonly #fileDetails = new Map<string, WireExchange>();
  readonly #liveIndex = new SearchIndex((row) => this.#details.get(row.id));
  readonly #fileIndex = new SearchIndex((row) => this.#fileDetails.get(row.id));

  constructor() {
    this.#rematch();
  }

  // ---- reading ----

  /** The live capture, as the reducer keeps it. */
  get live(): RowSet {
    return this.#protocol.rows;
  }
  /** The rows of the opened file. */
  get file(): RowSet {
    return this.#fileRows;
  }
  /** Which set the screen shows. */
  get view(): 'live' | 'file' {
    return this.#view.view;
  }
  get rows(): RowSet {
    return this.#view.view === 'live' ? this.live : this.#fileRows;
  }
  /** The rows the list shows: filtered, and held back while paused (a new list on every change). */
  get visible(): RowList {
    return this.#view.view === 'live' ? this.#liveShown : this.#fileShown;
  }
  get openedFile(): OpenedFile | undefined {
    return this.#file;
  }
  get info(): ServerInfo | undefined {
    return this.#protocol.info;
  }
  /** The faults davscope offers, on or off, and how often each fired. */
  get faults(): readonly FaultState[] {
    return this.#protocol.faults;
  }
  /** Intercept's toggle, filter and held requests, as the server last said. */
  get intercept(): InterceptState | undefined {
    return this.#protocol.intercept;
  }
  get notices(): readonly Notice[] {
    return this.#protocol.notices;
  }
  get status(): ConnectionStatus {
    return this.#status;
  }
  /** The number of the last delta applied; undefined until a snapshot arrived. */
  get n(): number | undefined {
    return this.#protocol.n;
  }
  /** Counts for tests and the status line. */
  get counters(): ProtocolCounters {
    return this.#protocol.counters;
  }
  get filter(): Filter {
    return this.#view.filter;
  }
  get selectedId(): string | undefined {
    return this.#view.selection?.id;
  }
  get selected(): ExchangeRow | undefined {
    const seq = this.#view.selection?.seq;
    const row = seq === undefined ? undefined : this.rows.bySeq(seq);
    return row?.id === this.#view.selection?.id ? row : undefined;
  }
  /** While paused the list stays as it was: rows with a higher seq are held back, not lost. */
  get pausedAfter(): number | undefined {
    return this.#view.pausedAfter;
  }
  get paused(): boolean {
    return this.#view.pausedAfter !== undefined;
  }
  /** Rows that arrived while paused and are not shown yet. */
  get heldBack(): number {
    const after = this.#view.pausedAfter;
    if (after === undefined || this.#view.view !== 'live') return 0;
    const all = this.live.all;
    return all.length - all.lowerBound(after + 1);
  }
  /** Rules whose findings this page hides (a new set on every change). */
  get silenced(): ReadonlySet<string> {
    return this.#view.silenced;
  }
  /** Why the selected exchange could not be loaded, if it could not. */
  get detailError(): string | undefined {
    return this.#loadError && this.#loadError.id === this.selectedId ? this.#loadError.message : undefined;
  }
  /** The full exchange if loaded (live: fetched from the API; file: kept from the file). */
  detail(id: string): WireExchange | undefined {
    return this.#view.view === 'file' ? this.#fileDetails.get(id) : this.#details.get(id);
  }

  /** Calls `fn` on every `name` event; returns the function that stops it. */
  on<K extends keyof StoreEvents>(name: K, fn: (detail: StoreEvents[K]) => void): () => void {
    return this.#events.on(name, fn);
  }
  /** Calls `fn` after every change of any kind (what a view re-renders on). */
  subscribe(fn: () => void): () => void {
    return this.#events.on('change', fn);
  }

  // ---- from the connection ----

  /** Applies one server message; the result tells the connection what to do next. */
  apply(msg: ServerMessage): ApplyResult {
    const before = this.#protocol;
    const { state, result, changes } = reduceProtocol(before, msg);
    this.#protocol = state;
    for (const c of changes) this.#followLive(c);
    if (changes.length && this.#view.view === 'live') this.#events.emit('rows', { visible: this.visible });
    if (state.notices !== before.notices) this.#events.emit('notices', { notices: state.notices });
    this.#changed();
    return result;
  }

  /** Records the state of the WebSocket; anything but live voids the delta numbering. */
  setConnection(status: ConnectionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    if (status !== 'live') this.#protocol = forgetNumbering(this.#protocol);
    this.#events.emit('status', { status });
    this.#changed();
  }

  /** Keeps a fetched exchange, so the detail shows it and its bodies join the free-text search. */
  setDetail(ex: WireExchange): void {
    if (this.#details.size >= MAX_LIVE_DETAILS) this.#details.delete(this.#details.keys().next().value!);
    this.#details.set(ex.id, ex);
    if (this.#loadError?.id === ex.id) this.#loadError = undefined;
    const row = this.live.bySeq(ex.seq);
    if (row?.id === ex.id) {
      this.#liveIndex.forget(row);
      this.#liveShown = viewUpsert(this.#liveShown, row, row, this.#liveMatcher);
    }
    this.#events.emit('detail', { id: ex.id });
    this.#rowsChanged();
  }

  /** Records why the full exchange `id` could not be loaded (shown while it is selected). */
  setDetailError(id: string, message: string): void {
    this.#loadError = { id, message };
    this.#events.emit('detail', { id });
    this.#changed();
  }

  // ---- from the user ----

  /** Changes part of the filter and refilters. */
  setFilter(patch: Partial<Filter>): void {
    this.#view = { ...this.#view, filter: { ...this.#view.filter, ...patch } };
    this.#rematch();
    this.#rowsChanged();
  }

  /** The server's search answer for `query`; used while the search text is that query. */
  setServerMatches(query: string, ids: readonly string[]): void {
    this.#serverMatches = { query, ids: new Set(ids) };
    this.#rematch();
    this.#rowsChanged();
  }

  /** The server's verdicts on the filter expression `filter` for exchanges up to `throughSeq`; used
   *  for rows whose exchange the page has not loaded while the expression is that one. */
  setServerFilterMatches(filter: string, ids: readonly string[], throughSeq: number): void {
    this.#serverFilter = { filter, ids: new Set(ids), throughSeq };
    this.#rematch();
    this.#rowsChanged();
  }

  /** The newest exchange the server judged the current expression on; undefined when it has not. */
  get serverFilterThroughSeq(): number | undefined {
    const f = this.#serverFilter;
    return f && f.filter.trim() === this.#view.filter.expr.trim() ? f.throughSeq : undefined;
  }

  /** How many exchanges of the set on screen (filter aside) raised this rule on this method, and the
   *  first of them: a finding that repeats is told once, with its count. */
  occurrences(ruleId: string, method: string): { count: number; firstSeq: number | undefined } {
    // Asked by every finding card on every render of the detail: a scan of all rows once per list
    // state and rule, not per render (the list state is immutable; a change makes a new one).
    const all = this.rows.all;
    if (this.#occurrences?.all !== all) this.#occurrences = { all, byKey: new Map() };
    const key = `${ruleId}\u0000${method}`;
    let found = this.#occurrences.byKey.get(key);
    if (!found) this.#occurrences.byKey.set(key, (found = this.#countOccurrences(ruleId, method)));
    return found;
  }

  #occurrences: { all: unknown; byKey: Map<string, { count: number; firstSeq: number | undefined }> } | undefined;

  #countOccurrences(ruleId: string, method: string): { count: number; firstSeq: number | undefined } {
    let count = 0;
    let firstSeq: number | undefined;
    this.rows.all.forEach((row) => {
      if (row.method !== method || row.ruleFindings[ruleId] === undefined) return;
      count++;
      if (firstSeq === undefined || row.seq < firstSeq) firstSeq = row.seq;
    });
    return { count, firstSeq };
  }

  /** Clears every filter field. */
  resetFilter(): void {
    this.setFilter(EMPTY_FILTER);
  }

  /** Selects the row with this id in the set on screen (undefined: none). */
  select(id: string | undefined): void {
    this.#selectRow(id, id === undefined ? undefined : this.rows.get(id)?.seq);
  }

  /** Moves the selection by `step` rows within what is visible (keyboard up/down). */
  move(step: number): ExchangeRow | undefined {
    const rows = this.visible;
    if (rows.length === 0) return undefined;
    const sel = this.#view.selection;
    const cur = sel?.seq === undefined ? -1 : rows.indexOfRow({ id: sel.id, seq: sel.seq });
    const next = rows.at(cur < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, cur + step)))!;
    this.#selectRow(next.id, next.seq);
    return next;
  }

  /** Moves the selection to the next (1) or previous (-1) visible row with findings; bounded by the list. */
  jumpToFinding(step: 1 | -1): ExchangeRow | undefined {
    const rows = this.visible;
    const sel = this.#view.selection;
    const cur = sel?.seq === undefined ? (step > 0 ? -1 : rows.length) : rows.indexOfRow({ id: sel.id, seq: sel.seq });
    for (let i = cur + step; i >= 0 && i < rows.length; i += step) {
      const row = rows.at(i)!;
      const c = effectiveCounts(row, this.#view.silenced);
      if (c.error + c.warning + c.info > 0) {
        this.#selectRow(row.id, row.seq);
        return row;
      }
    }
    return undefined;
  }

  /** Selects the first (0) or last (-1) visible row. */
  selectEdge(edge: 0 | -1): ExchangeRow | undefined {
    const rows = this.visible;
    const row = rows.at(edge === 0 ? 0 : rows.length - 1);
    if (row) this.#selectRow(row.id, row.seq);
    return row;
  }

  /** Freezes the list: rows arriving from now on are held back until resume. */
  pause(): void {
    this.#view = { ...this.#view, pausedAfter: this.live.all.at(-1)?.seq ?? 0 };
    this.#rematch();
    this.#rowsChanged();
  }

  /** Shows the rows held back and follows live traffic again. */
  resume(): void {
    this.#view = { ...this.#view, pausedAfter: undefined };
    this.#rematch();
    this.#rowsChanged();
  }

  /** Pauses or resumes. */
  setPaused(paused: boolean): void {
    if (paused) this.pause();
    else this.resume();
  }

  /** Hides (on) or shows again (off) the findings of a rule in this page. */
  silence(ruleId: string, on: boolean): void {
    this.#view = withSilenced(this.#view, ruleId, on);
    this.#rematch();
    this.#rowsChanged();
  }

  /** Shows the rows of an opened file (analysed in the page) instead of the live capture. */
  openFile(file: OpenedFile, rows: readonly ExchangeRow[], exchanges: readonly WireExchange[]): void {
    this.#file = file;
    this.#fileDetails.clear();
    for (const ex of exchanges) this.#fileDetails.set(ex.id, ex);
    this.#fileRows = RowSet.empty().reset(rows);
    this.#view = { ...this.#view, view: 'file', selection: undefined };
    this.#fileIndex.warm(this.#fileRows.all);
    this.#rematch();
    this.#events.emit('selection', { id: undefined });
    this.#rowsChanged();
  }

  /** Goes back from a file to the live capture. */
  showLive(): void {
    this.#view = { ...this.#view, view: 'live', selection: undefined };
    this.#rematch();
    this.#events.emit('selection', { id: undefined });
    this.#rowsChanged();
  }

  /** The "clear" button: on a file, closes it here; live, returns the message that asks the server. */
  clear(): ClientMessage | undefined {
    if (this.#view.view === 'file') {
      this.#fileRows = this.#fileRows.cleared();
      this.#fileDetails.clear();
      this.#file = undefined;
      this.#view = { ...this.#view, view: 'live' };
      this.#rematch();
      this.#rowsChanged();
      return undefined;
    }
    return { type: 'clear' };
  }

  // ---- internals ----

  /** Follows one change of the live rows in the filtered view, the caches and the selection. */
  #followLive(c: RowChange): void {
    const rows = this.#protocol.rows;
    switch (c.type) {
      case 'snapshot':
        this.#details.clear();
        this.#liveIndex.warm(rows.all);
        this.#liveShown = rows.all.filter(this.#liveMatcher);
        return;
      case 'cleared':
        this.#details.clear();
        this.#liveShown = RowList.EMPTY;
        if (this.#view.view === 'live' && this.#view.selection) {
          this.#view = { ...this.#view, selection: undefined };
          this.#events.emit('selection', { id: undefined });
        }
        return;
      case 'upsert':
        if (c.old && c.old !== c.row) this.#details.delete(c.row.id);
        this.#liveIndex.text(c.row);
        this.#liveShown = viewUpsert(this.#liveShown, c.old, c.row, this.#liveMatcher);
        return;
      case 'evicted':
        this.#liveShown = viewEvict(this.#liveShown, c.throughSeq);
        return;
    }
  }

  #selectRow(id: string | undefined, seq: number | undefined): void {
    this.#view = { ...this.#view, selection: id === undefined ? undefined : { id, seq } };
    this.#loadError = undefined;
    this.#events.emit('selection', { id });
    this.#changed();
  }

  /** Recompiles the matchers from the filter, pause and silenced rules, and refilters both sets. */
  #rematch(): void {
    const after = this.#view.pausedAfter;
    const server = this.#serverMatches && this.#serverMatches.query.trim().toLowerCase() === this.#view.filter.text.trim().toLowerCase() ? this.#serverMatches.ids : undefined;
    const serverFilter = this.serverFilterThroughSeq !== undefined ? this.#serverFilter : undefined;
    const live = compileFilter(this.#view.filter, this.#view.silenced, this.#liveIndex.text, (row) => this.#details.get(row.id), server, serverFilter);
    this.#liveMatcher = after === undefined ? live : (row) => row.seq <= after && live(row);
    this.#fileMatcher = compileFilter(this.#view.filter, this.#view.silenced, this.#fileIndex.text, (row) => this.#fileDetails.get(row.id));
    this.#liveShown = this.live.all.filter(this.#liveMatcher);
    this.#fileShown = this.#fileRows.all.filter(this.#fileMatcher);
  }

  #rowsChanged(): void {
    this.#events.emit('rows', { visible: this.visible });
    this.#changed();
  }

  #changed(): void {
    this.#events.emit('change', undefined);
  }
}
