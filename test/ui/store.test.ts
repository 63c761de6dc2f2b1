// The UI's store in Node: applying snapshots and numbered deltas, gaps, filters, selection, pause,
// silenced rules and the row bound, on rows made by the same helpers the proxy uses.
import { describe, expect, it } from 'vitest';
import type { Exchange, Finding, Severity } from '../../rules/model/exchange.ts';
import { PROTOCOL_VERSION, rowOf, startedRow, type Delta, type ExchangeRow, type ServerMessage } from '../../rules/model/protocol.ts';
import { InspectorStore } from '../../ui/store/inspector-store.ts';
import { exchange as makeExchange } from '../rules/factories.ts';


function finding(ruleId: string, severity: Severity): Finding {
  return { ruleId, messageId: 'm', severity, message: ruleId, explanation: 'why', fix: 'fix', specs: [] };
}

/** A finished exchange as the store's rows come from, built by the shared factory. */
function exchange(seq: number, over: { method?: string; target?: string; status?: number; findings?: Finding[]; headers?: [string, string][]; body?: string } = {}): Exchange {
  return makeExchange({
    seq,
    id: String(seq),
    method: over.method ?? 'PROPFIND',
    path: over.target ?? `/anon/cal/${seq}.ics`,
    rawHeaders: over.headers ?? [['Depth', '1']],
    status: over.status ?? 207,
    statusText: 'x',
    rawResponseHeaders: [['Content-Type', 'text/xml']],
    ...(over.body !== undefined ? { responseBody: over.body } : {}),
    findings: over.findings ?? [],
    startedAt: 1_700_000_000_000 + seq,
  });
}

const row = (seq: number, over: Parameters<typeof exchange>[1] = {}): ExchangeRow => rowOf(exchange(seq, over), 'analysed');

function snapshot(n: number, rows: ExchangeRow[], keep = 10_000): ServerMessage {
  return { type: 'snapshot', protocol: PROTOCOL_VERSION, n, info: { upstream: 'http://127.0.0.1:5232/', proxyUrl: 'http://127.0.0.1:8088/', keep, version: '0' }, rows };
}

function batch(...deltas: Delta[]): ServerMessage {
  return { type: 'batch', deltas };
}

const ids = (s: InspectorStore) => s.visible.map((r) => r.id);

describe('how often a finding came back', () => {
  it('counts one rule on one method across the session, first number included, and follows new rows', () => {
    const s = new InspectorStore();
    const f = [finding('caldav/put-create-without-if-none-match', 'warning')];
    s.apply(snapshot(1, [row(3, { method: 'PUT', findings: f }), row(5, { method: 'PUT', findings: f }), row(4, { method: 'GET', findings: f }), row(6, { method: 'PUT' })]));
    expect(s.occurrences('caldav/put-create-without-if-none-match', 'PUT')).toEqual({ count: 2, firstSeq: 3 });
    // Asked again for the same list: the same answer (computed once per list state).
    expect(s.occurrences('caldav/put-create-without-if-none-match', 'PUT')).toEqual({ count: 2, firstSeq: 3 });
    s.apply(batch({ n: 2, type: 'analysed', row: row(7, { method: 'PUT', findings: f }) }));
    expect(s.occurrences('caldav/put-create-without-if-none-match', 'PUT')).toEqual({ count: 3, firstSeq: 3 });
    expect(s.occurrences('caldav/put-create-without-if-none-match', 'GET')).toEqual({ count: 1, firstSeq: 4 });
  });
});

describe('applying protocol messages', () => {
  it('a snapshot replaces the rows and sets the delta number', () => {
    const s = new InspectorStore();
    expect(s.apply(snapshot(7, [row(2), row(1)]))).toBe('ok');
    expect(ids(s)).toEqual(['1', '2']);
    expect(s.n).toBe(7);
  });

  it('deltas before any snapshot are ignored, never guessed at', () => {
    const s = new InspectorStore();
    expect(s.apply(batch({ n: 1, type: 'analysed', row: row(1) }))).toBe('ok');
    expect(s.live.size).toBe(0);
  });

  it('a started row is replaced by its completed and then analysed form, keeping its place', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1)]));
    const started = startedRow({ id: '2', seq: 2, upstream: 'u', method: 'PUT', target: '/a.ics', startedAt: 1, headers: [['Content-Type', 'text/calendar']] });
    s.apply(batch({ n: 1, type: 'started', row: started }));
    expect(s.live.get('2')?.state).toBe('started');
    s.apply(batch({ n: 2, type: 'completed', row: rowOf(exchange(2, { method: 'PUT' }), 'completed') }, { n: 3, type: 'analysed', row: row(2, { method: 'PUT', findings: [finding('caldav/x', 'warning')] }) }));
    expect(ids(s)).toEqual(['1', '2']);
    expect(s.live.get('2')?.state).toBe('analysed');
    expect(s.live.get('2')?.findings.warning).toBe(1);
    expect(s.n).toBe(3);
  });

  it('deltas already contained in the snapshot are skipped', () => {
    const s = new InspectorStore();
    s.apply(snapshot(5, [row(1)]));
    s.apply(batch({ n: 4, type: 'cleared' }, { n: 5, type: 'analysed', row: row(9) }, { n: 6, type: 'analysed', row: row(2) }));
    expect(ids(s)).toEqual(['1', '2']);
  });

  it('a gap in delta numbers asks for a resync and applies nothing after the gap', () => {
    const s = new InspectorStore();
    s.apply(snapshot(1, []));
    expect(s.apply(batch({ n: 2, type: 'analysed', row: row(1) }, { n: 4, type: 'analysed', row: row(3) }))).toBe('resync');
    expect(ids(s)).toEqual(['1']);
    expect(s.n).toBeUndefined();
    expect(s.counters.gaps).toBe(1);
    // Until the fresh snapshot arrives, further deltas are ignored.
    s.apply(batch({ n: 5, type: 'analysed', row: row(4) }));
    expect(ids(s)).toEqual(['1']);
    s.apply(snapshot(5, [row(1), row(3), row(4)]));
    expect(ids(s)).toEqual(['1', '3', '4']);
  });

  it('a resync message from the server asks the connection to reconnect', () => {
    const s = new InspectorStore();
    s.apply(snapshot(1, []));
    expect(s.apply({ type: 'resync', reason: 'fell behind' })).toBe('reconnect');
    expect(s.n).toBeUndefined();
  });

  it('a snapshot of another protocol version asks for a reload', () => {
    const s = new InspectorStore();
    expect(s.apply({ ...(snapshot(0, []) as Extract<ServerMessage, { type: 'snapshot' }>), protocol: PROTOCOL_VERSION + 1 })).toBe('reload');
  });

  it('cleared empties the live rows and the selection', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1), row(2)]));
    s.select('2');
    s.apply(batch({ n: 1, type: 'cleared' }, { n: 2, type: 'analysed', row: row(3) }));
    expect(ids(s)).toEqual(['3']);
    expect(s.selectedId).toBeUndefined();
  });

  it('a late completed delta never undoes the analysed row', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, []));
    s.apply(batch({ n: 1, type: 'analysed', row: row(1, { findings: [finding('a/b', 'error')] }) }, { n: 2, type: 'completed', row: rowOf(exchange(1), 'completed') }));
    expect(s.live.get('1')?.state).toBe('analysed');
  });

  it('keeps no more rows than the server does, dropping the oldest', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1), row(2)], 3));
    s.apply(batch({ n: 1, type: 'analysed', row: row(3) }, { n: 2, type: 'analysed', row: row(4) }));
    expect(ids(s)).toEqual(['2', '3', '4']);
    expect(s.live.evicted).toBe(1);
  });

  it('rows that arrive out of seq order are placed by seq', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1), row(5)]));
    s.apply(batch({ n: 1, type: 'completed', row: rowOf(exchange(3), 'completed') }));
    expect(ids(s)).toEqual(['1', '3', '5']);
  });
});

describe('filters', () => {
  function loaded(): InspectorStore {
    const s = new InspectorStore();
    s.apply(
      snapshot(0, [
        row(1, { method: 'MKCALENDAR', target: '/anon/cal', status: 201, findings: [finding('webdav/collection-url-missing-trailing-slash', 'warning')] }),
        row(2, { method: 'PUT', target: '/anon/cal/e.ics', status: 201, findings: [finding('caldav/put-create-without-if-none-match', 'warning'), finding('caldav/put-response-without-etag', 'info')] }),
        row(3, { method: 'MKCALENDAR', target: '/anon/cal/', status: 409, findings: [finding('webdav/precondition-error', 'error')], body: '<error xmlns="DAV:"><resource-must-be-null/></error>' }),
        row(4, { method: 'PROPFIND', target: '/anon/', status: 207, headers: [['Depth', '1'], ['User-Agent', 'DAVx5/4.3']] }),
      ]),
    );
    return s;
  }

  it('free text matches method, URL and headers, case-insensitively', () => {
    const s = loaded();
    s.setFilter({ text: 'davx5' });
    expect(ids(s)).toEqual(['4']);
    s.setFilter({ text: 'E.ICS' });
    expect(ids(s)).toEqual(['2']);
  });

  it('free text matches a body only once that exchange is loaded', () => {
    const s = loaded();
    s.setFilter({ text: 'resource-must-be-null' });
    expect(ids(s)).toEqual([]);
    s.setDetail({ id: '3', seq: 3, source: 'live', upstream: 'u', request: { method: 'MKCALENDAR', target: '/anon/cal/', httpVersion: '1.1', headers: [], body: { kind: 'none' } }, response: { status: 409, statusText: 'Conflict', httpVersion: '1.1', headers: [], body: { kind: 'captured', size: 10, truncated: false, encoding: 'utf8', data: '<error xmlns="DAV:"><resource-must-be-null/></error>' } }, timings: { startedAt: 0 }, findings: [] });
    expect(ids(s)).toEqual(['3']);
  });

  it('method, status class, severity, rule id and has-findings narrow the list together', () => {
    const s = loaded();
    s.setFilter({ method: 'mkcalendar' });
    expect(ids(s)).toEqual(['1', '3']);
    s.setFilter({ method: '', status: '4xx' });
    expect(ids(s)).toEqual(['3']);
    s.setFilter({ status: '', severity: 'warning' });
    expect(ids(s)).toEqual(['1', '2', '3']);
    s.setFilter({ severity: 'error' });
    expect(ids(s)).toEqual(['3']);
    s.setFilter({ severity: '', ruleId: 'caldav/put-create-without-if-none-match' });
    expect(ids(s)).toEqual(['2']);
    s.setFilter({ ruleId: 'webdav/' });
    expect(ids(s)).toEqual(['1', '3']);
    s.setFilter({ ruleId: '', hasFindings: true });
    expect(ids(s)).toEqual(['1', '2', '3']);
  });

  it('live rows that arrive are filtered as they come', () => {
    const s = loaded();
    s.setFilter({ hasFindings: true });
    s.apply(batch({ n: 1, type: 'analysed', row: row(5) }, { n: 2, type: 'analysed', row: row(6, { findings: [finding('a/b', 'info')] }) }));
    expect(ids(s)).toEqual(['1', '2', '3', '6']);
  });

  it('a row that gains findings when analysed enters a has-findings view', () => {
    const s = loaded();
    s.setFilter({ hasFindings: true });
    s.apply(batch({ n: 1, type: 'completed', row: rowOf(exchange(5), 'completed') }));
    expect(ids(s)).not.toContain('5');
    s.apply(batch({ n: 2, type: 'analysed', row: row(5, { findings: [finding('a/b', 'error')] }) }));
    expect(ids(s)).toContain('5');
  });

  it('a silenced rule no longer counts for the severity and rule filters', () => {
    const s = loaded();
    s.setFilter({ severity: 'warning' });
    s.silence('caldav/put-create-without-if-none-match', true);
    expect(ids(s)).toEqual(['1', '3']);
    s.setFilter({ severity: '', ruleId: 'caldav/put-create-without-if-none-match' });
    expect(ids(s)).toEqual([]);
    s.silence('caldav/put-create-without-if-none-match', false);
    expect(ids(s)).toEqual(['2']);
  });
});

describe('selection and pause', () => {
  it('up and down move the selection within the visible rows and stop at the ends', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1), row(2), row(3)]));
    expect(s.move(1)?.id).toBe('1');
    expect(s.move(1)?.id).toBe('2');
    expect(s.move(5)?.id).toBe('3');
    expect(s.move(-9)?.id).toBe('1');
  });

  it('pausing holds back new rows without losing them, and resuming shows them', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1)]));
    s.setPaused(true);
    s.apply(batch({ n: 1, type: 'analysed', row: row(2) }, { n: 2, type: 'analysed', row: row(3) }));
    expect(ids(s)).toEqual(['1']);
    expect(s.heldBack).toBe(2);
    s.setPaused(false);
    expect(ids(s)).toEqual(['1', '2', '3']);
  });

  it('clear on the live view asks the server, on a file view empties it locally', () => {
    const s = new InspectorStore();
    s.apply(snapshot(0, [row(1)]));
    expect(s.clear()).toEqual({ type: 'clear' });
    s.openFile({ name: 'x.har', format: 'har', warnings: [] }, [row(10)], []);
    expect(ids(s)).toEqual(['10']);
    expect(s.clear()).toBeUndefined();
    expect(s.view).toBe('live');
    expect(ids(s)).toEqual(['1']);
  });
});

describe('scale', () => {
  it('filters 50,000 rows and appends live rows to a filtered view', () => {
    const s = new InspectorStore();
    const rows: ExchangeRow[] = [];
    for (let i = 1; i <= 50_000; i++) rows.push(row(i, { method: i % 3 ? 'PROPFIND' : 'PUT', findings: i % 7 ? [] : [finding('caldav/put-create-without-if-none-match', 'warning')] }));
    s.apply(snapshot(0, rows, 50_000));
    s.setFilter({ text: '/anon/cal/4999' });
    expect(ids(s)).toEqual(['4999', '49990', '49991', '49992', '49993', '49994', '49995', '49996', '49997', '49998', '49999']);
    s.setFilter({ text: '', ruleId: 'caldav/put-create-without-if-none-match' });
    expect(s.visible.length).toBe(Math.floor(50_000 / 7));
    for (let i = 1; i <= 1000; i++) s.apply(batch({ n: i, type: 'analysed', row: row(50_000 + i) }));
    expect(s.live.size).toBe(50_000); // the server's keep bound, oldest dropped
    expect(s.live.evicted).toBe(1000);
  });
});
