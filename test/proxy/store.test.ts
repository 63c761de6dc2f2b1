// The exchange store keeps each exchange as its row plus a serialized copy: what comes back must be
// the exchange that went in (bodies byte for byte, findings, transport errors), and the bounds hold.
import { describe, expect, it } from 'vitest';
import { ExchangeStore } from '../../proxy/store.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { rowOf } from '../../rules/model/protocol.ts';
import { exchange as makeExchange } from '../rules/factories.ts';

/** A PUT with a binary body of `bodyBytes`, repeated headers and a finding, from the shared factory. */
function exchange(seq: number, bodyBytes = 16): Exchange {
  const bytes = new Uint8Array(bodyBytes).map((_, i) => (i * 7 + seq) & 0xff);
  return makeExchange({
    seq,
    id: String(seq),
    method: 'PUT',
    path: `/alice/cal/${seq}.ics`,
    rawHeaders: [['Content-Type', 'text/calendar'], ['X-Dup', 'a'], ['X-Dup', 'b']],
    requestBody: { kind: 'captured', bytes, size: bytes.byteLength, truncated: false },
    status: 201,
    rawResponseHeaders: [['ETag', '"1"']],
    findings: [{ ruleId: 'caldav/put-create-without-if-none-match', messageId: 'm', severity: 'warning', message: 'PUT created without If-None-Match: *', explanation: 'e', fix: 'f', specs: [{ spec: 'RFC 4791', section: '5.3.2', url: 'https://www.rfc-editor.org/rfc/rfc4791#section-5.3.2' }] }],
    startedAt: 1_750_000_000_000 + seq,
  });
}

describe('the exchange store', () => {
  it('gives back the exchange that went in, bodies byte for byte, and its list row', () => {
    const store = new ExchangeStore({ maxExchanges: 10, maxBytes: 1 << 20 });
    const ex = exchange(1, 3000);
    store.add(ex);
    const back = store.get('1')!;
    expect(back).not.toBe(ex);
    expect(back).toEqual(ex);
    const body = back.request.body;
    expect(body.kind === 'captured' && Buffer.from(body.bytes).equals(Buffer.from((ex.request.body as { bytes: Uint8Array }).bytes))).toBe(true);
    expect(store.rows()).toEqual([rowOf(ex, 'analysed')]);
    // Findings are kept as the (interned) objects they are, not copied into the serialized form.
    expect(back.findings[0]).toBe(ex.findings[0]);
    expect(store.get('2')).toBeUndefined();
  });

  it('keeps a compressed response body and its decoded form apart, and a truncated size', () => {
    const store = new ExchangeStore({ maxExchanges: 10, maxBytes: 1 << 20 });
    const gz = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    const plain = new TextEncoder().encode('<multistatus xmlns="DAV:"/>');
    const ex = { ...exchange(1), response: { status: 207, statusText: 'Multi-Status', httpVersion: '1.1', headers: [['Content-Encoding', 'gzip']], body: { kind: 'captured', bytes: gz, size: 9000, truncated: true, contentEncoding: 'gzip', decoded: plain } } } as Exchange;
    store.add(ex);
    expect(store.get('1')).toEqual(ex);
  });

  it('keeps a failed exchange (no response, a transport error) as it was', () => {
    const store = new ExchangeStore({ maxExchanges: 10, maxBytes: 1 << 20 });
    const { response: _r, ...rest } = exchange(1);
    const failed = { ...rest, error: { phase: 'connect', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' } } as Exchange;
    store.add(failed);
    expect(store.get('1')).toEqual(failed);
  });

  it('drops the oldest past the count, and past the bytes', () => {
    const byCount = new ExchangeStore({ maxExchanges: 3, maxBytes: 1 << 30 });
    for (let i = 1; i <= 5; i++) byCount.add(exchange(i));
    expect(byCount.rows().map((r) => r.seq)).toEqual([3, 4, 5]);
    expect([byCount.size, byCount.dropped, byCount.get('2')]).toEqual([3, 2, undefined]);

    const byBytes = new ExchangeStore({ maxExchanges: 1000, maxBytes: 50_000 });
    for (let i = 1; i <= 40; i++) byBytes.add(exchange(i, 10_000));
    // Each serialized exchange is over 10 KB (its body) and under 25 KB: 2 to 5 fit in 50 KB.
    expect(byBytes.size).toBeLessThanOrEqual(5);
    expect(byBytes.size).toBeGreaterThanOrEqual(2);
    expect(byBytes.rows().at(-1)!.seq).toBe(40);
  });

  it('lists rows after a sequence number, at most a limit, and tells listeners each row', () => {
    const store = new ExchangeStore({ maxExchanges: 100, maxBytes: 1 << 30 });
    const seen: number[] = [];
    const off = store.onAdd((ex, row) => seen.push(row.seq === ex.seq ? row.seq : -1));
    for (let i = 1; i <= 10; i++) store.add(exchange(i));
    off();
    store.add(exchange(11));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(store.rows(7).map((r) => r.seq)).toEqual([8, 9, 10, 11]);
    expect(store.rows(2, 3).map((r) => r.seq)).toEqual([3, 4, 5]);
    store.clear();
    expect([store.size, store.rows()]).toEqual([0, []]);
  });
});
