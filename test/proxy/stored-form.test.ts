// The analysis worker makes the store's form of each exchange (list row + serialized copy) beside
// its findings; what the store then gives back must be the analysed exchange itself.
import { afterAll, describe, expect, it } from 'vitest';
import { Analyser } from '../../proxy/analysis/analyser.ts';
import { ExchangeStore } from '../../proxy/store.ts';
import { hasStoredForm, makeStoredForm, takeStoredForm } from '../../proxy/stored-form.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { rowOf } from '../../rules/model/protocol.ts';

const analyser = new Analyser({ maxDecoded: 16 << 20, maxBacklog: 100, useWorker: true, warn: (l) => { throw new Error(l); } });
afterAll(() => analyser.close());

const ics = new TextEncoder().encode('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
const put: Exchange = {
  id: '1', seq: 1, source: 'live', upstream: 'http://127.0.0.1:5232/',
  request: { method: 'PUT', target: '/alice/cal/a.ics', httpVersion: '1.1', headers: [['Content-Type', 'text/calendar'], ['Content-Length', String(ics.length)]], body: { kind: 'captured', bytes: ics, size: ics.length, truncated: false } },
  response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [['Content-Length', '0']], body: { kind: 'none' } },
  timings: { startedAt: 1_750_000_000_000, requestEnd: 1, responseStart: 2, end: 3 },
  findings: [],
} as Exchange;

describe('the stored form', () => {
  it('comes from the worker with the findings, and the store gives back the analysed exchange', async () => {
    await analyser.ready();
    const done = await analyser.submit(put);
    expect(done.findings.map((f) => f.ruleId)).toContain('caldav/put-create-without-if-none-match');
    expect(hasStoredForm(done)).toBe(true);
    const store = new ExchangeStore({ maxExchanges: 10, maxBytes: 1 << 20 });
    store.add(done);
    expect(hasStoredForm(done)).toBe(false);
    expect(store.get('1')).toEqual(done);
    expect(store.rows()).toEqual([rowOf(done, 'analysed')]);
  });

  it('is made by the store when no worker made it ahead', () => {
    const form = takeStoredForm(put);
    expect(form).toEqual(makeStoredForm(put));
    expect(form.row.state).toBe('analysed');
  });
});
