// The protocol reducer alone: messages in, row state and row changes out, no store, no DOM. Each
// state it returns is a new value; the one it was given stays as it was.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Delta, type ExchangeRow, type RowState, type ServerMessage } from '../../rules/model/protocol.ts';
import { INITIAL_PROTOCOL_STATE, forgetNumbering, reduceProtocol, type ProtocolState } from '../../ui/store/protocol-reducer.ts';

function row(seq: number, state: RowState = 'analysed'): ExchangeRow {
  return {
    id: `id${seq}`, seq, source: 'live', method: 'PROPFIND', target: `/r/${seq}`, startedAt: seq,
    findings: { error: 0, warning: 0, info: 0 }, state, upstream: 'u', ruleIds: [], ruleFindings: {}, headerText: '',
  };
}

const snapshot = (n: number, rows: ExchangeRow[], keep = 0): ServerMessage => ({
  type: 'snapshot', protocol: PROTOCOL_VERSION, n, rows, info: { upstream: 'u', proxyUrl: 'p', keep, version: '0' },
});
const batch = (...deltas: Delta[]): ServerMessage => ({ type: 'batch', deltas });

/** Applies the messages in turn, checking that none changed the state it was given. */
function run(...msgs: ServerMessage[]): ProtocolState {
  let state = INITIAL_PROTOCOL_STATE;
  for (const msg of msgs) {
    const before = JSON.stringify({ ...state, rows: state.rows.all.toArray() });
    const next = reduceProtocol(state, msg).state;
    expect(JSON.stringify({ ...state, rows: state.rows.all.toArray() })).toBe(before);
    state = next;
  }
  return state;
}

const seqs = (s: ProtocolState) => s.rows.all.map((r) => r.seq);

describe('reduceProtocol', () => {
  it('a snapshot sets rows (sorted by seq), numbering, info and notices', () => {
    const r = reduceProtocol(INITIAL_PROTOCOL_STATE, { ...(snapshot(4, [row(2), row(1)]) as Extract<ServerMessage, { type: 'snapshot' }>), notices: [{ level: 'warning', text: 'disk full' }] });
    expect(r.result).toBe('ok');
    expect(r.changes).toEqual([{ type: 'snapshot' }]);
    expect(seqs(r.state)).toEqual([1, 2]);
    expect(r.state.n).toBe(4);
    expect(r.state.info?.proxyUrl).toBe('p');
    expect(r.state.notices.map((n) => n.text)).toEqual(['disk full']);
    expect(r.state.counters.snapshots).toBe(1);
    expect(INITIAL_PROTOCOL_STATE.rows.size).toBe(0);
  });

  it('reports each delta as a row change: new rows without old, replaced rows with the row they replaced', () => {
    const s0 = run(snapshot(0, [row(1)]));
    const started = row(2, 'started');
    const r1 = reduceProtocol(s0, batch({ n: 1, type: 'started', row: started }));
    expect(r1.changes).toEqual([{ type: 'upsert', old: undefined, row: started }]);
    const analysed = row(2);
    const r2 = reduceProtocol(r1.state, batch({ n: 2, type: 'analysed', row: analysed }));
    expect(r2.changes).toEqual([{ type: 'upsert', old: started, row: analysed }]);
    expect(r2.state.rows.bySeq(2)).toBe(analysed);
    // The earlier state still holds the started row.
    expect(r1.state.rows.bySeq(2)).toBe(started);
  });

  it('ignores deltas before a snapshot and deltas the snapshot already holds', () => {
    const r = reduceProtocol(INITIAL_PROTOCOL_STATE, batch({ n: 1, type: 'analysed', row: row(1) }));
    expect(r.state).toBe(INITIAL_PROTOCOL_STATE);
    expect(seqs(run(snapshot(5, [row(1)]), batch({ n: 5, type: 'analysed', row: row(9) }), batch({ n: 6, type: 'analysed', row: row(2) })))).toEqual([1, 2]);
  });

  it('a gap stops the batch, forgets the numbering and asks for a resync', () => {
    const s0 = run(snapshot(1, []));
    const r = reduceProtocol(s0, batch({ n: 2, type: 'analysed', row: row(1) }, { n: 4, type: 'analysed', row: row(3) }));
    expect(r.result).toBe('resync');
    expect(seqs(r.state)).toEqual([1]);
    expect(r.state.n).toBeUndefined();
    expect(r.state.counters.gaps).toBe(1);
  });

  it('a late completed never undoes an analysed row', () => {
    const s = run(snapshot(0, []), batch({ n: 1, type: 'analysed', row: row(1) }, { n: 2, type: 'completed', row: row(1, 'completed') }));
    expect(s.rows.bySeq(1)?.state).toBe('analysed');
    expect(s.n).toBe(2);
  });

  it('cleared empties the rows and counts; rows after it in the batch stay', () => {
    const r = reduceProtocol(run(snapshot(0, [row(1), row(2)])), batch({ n: 1, type: 'cleared' }, { n: 2, type: 'analysed', row: row(3) }));
    expect(r.changes.map((c) => c.type)).toEqual(['cleared', 'upsert']);
    expect(seqs(r.state)).toEqual([3]);
    expect(r.state.counters.cleared).toBe(1);
  });

  it('keeps the server\'s bound, reporting up to which seq rows were evicted', () => {
    const s0 = run(snapshot(0, [row(1), row(2)], 2));
    const r = reduceProtocol(s0, batch({ n: 1, type: 'analysed', row: row(3) }));
    expect(r.changes).toEqual([{ type: 'upsert', old: undefined, row: row(3) }, { type: 'evicted', throughSeq: 1 }]);
    expect(seqs(r.state)).toEqual([2, 3]);
    expect(r.state.rows.evicted).toBe(1);
  });

  it('places a row that arrives out of order by seq', () => {
    expect(seqs(run(snapshot(0, [row(1), row(5)]), batch({ n: 1, type: 'completed', row: row(3, 'completed') })))).toEqual([1, 3, 5]);
  });

  it('notices are added once; resync and another protocol version say what the connection must do', () => {
    const s = run(snapshot(0, []), { type: 'notice', notice: { level: 'warning', text: 'a' } }, { type: 'notice', notice: { level: 'warning', text: 'a' } });
    expect(s.notices).toHaveLength(1);
    const r = reduceProtocol(s, { type: 'resync', reason: 'fell behind' });
    expect(r.result).toBe('reconnect');
    expect(r.state.n).toBeUndefined();
    expect(r.state.counters.resyncs).toBe(1);
    const other = reduceProtocol(s, { ...(snapshot(9, [row(1)]) as Extract<ServerMessage, { type: 'snapshot' }>), protocol: PROTOCOL_VERSION + 1 });
    expect(other.result).toBe('reload');
    expect(other.state).toBe(s);
  });

  it('forgetNumbering voids n and nothing else', () => {
    const s = run(snapshot(3, [row(1)]));
    const f = forgetNumbering(s);
    expect(f.n).toBeUndefined();
    expect(f.rows).toBe(s.rows);
    expect(s.n).toBe(3);
  });
});
