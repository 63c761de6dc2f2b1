// The in-memory store: the newest exchanges, bounded by count and by bytes (oldest dropped).
// Each exchange is kept as its list row (what the inspector's list and /api/exchanges show) and
// one serialized copy (v8.serialize) that is read back only when someone opens the exchange.
// Why not the live objects: an Exchange is ~100 small objects (header pairs, bodies, findings);
// 10,000 of them made every full GC walk about a million objects, and V8 let the heap grow to
// several times what was live (418 MB RSS after 100,000 exchanges, ~60 MB live). A serialized
// copy is one allocation outside the JS heap. Findings stay objects: their texts are interned
// (shared by every exchange with the same finding), where a serialized copy would repeat them.
import type { Exchange } from '../rules/model/exchange.ts';
import type { ExchangeRow } from '../rules/model/protocol.ts';
import { readStoredForm, takeStoredForm } from './stored-form.ts';

export interface StoreLimits {
  readonly maxExchanges: number;
  /** Bytes of serialized exchanges (bodies included) kept at most. */
  readonly maxBytes: number;
}

interface Entry {
  readonly row: ExchangeRow;
  /** The exchange without its findings, serialized. */
  readonly blob: Uint8Array;
  readonly findings: Exchange['findings'];
}

export class ExchangeStore {
  private readonly items: (Entry | undefined)[] = [];
  private head = 0; // index of the oldest live item; the array is compacted lazily
  private readonly byId = new Map<string, Entry>();
  private bytes = 0;
  private readonly listeners = new Set<(ex: Exchange, row: ExchangeRow) => void>();
  dropped = 0;
  /** Exchanges numbered up to this one were cleared: one whose capture or analysis ends later stays out. */
  private clearedThroughSeq = -Infinity;

  constructor(private readonly limits: StoreLimits) {}

  add(ex: Exchange): void {
    if (ex.seq <= this.clearedThroughSeq) return;
    const entry: Entry = { ...takeStoredForm(ex), findings: ex.findings };
    this.items.push(entry);
    this.byId.set(ex.id, entry);
    this.bytes += entry.blob.byteLength;
    while (this.size > this.limits.maxExchanges || (this.bytes > this.limits.maxBytes && this.size > 1)) this.evictOldest();
    for (const fn of this.listeners) fn(ex, entry.row);
  }

  /** The whole exchange, read back from its serialized copy (a fresh object on every call). */
  get(id: string): Exchange | undefined {
    const entry = this.byId.get(id);
    return entry && readStoredForm(entry.blob, entry.findings);
  }

  /** The stored exchanges (only those `ids` names, when given), oldest first, each read back as it is
   *  reached: what was listed when iteration began, less what was dropped since. */
  *exchanges(ids?: ReadonlySet<string>): Generator<Exchange> {
    for (const row of this.rows()) {
      if (ids && !ids.has(row.id)) continue;
      const ex = this.get(row.id);
      if (ex) yield ex;
    }
  }

  /** Whether the exchange of this number started before a clear (it is not shown, whenever it ends). */
  wasCleared(seq: number): boolean {
    return seq <= this.clearedThroughSeq;
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Rows of the exchanges with seq greater than `after`, oldest first, at most `limit`. */
  rows(after = -Infinity, limit = Infinity): ExchangeRow[] {
    const out: ExchangeRow[] = [];
    for (let i = this.head; i < this.items.length && out.length < limit; i++) {
      const row = this.items[i]!.row;
      if (row.seq > after) out.push(row);
    }
    return out;
  }

  /** Empties the store. `throughSeq`, the newest exchange started so far, keeps those still under
   *  way from arriving afterwards (as mitmproxy's clear does); without it, the newest stored. */
  clear(throughSeq?: number): void {
    const newest = this.items.length > this.head ? this.items[this.items.length - 1]!.row.seq : -Infinity;
    this.clearedThroughSeq = Math.max(this.clearedThroughSeq, throughSeq ?? newest);
    this.items.length = 0;
    this.head = 0;
    this.byId.clear();
    this.bytes = 0;
  }

  /** Called with each stored exchange and its row (the publisher sends that row on). */
  onAdd(fn: (ex: Exchange, row: ExchangeRow) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private evictOldest(): void {
    const entry = this.items[this.head]!;
    // Cleared at once: the slots before head are compacted only now and then, and must not keep
    // evicted exchanges alive until then.
    this.items[this.head++] = undefined;
    this.byId.delete(entry.row.id);
    this.bytes -= entry.blob.byteLength;
    this.dropped++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
