// A typed event emitter: the event map names each event and its detail, so a listener receives the
// detail's type without a cast and a misspelt event name does not compile.
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(detail: never) => void>>();

  /** Calls `fn` on every `name` event; returns the function that stops it. */
  on<K extends keyof Events>(name: K, fn: (detail: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  emit<K extends keyof Events>(name: K, detail: Events[K]): void {
    const set = this.listeners.get(name) as Set<(detail: Events[K]) => void> | undefined;
    if (set) for (const fn of [...set]) fn(detail);
  }
}
