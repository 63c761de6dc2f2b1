// A Set that forgets its oldest entries past a bound: session knowledge that accrues with every
// exchange (sync tokens, ctags) must not grow without limit over a long interop day.
export class BoundedSet<T> extends Set<T> {
  readonly #cap: number;

  constructor(cap: number) {
    super();
    this.#cap = cap;
  }

  override add(value: T): this {
    if (!this.has(value) && this.size >= this.#cap) {
      const oldest = this.values().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.add(value);
  }
}
