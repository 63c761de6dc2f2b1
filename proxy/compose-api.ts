// GET /api/compose: the composer's templates, filled from what the session taught. The facts are
// learned from the store when the page asks (only exchanges not seen yet), never on the
// forwarding path, so a session nobody composes in costs nothing.
import { randomUUID } from 'node:crypto';
import { composeTemplates, SessionFacts, type ComposedRequest } from '../rules/compose/index.ts';
import type { ExchangeStore } from './store.ts';

export class ComposeSource {
  private facts = new SessionFacts();
  private seenThrough = -Infinity;

  constructor(private readonly store: ExchangeStore) {}

  templates(now = new Date()): ComposedRequest[] {
    // Sequence numbers only grow, clear or not: what the server taught stays true after a clear.
    for (const row of this.store.rows(this.seenThrough)) {
      const ex = this.store.get(row.id);
      if (ex) this.facts.observe(ex);
      this.seenThrough = row.seq;
    }
    return composeTemplates(this.facts.snapshot(), { now, uid: () => `${randomUUID()}@davscope` });
  }
}
