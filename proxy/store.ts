// The in-memory store: the newest exchanges, bounded by count and by captured bytes (oldest dropped).
import type { Exchange } from '../rules/model/exchange.ts';

export interface StoreLimits {
  readonly maxExchanges: number;
  readonly maxBytes: number;
}

function capturedBytes(ex: Exchange): number {
  let n = 0;
  for (const body of [ex.request.body, ex.response?.body]) {
    if (body?.kind === 'captured') n += body.bytes.byteLength + (body.decoded?.byteLength ?? 0);
  }
  return n;
}

export class ExchangeStore {
  private readonly items: (Exchange | undefined)[] = [];
  private head = 0; // index of the oldest live item; the array is compacted lazily
  private readonly byId = new Map<string, Exchange>();
  private bytes = 0;
  private readonly listeners = new Set<(ex: Exchange) => void>();
  dropped = 0;

  constructor(private readonly limits: StoreLimits) {}

  add(ex: Exchange): void {
    this.items.push(ex);
    this.byId.set(ex.id, ex);
    this.bytes += capturedBytes(ex);
    while (this.size > this.limits.maxExchanges || (this.bytes > this.limits.maxBytes && this.size > 1)) this.evictOldest();
    for (const fn of this.listeners) fn(ex);
  }

  get(id: string): Exchange | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Exchanges with seq greater than `after`, oldest first, at most `limit`. */
  list(after = -Infinity, limit = Infinity): Exchange[] {
    const out: Exchange[] = [];
    for (let i = this.head; i < this.items.length && out.length < limit; i++) {
      const ex = this.items[i]!;
      if (ex.seq > after) out.push(ex);
    }
    return out;
  }

  clear(): void {
    this.items.length = 0;
    this.head = 0;
    this.byId.clear();
    this.bytes = 0;
  }

  onAdd(fn: (ex: Exchange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private evictOldest(): void {
    const ex = this.items[this.head]!;
    // Cleared at once: the slots before head are compacted only now and then, and must not keep
    // evicted exchanges (and their bodies) alive until then.
    this.items[this.head++] = undefined;
    this.byId.delete(ex.id);
    this.bytes -= capturedBytes(ex);
    this.dropped++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
