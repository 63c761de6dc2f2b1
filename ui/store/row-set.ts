// A bounded, seq-ordered collection of rows with its filtered view kept up to date incrementally,
// so a live stream into 50,000 rows costs per new row, not per row held.
import type { ExchangeRow } from '../../rules/model/protocol.ts';

/** First index whose row has seq >= `seq` (rows sorted by seq). */
function lowerBound(rows: readonly ExchangeRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedBySeq(rows: readonly ExchangeRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.seq > rows[i]!.seq) return false;
  return true;
}

export class RowSet {
  private rows: ExchangeRow[] = [];
  /** id → row; built on first use after a reset, so a large snapshot is on screen sooner. */
  private index: Map<string, ExchangeRow> | undefined = new Map();
  private shown: ExchangeRow[] = [];
  private matches: (row: ExchangeRow) => boolean = () => true;
  /** How many rows fell out because of the bound. */
  evicted = 0;

  constructor(public limit = Infinity) {}

  get size(): number {
    return this.rows.length;
  }

  /** All rows, oldest first (read-only: the set owns the array). */
  get all(): readonly ExchangeRow[] {
    return this.rows;
  }

  /** The rows that pass the current matcher, oldest first. */
  get visible(): readonly ExchangeRow[] {
    return this.shown;
  }

  get(id: string): ExchangeRow | undefined {
    return this.byId.get(id);
  }

  private get byId(): Map<string, ExchangeRow> {
    if (!this.index) {
      this.index = new Map();
      for (const r of this.rows) this.index.set(r.id, r);
    }
    return this.index;
  }

  /** Replaces the matcher and recomputes the view (the only O(n) step, run when the filter changes). */
  setMatcher(matches: (row: ExchangeRow) => boolean): void {
    this.matches = matches;
    this.refilter();
  }

  refilter(): void {
    this.shown = this.rows.filter(this.matches);
  }

  /** Replaces everything (a snapshot, a file). */
  reset(rows: readonly ExchangeRow[]): void {
    // A snapshot arrives in seq order: checking is cheaper than sorting 50,000 rows again.
    this.rows = rows.slice();
    if (!sortedBySeq(this.rows)) this.rows.sort((a, b) => a.seq - b.seq);
    this.index = undefined;
    this.trim();
    this.refilter();
  }

  clear(): void {
    this.reset([]);
  }

  /** Adds a row or replaces the row with the same id, keeping seq order and the view. */
  upsert(row: ExchangeRow): void {
    const old = this.byId.get(row.id);
    this.byId.set(row.id, row);
    if (old) {
      const i = this.indexIn(this.rows, old);
      if (i >= 0) this.rows[i] = row;
    } else {
      // Rows nearly always arrive in seq order: appending is the common case.
      const last = this.rows[this.rows.length - 1];
      if (!last || last.seq < row.seq) this.rows.push(row);
      else this.rows.splice(lowerBound(this.rows, row.seq), 0, row);
    }
    this.updateShown(old, row);
    this.trim();
  }

  /** Re-evaluates one row against the matcher (e.g. once its body is loaded). */
  recheck(id: string): void {
    const row = this.byId.get(id);
    if (row) this.updateShown(row, row);
  }

  private updateShown(old: ExchangeRow | undefined, row: ExchangeRow): void {
    const j = old ? this.indexIn(this.shown, old) : -1;
    const pass = this.matches(row);
    if (j >= 0 && pass) this.shown[j] = row;
    else if (j >= 0) this.shown.splice(j, 1);
    else if (pass) {
      const last = this.shown[this.shown.length - 1];
      if (!last || last.seq < row.seq) this.shown.push(row);
      else this.shown.splice(lowerBound(this.shown, row.seq), 0, row);
    }
  }

  private indexIn(list: readonly ExchangeRow[], row: ExchangeRow): number {
    const i = lowerBound(list, row.seq);
    return list[i]?.id === row.id ? i : -1;
  }

  private trim(): void {
    const excess = this.rows.length - this.limit;
    if (excess <= 0) return;
    const gone = this.rows.splice(0, excess);
    if (this.index) for (const r of gone) this.index.delete(r.id);
    this.evicted += excess;
    const lastGone = gone[gone.length - 1]!.seq;
    const k = lowerBound(this.shown, lastGone + 1);
    if (k > 0) this.shown.splice(0, k);
  }
}
