// The secrets seen so far in one file (a recording, an export), so a password seen in exchange 1 is
// scrubbed from exchange 5's body too. Bounded: each secret costs a search through every later
// body, and a session rarely holds more than a few distinct credentials.

/** Secrets shorter than this are not searched for in bodies and messages: "a" would wreck them all. */
export const MIN_SEARCHED_SECRET = 4;

const REDACTED = '[redacted]';

export class SecretSet {
  // A Map keeps insertion order: the first key is the oldest.
  private readonly items = new Map<string, true>();
  private sorted: string[] | undefined;

  constructor(readonly limit = 256) {}

  get size(): number {
    return this.items.size;
  }

  /** Adds a secret, or makes a known one the newest; the oldest goes beyond the limit. */
  add(secret: string): void {
    if (secret.length < MIN_SEARCHED_SECRET || secret === REDACTED) return;
    if (this.items.has(secret)) this.items.delete(secret);
    else this.sorted = undefined;
    this.items.set(secret, true);
    if (this.items.size > this.limit) {
      this.items.delete(this.items.keys().next().value as string);
      this.sorted = undefined;
    }
  }

  /** Longest first, so "alice:secret" goes before "secret" leaves a stray "alice:" behind. */
  searchable(): readonly string[] {
    this.sorted ??= [...this.items.keys()].sort((a, b) => b.length - a.length);
    return this.sorted;
  }
}
