// An immutable, seq-ordered list of rows kept in chunks. Every change returns a new list sharing the
// untouched chunks with the old one, so a view may keep the list it was given while live rows
// arrive: appending to 50,000 rows copies the chunk table (~50 numbers), never the rows.
import type { ExchangeRow } from '../../rules/model/protocol.ts';

/**
 * Rows per chunk. A change copies at most one chunk (< 2·CHUNK rows) and the chunk table (n/CHUNK
 * entries); 1024 keeps both near 50 for 50,000 rows.
 */
const CHUNK = 1024;

export class RowList implements Iterable<ExchangeRow> {
  static readonly EMPTY: RowList = new RowList([], [], 0);

  /** A list of these rows (copied into chunks: later changes to `rows` do not reach the list). */
  static from(rows: readonly ExchangeRow[]): RowList {
    const chunks: ExchangeRow[][] = [];
    const ends: number[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      chunks.push(rows.slice(i, i + CHUNK));
      ends.push(Math.min(rows.length, i + CHUNK));
    }
    return chunks.length ? new RowList(chunks, ends, 0) : RowList.EMPTY;
  }

  readonly length: number;

  /**
   * `ends[k]` is the number of rows in chunks 0..k; `head` rows at the start of chunk 0 are dropped.
   * A chunk array may be longer than its share of `ends`: a newer list appended to it in place,
   * which this list never reads (see push).
   */
  private constructor(
    private readonly chunks: readonly ExchangeRow[][],
    private readonly ends: readonly number[],
    private readonly head: number,
  ) {
    this.length = (ends[ends.length - 1] ?? 0) - head;
  }

  at(i: number): ExchangeRow | undefined {
    if (i < 0) i += this.length;
    if (i < 0 || i >= this.length) return undefined;
    const [k, local] = this.locate(i);
    return this.chunks[k]![local];
  }

  /** Like Array.prototype.slice (negative indices count from the end); a fresh array. */
  slice(start = 0, end = this.length): ExchangeRow[] {
    const from = clamp(start, this.length);
    const to = clamp(end, this.length);
    const out: ExchangeRow[] = [];
    if (from >= to) return out;
    let [k, local] = this.locate(from);
    for (let left = to - from; left > 0; k++, local = 0) {
      const chunk = this.chunks[k]!;
      const stop = Math.min(this.used(k), local + left);
      for (let j = local; j < stop; j++) out.push(chunk[j]!);
      left -= stop - local;
    }
    return out;
  }

  toArray(): ExchangeRow[] {
    return this.slice();
  }

  map<T>(fn: (row: ExchangeRow, i: number) => T): T[] {
    const out: T[] = [];
    this.forEach((row, i) => out.push(fn(row, i)));
    return out;
  }

  findIndex(pred: (row: ExchangeRow) => boolean): number {
    let i = 0;
    for (const row of this) {
      if (pred(row)) return i;
      i++;
    }
    return -1;
  }

  forEach(fn: (row: ExchangeRow, i: number) => void): void {
    let i = 0;
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      const stop = this.used(k);
      for (let j = k === 0 ? this.head : 0; j < stop; j++) fn(chunk[j]!, i++);
    }
  }

  *[Symbol.iterator](): Iterator<ExchangeRow> {
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      const stop = this.used(k);
      for (let j = k === 0 ? this.head : 0; j < stop; j++) yield chunk[j]!;
    }
  }

  /** The rows that pass `pred`, as a new list (the O(n) step of a filter change). */
  filter(pred: (row: ExchangeRow) => boolean): RowList {
    const out: ExchangeRow[] = [];
    this.forEach((row) => {
      if (pred(row)) out.push(row);
    });
    return RowList.from(out);
  }

  /** First index whose row has seq >= `seq` (the list is kept in seq order by its users). */
  lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid)!.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the row with this seq and id, or -1. */
  indexOfRow(row: Pick<ExchangeRow, 'seq' | 'id'>): number {
    const i = this.lowerBound(row.seq);
    return this.at(i)?.id === row.id ? i : -1;
  }

  push(row: ExchangeRow): RowList {
    const k = this.chunks.length - 1;
    const last = this.chunks[k];
    // Appending in place is safe when no newer list has appended to this chunk already: older
    // lists read only up to their own `ends`, so they never see the new row. The bound counts the
    // dropped head too, so a list trimmed at its front as fast as it grows still changes chunks.
    if (last && last.length === this.used(k) && this.used(k) < CHUNK) {
      last.push(row);
      const ends = this.ends.slice();
      ends[k]!++;
      return new RowList(this.chunks, ends, this.head);
    }
    return new RowList([...this.chunks, [row]], [...this.ends, (this.ends[k] ?? 0) + 1], this.head);
  }

  set(i: number, row: ExchangeRow): RowList {
    return this.edit(i, (rows, j) => void (rows[j] = row));
  }

  /** Inserts before index `i` (i === length appends). */
  insert(i: number, row: ExchangeRow): RowList {
    if (i >= this.length) return this.push(row);
    return this.edit(i, (rows, j) => void rows.splice(j, 0, row));
  }

  remove(i: number): RowList {
    return this.edit(i, (rows, j) => void rows.splice(j, 1));
  }

  /** Drops the first `count` rows (the oldest, once the bound is reached). */
  dropFront(count: number): RowList {
    if (count <= 0) return this;
    if (count >= this.length) return RowList.EMPTY;
    const head = this.head + count;
    let k = 0;
    while (this.ends[k]! <= head) k++;
    const base = k === 0 ? 0 : this.ends[k - 1]!;
    return new RowList(this.chunks.slice(k), this.ends.slice(k).map((e) => e - base), head - base);
  }

  /** Chunk and index within it of row `i` (0 <= i < length). */
  private locate(i: number): [number, number] {
    const raw = i + this.head;
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! <= raw) lo = mid + 1;
      else hi = mid;
    }
    return [lo, raw - (lo === 0 ? 0 : this.ends[lo - 1]!)];
  }

  /** How many entries of chunk k belong to this list (counting the dropped head of chunk 0). */
  private used(k: number): number {
    return this.ends[k]! - (k === 0 ? 0 : this.ends[k - 1]!);
  }

  /** Copies the chunk holding row `i`, lets `change` edit the copy, and rebuilds the chunk table. */
  private edit(i: number, change: (rows: ExchangeRow[], j: number) => void): RowList {
    if (i < 0 || i >= this.length) throw new RangeError(`row index ${i} outside 0..${this.length - 1}`);
    const [k, local] = this.locate(i);
    const start = k === 0 ? this.head : 0;
    const copy = this.chunks[k]!.slice(start, this.used(k));
    change(copy, local - start);
    const pieces = copy.length === 0 ? [] : copy.length >= 2 * CHUNK ? [copy.slice(0, CHUNK), copy.slice(CHUNK)] : [copy];
    const chunks = [...this.chunks.slice(0, k), ...pieces, ...this.chunks.slice(k + 1)];
    const ends: number[] = [];
    let total = 0;
    for (let c = 0; c < chunks.length; c++) {
      total += c < k ? this.used(c) - (c === 0 ? this.head : 0) : c < k + pieces.length ? pieces[c - k]!.length : this.used(c - pieces.length + 1);
      ends.push(total);
    }
    // Chunk 0's dropped head went with the copy when k is 0; otherwise it is still counted in ends.
    const head = k === 0 ? 0 : this.head;
    if (head) for (let c = 0; c < ends.length; c++) ends[c]! += head;
    return chunks.length ? new RowList(chunks, ends, head) : RowList.EMPTY;
  }
}

function clamp(i: number, length: number): number {
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}
