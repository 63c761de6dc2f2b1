// A Map that keeps at most `cap` entries, newest last: setting a key moves it to the end, and the
// oldest entry goes when a new key would pass the bound.
export class BoundedMap<K, V> {
  readonly #cap: number;
  readonly #map = new Map<K, V>();

  constructor(cap: number) {
    this.#cap = cap;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    // Deleting first moves a known key to the end, so "oldest" means least recently told.
    if (!this.#map.delete(key) && this.#map.size >= this.#cap) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, value);
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  /** Entries oldest first. */
  entries(): [K, V][] {
    return [...this.#map.entries()];
  }
}
