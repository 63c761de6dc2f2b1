// A bounded, seq-ordered set of rows as an immutable value (each change returns a new set), and the
// helpers that keep a filtered view of it up to date per changed row, so a live stream into 50,000
// rows costs per new row, not per row held.
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import { RowList } from './row-list.ts';

export type Matcher = (row: ExchangeRow) => boolean;

/** What one upsert did: the row it replaced, and the seq of the last row the bound evicted. */
export interface Upserted {
  readonly set: RowSet;
  readonly old: ExchangeRow | undefined;
  readonly evictedThroughSeq: number | undefined;
}

export class RowSet {
  /** An empty set keeping at most `limit` rows. */
  static empty(limit = Infinity): RowSet {
    return new RowSet(RowList.EMPTY, limit, 0);
  }

  private constructor(
    /** All rows, oldest first. */
    readonly all: RowList,
    /** The most rows kept; the oldest go first. */
    readonly limit: number,
    /** How many rows fell out because of the bound, over the life of this set and its ancestors. */
    readonly evicted: number,
  ) {}

  get size(): number {
    return this.all.length;
  }

  /** The row with this seq (a binary search: what the hot paths use). */
  bySeq(seq: number): ExchangeRow | undefined {
    const row = this.all.at(this.all.lowerBound(seq));
    return row?.seq === seq ? row : undefined;
  }

  /** The row with this id: a scan from the newest, for a click or a test (hot paths go by seq). */
  get(id: string): ExchangeRow | undefined {
    for (let i = this.all.length - 1; i >= 0; i--) {
      const row = this.all.at(i)!;
      if (row.id === id) return row;
    }
    return undefined;
  }

  /** This set with another bound (applied at the next reset or upsert). */
  withLimit(limit: number): RowSet {
    return new RowSet(this.all, limit, this.evicted);
  }

  /** All rows replaced (a snapshot, a file), sorted by seq and cut to the bound. */
  reset(rows: readonly ExchangeRow[]): RowSet {
    // A snapshot arrives in seq order: checking is cheaper than sorting 50,000 rows again.
    const sorted = isSortedBySeq(rows) ? rows : [...rows].sort((a, b) => a.seq - b.seq);
    const excess = Math.max(0, sorted.length - this.limit);
    return new RowSet(RowList.from(excess ? sorted.slice(excess) : sorted), this.limit, this.evicted + excess);
  }

  cleared(): RowSet {
    return this.reset([]);
  }

  /** Adds a row or replaces the row with the same seq and id, keeping seq order and the bound. */
  upsert(row: ExchangeRow): Upserted {
    let all = this.all;
    const i = all.lowerBound(row.seq);
    const old = all.at(i);
    if (old?.seq === row.seq && old.id === row.id) all = all.set(i, row);
    // Rows nearly always arrive in seq order: appending is the common case.
    else all = i === all.length ? all.push(row) : all.insert(i, row);
    const replaced = old?.seq === row.seq && old.id === row.id ? old : undefined;
    const excess = all.length - this.limit;
    if (excess <= 0) return { set: new RowSet(all, this.limit, this.evicted), old: replaced, evictedThroughSeq: undefined };
    const lastGone = all.at(excess - 1)!.seq;
    return { set: new RowSet(all.dropFront(excess), this.limit, this.evicted + excess), old: replaced, evictedThroughSeq: lastGone };
  }
}

function isSortedBySeq(rows: readonly ExchangeRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.seq > rows[i]!.seq) return false;
  return true;
}

/** The filtered view after `row` replaced `old` (or arrived, without `old`) in the set it shows. */
export function viewUpsert(shown: RowList, old: ExchangeRow | undefined, row: ExchangeRow, matches: Matcher): RowList {
  const j = old ? shown.indexOfRow(old) : -1;
  const pass = matches(row);
  if (j >= 0) return pass ? shown.set(j, row) : shown.remove(j);
  if (!pass) return shown;
  const last = shown.at(-1);
  return !last || last.seq < row.seq ? shown.push(row) : shown.insert(shown.lowerBound(row.seq), row);
}

/** The filtered view once the set evicted every row up to seq `through`. */
export function viewEvict(shown: RowList, through: number): RowList {
  return shown.dropFront(shown.lowerBound(through + 1));
}
