// The read-ahead budget: a body is read before an upstream socket is taken only while it fits the
// per-request bound and what all clients hold together; past either, it streams instead.
import { describe, expect, it } from 'vitest';
import { BodyGate } from '../../proxy/body-gate.ts';

describe('BodyGate', () => {
  it('reserves a known length up to the per-request bound, and nothing above it', () => {
    const gate = new BodyGate(1000, 10_000);
    expect(gate.reserve(1000)).toBe(1000);
    expect(gate.reserve(1001)).toBe(0);
  });

  it('reserves the whole per-request bound for a chunked body of unknown length', () => {
    expect(new BodyGate(1000, 10_000).reserve(undefined)).toBe(1000);
  });

  it('refuses once all clients together hold the total, and gives room back on release', () => {
    const gate = new BodyGate(1000, 2500);
    const held = [gate.reserve(1000), gate.reserve(1000)];
    expect(held).toEqual([1000, 1000]);
    expect(gate.reserve(1000)).toBe(0);
    expect(gate.reserve(500)).toBe(500);
    gate.release(held[0]!);
    expect(gate.reserve(1000)).toBe(1000);
  });
});
