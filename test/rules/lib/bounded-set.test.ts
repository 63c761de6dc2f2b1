// Session knowledge that accrues with every exchange is bounded: the oldest entries go first.
import { describe, expect, it } from 'vitest';
import { BoundedSet } from '../../../rules/lib/bounded-set.ts';
import { createEngine } from '../../../rules/engine/engine.ts';
import { allRules } from '../../../rules/registry.ts';
import { exchange, multistatus, syncCollectionBody } from '../factories.ts';

describe('BoundedSet', () => {
  it('keeps at most its bound, forgetting the oldest first, and re-adding is free', () => {
    const s = new BoundedSet<number>(3);
    for (const v of [1, 2, 3, 3, 4, 5]) s.add(v);
    expect([...s]).toEqual([3, 4, 5]);
  });
});

describe('a long session', () => {
  it('remembers at most 10,000 sync tokens however many sync REPORTs mint new ones', () => {
    const engine = createEngine({ rules: allRules });
    let previous = '';
    for (let i = 0; i < 10_050; i++) {
      const token = `http://example.com/sync/${i}`;
      engine.analyse(
        exchange({ method: 'REPORT', path: '/alice/calendar/', headers: { Depth: '0' }, body: syncCollectionBody(previous), status: 207, responseBody: multistatus([], `<D:sync-token>${token}</D:sync-token>`) }),
      );
      previous = token;
    }
    expect(engine.context.allSyncTokens.size).toBe(10_000);
    expect(engine.context.allSyncTokens.has('http://example.com/sync/10049')).toBe(true);
    expect(engine.context.allSyncTokens.has('http://example.com/sync/0')).toBe(false);
  });
});
