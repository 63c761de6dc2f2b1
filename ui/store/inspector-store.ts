// The UI's state: applies protocol messages (snapshot, numbered deltas, resync), holds the live rows
// and the rows of an opened file, the filter, the selection, pause and silenced rules. No DOM.
import type { WireExchange } from '../../rules/model/wire.ts';
import { PROTOCOL_VERSION, type ClientMessage, type Delta, type ExchangeRow, type Notice, type ServerInfo, type ServerMessage } from '../../rules/model/protocol.ts';
import { EMPTY_FILTER, compileFilter, rowHaystack, type Filter } from './filter.ts';
import { RowSet } from './row-set.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'offline';

/** What applying a message asks of the connection. */
export type ApplyResult = 'ok' | 'resync' | 'reconnect' | 'reload';

/** Full exchanges kept for the detail view and body search; bounded so browsing stays cheap. */
const MAX_LIVE_DETAILS = 500;

/** Search texts built per background slice after a snapshot (a few milliseconds' work). */
const WARM_SLICE = 4000;

/** Runs `fn` when the page is idle (or soon, outside a browser), so warming never delays a paint. */
const whenIdle: (fn: () => void) => void =
  typeof requestIdleCallback === 'function' ? (fn) => requestIdleCallback(fn, { timeout: 500 }) : (fn) => setTimeout(fn, 0);

export interface OpenedFile {
  readonly name: string;
  readonly format: 'davscope-recording' | 'har';
  readonly warnings: readonly string[];
}

export class InspectorStore {
  readonly live = new RowSet();
  readonly file = new RowSet();
  /** Which set the screen shows. */
  view: 'live' | 'file' = 'live';
  openedFile: OpenedFile | undefined;
  info: ServerInfo | undefined;
  /** Warnings about the proxy itself (the recording stopped...), shown as banners. */
  notices: readonly Notice[] = [];
  status: ConnectionStatus = 'connecting';
  /** The number of the last delta applied; undefined until a snapshot arrived (deltas are then ignored). */
  n: number | undefined;
  filter: Filter = EMPTY_FILTER;
  selectedId: string | undefined;
  /** While paused the list stays as it was: rows with a higher seq are held back, not lost. */
  pausedAfter: number | undefined;
  readonly silenced = new Set<string>();
  /** Counts for tests and the status line. */
  readonly counters = { snapshots: 0, gaps: 0, resyncs: 0, cleared: 0 };
  private readonly details = new Map<string, WireExchange>();
  private readonly fileDetails = new Map<string, WireExchange>();
  private readonly haystacks = new WeakMap<ExchangeRow, string>();
  /** Rows whose search text is still to be built in the background, from `warmAt` on. */
  private warmQueue: readonly ExchangeRow[] = [];
  private warmAt = 0;
  private warmScheduled = false;
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change, so views can tell cheaply whether to re-render. */
  version = 0;

  constructor() {
    this.rematch();
  }

  get rows(): RowSet {
    return this.view === 'live' ? this.live : this.file;
  }

  /** The rows the list shows: filtered, and held back while paused. */
  get visible(): readonly ExchangeRow[] {
    return this.rows.visible;
  }

  get selected(): ExchangeRow | undefined {
    return this.selectedId === undefined ? undefined : this.rows.get(this.selectedId);
  }

  /** Rows that arrived while paused and are not shown yet. */
  get heldBack(): number {
    const after = this.pausedAfter;
    if (after === undefined || this.view !== 'live') return 0;
    let n = 0;
    const all = this.live.all;
    for (let i = all.length - 1; i >= 0 && all[i]!.seq > after; i--) n++;
    return n;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Applies one server message; the result tells the connection what to do next. */
  apply(msg: ServerMessage): ApplyResult {
    let result: ApplyResult = 'ok';
    if (msg.type === 'snapshot') {
      if (msg.protocol !== PROTOCOL_VERSION) return 'reload';
      this.info = msg.info;
      this.notices = msg.notices ?? [];
      this.live.limit = msg.info.keep > 0 ? msg.info.keep : Infinity;
      this.live.reset(msg.rows);
      this.warm(msg.rows);
      this.n = msg.n;
      this.counters.snapshots++;
      this.details.clear();
    } else if (msg.type === 'batch') {
      for (const d of msg.deltas) {
        if (this.n === undefined || d.n <= this.n) continue;
        if (d.n !== this.n + 1) {
          // A lost delta means our rows may be wrong: forget the numbering and ask for a snapshot.
          this.counters.gaps++;
          this.n = undefined;
          result = 'resync';
          break;
        }
        this.applyDelta(d);
        this.n = d.n;
      }
    } else if (msg.type === 'notice') {
      if (!this.notices.some((n) => n.text === msg.notice.text)) this.notices = [...this.notices, msg.notice];
    } else if (msg.type === 'resync') {
      this.counters.resyncs++;
      this.n = undefined;
      result = 'reconnect';
    }
    this.changed();
    return result;
  }

  private applyDelta(d: Delta): void {
    if (d.type === 'cleared') {
      this.live.clear();
      this.details.clear();
      this.counters.cleared++;
      if (this.view === 'live') this.selectedId = undefined;
      return;
    }
    // A late "completed" must never undo an "analysed" that overtook it.
    const had = this.live.get(d.row.id);
    if (had?.state === 'analysed' && d.type !== 'analysed') return;
    if (had && had !== d.row) this.details.delete(d.row.id);
    this.live.upsert(d.row);
    this.haystack(d.row);
  }

  // Search text is built in the background once the rows are on screen, so the first keystroke in
  // the filter is as fast as the next without delaying the first paint of a large snapshot (a row
  // not warmed yet gets its text when the filter first asks for it).
  private warm(rows: readonly ExchangeRow[]): void {
    this.warmQueue = rows;
    this.warmAt = 0;
    if (this.warmScheduled || rows.length === 0) return;
    this.warmScheduled = true;
    whenIdle(this.warmSlice);
  }

  private warmSlice = (): void => {
    this.warmScheduled = false;
    const rows = this.warmQueue;
    const end = Math.min(rows.length, this.warmAt + WARM_SLICE);
    for (let i = this.warmAt; i < end; i++) this.haystack(rows[i]!);
    this.warmAt = end;
    if (end < rows.length) {
      this.warmScheduled = true;
      whenIdle(this.warmSlice);
    } else this.warmQueue = [];
  };

  setConnection(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    if (status !== 'live') this.n = undefined;
    this.changed();
  }

  setFilter(patch: Partial<Filter>): void {
    this.filter = { ...this.filter, ...patch };
    this.rematch();
    this.changed();
  }

  select(id: string | undefined): void {
    this.selectedId = id;
    this.changed();
  }

  /** Moves the selection by `step` rows within what is visible (keyboard up/down). */
  move(step: number): ExchangeRow | undefined {
    const rows = this.visible;
    if (rows.length === 0) return undefined;
    const cur = this.selectedId === undefined ? -1 : rows.findIndex((r) => r.id === this.selectedId);
    const next = cur < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, cur + step));
    this.select(rows[next]!.id);
    return rows[next];
  }

  setPaused(paused: boolean): void {
    const last = this.live.all[this.live.size - 1];
    this.pausedAfter = paused ? (last?.seq ?? 0) : undefined;
    this.rematch();
    this.changed();
  }

  silence(ruleId: string, on: boolean): void {
    if (on) this.silenced.add(ruleId);
    else this.silenced.delete(ruleId);
    this.rematch();
    this.changed();
  }

  /** The full exchange if loaded (live: fetched from the API; file: kept from the file). */
  detail(id: string): WireExchange | undefined {
    return this.view === 'file' ? this.fileDetails.get(id) : this.details.get(id);
  }

  /** Keeps a fetched exchange, so its bodies join the free-text search. */
  setDetail(ex: WireExchange): void {
    if (this.details.size >= MAX_LIVE_DETAILS) this.details.delete(this.details.keys().next().value!);
    this.details.set(ex.id, ex);
    const row = this.live.get(ex.id);
    if (row) this.haystacks.delete(row);
    this.live.recheck(ex.id);
    this.changed();
  }

  /** Shows the rows of an opened file (analysed in the page) instead of the live capture. */
  openFile(file: OpenedFile, rows: readonly ExchangeRow[], exchanges: readonly WireExchange[]): void {
    this.openedFile = file;
    this.fileDetails.clear();
    for (const ex of exchanges) this.fileDetails.set(ex.id, ex);
    this.file.reset(rows);
    this.view = 'file';
    this.warm(rows);
    this.selectedId = undefined;
    this.rematch();
    this.changed();
  }

  showLive(): void {
    this.view = 'live';
    this.selectedId = undefined;
    this.rematch();
    this.changed();
  }

  /** What the "clear" button sends to the server (live), or does locally (file). */
  clear(): ClientMessage | undefined {
    if (this.view === 'file') {
      this.file.clear();
      this.fileDetails.clear();
      this.openedFile = undefined;
      this.view = 'live';
      this.rematch();
      this.changed();
      return undefined;
    }
    return { type: 'clear' };
  }

  private haystack = (row: ExchangeRow): string => {
    let h = this.haystacks.get(row);
    if (h === undefined) {
      h = rowHaystack(row);
      const ex = this.file.get(row.id) === row ? this.fileDetails.get(row.id) : this.details.get(row.id);
      if (ex) h += '\n' + bodySearchText(ex).toLowerCase();
      this.haystacks.set(row, h);
    }
    return h;
  };

  private rematch(): void {
    const base = compileFilter(this.filter, this.silenced, this.haystack);
    const after = this.pausedAfter;
    this.live.setMatcher(after === undefined ? base : (row) => row.seq <= after && base(row));
    this.file.setMatcher(base);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/** The text of the bodies of an exchange that decode as text (base64 bodies are not searched). */
export function bodySearchText(ex: WireExchange): string {
  let s = '';
  for (const body of [ex.request.body, ex.response?.body]) {
    if (body?.kind !== 'captured') continue;
    const text = body.decoded?.encoding === 'utf8' ? body.decoded.data : body.encoding === 'utf8' ? body.data : '';
    s += text + '\n';
  }
  return s;
}
