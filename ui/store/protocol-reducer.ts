// The protocol reducer: server messages (snapshot, numbered deltas, notices, resync) in, live row
// state out. Pure: no DOM, no view state (filter, selection, pause live in the store), no timers;
// the store applies the returned row changes to its filtered view and search index.
import { PROTOCOL_VERSION, type ExchangeRow, type FaultState, type InterceptState, type Notice, type ServerInfo, type ServerMessage } from '../../rules/model/protocol.ts';
import { RowSet } from './row-set.ts';

/** What applying a message asks of the connection. */
export type ApplyResult = 'ok' | 'resync' | 'reconnect' | 'reload';

export interface ProtocolCounters {
  readonly snapshots: number;
  readonly gaps: number;
  readonly resyncs: number;
  readonly cleared: number;
}

export interface ProtocolState {
  /** The number of the last delta applied; undefined until a snapshot arrived (deltas are then ignored). */
  readonly n: number | undefined;
  readonly info: ServerInfo | undefined;
  /** Warnings about the proxy itself (the recording stopped...), shown as banners. */
  readonly notices: readonly Notice[];
  /** What intercept holds and whether it is on; undefined until the server said. */
  readonly intercept: InterceptState | undefined;
  /** The faults davscope offers, which are on and how often each fired. */
  readonly faults: readonly FaultState[];
  readonly rows: RowSet;
  readonly counters: ProtocolCounters;
}

/** How the rows changed, in order, so views can follow without comparing 50,000 rows. */
export type RowChange =
  | { readonly type: 'snapshot' }
  | { readonly type: 'cleared' }
  | { readonly type: 'upsert'; readonly old: ExchangeRow | undefined; readonly row: ExchangeRow }
  | { readonly type: 'evicted'; readonly throughSeq: number };

export interface Reduced {
  readonly state: ProtocolState;
  readonly result: ApplyResult;
  readonly changes: readonly RowChange[];
}

export const INITIAL_PROTOCOL_STATE: ProtocolState = {
  n: undefined,
  info: undefined,
  notices: [],
  intercept: undefined,
  faults: [],
  rows: RowSet.empty(),
  counters: { snapshots: 0, gaps: 0, resyncs: 0, cleared: 0 },
};

/** Applies one server message. */
export function reduceProtocol(state: ProtocolState, msg: ServerMessage): Reduced {
  switch (msg.type) {
    case 'snapshot': {
      if (msg.protocol !== PROTOCOL_VERSION) return { state, result: 'reload', changes: [] };
      const rows = state.rows.withLimit(msg.info.keep > 0 ? msg.info.keep : Infinity).reset(msg.rows);
      const counters = { ...state.counters, snapshots: state.counters.snapshots + 1 };
      return { state: { ...state, info: msg.info, notices: msg.notices ?? [], intercept: msg.intercept ?? state.intercept, faults: msg.faults ?? state.faults, rows, n: msg.n, counters }, result: 'ok', changes: [{ type: 'snapshot' }] };
    }
    case 'batch':
      return reduceBatch(state, msg.deltas);
    case 'notice':
      if (state.notices.some((n) => n.text === msg.notice.text)) return { state, result: 'ok', changes: [] };
      return { state: { ...state, notices: [...state.notices, msg.notice] }, result: 'ok', changes: [] };
    case 'faults':
      return { state: { ...state, faults: msg.faults }, result: 'ok', changes: [] };
    case 'intercept':
      return { state: { ...state, intercept: msg.intercept }, result: 'ok', changes: [] };
    case 'resync':
      return { state: { ...state, n: undefined, counters: { ...state.counters, resyncs: state.counters.resyncs + 1 } }, result: 'reconnect', changes: [] };
  }
}

/** The connection dropped: the numbering no longer holds until the next snapshot. */
export function forgetNumbering(state: ProtocolState): ProtocolState {
  return state.n === undefined ? state : { ...state, n: undefined };
}

function reduceBatch(state: ProtocolState, deltas: Extract<ServerMessage, { type: 'batch' }>['deltas']): Reduced {
  let { n, rows, counters } = state;
  const changes: RowChange[] = [];
  let result: ApplyResult = 'ok';
  for (const d of deltas) {
    if (n === undefined || d.n <= n) continue;
    if (d.n !== n + 1) {
      // A lost delta means our rows may be wrong: forget the numbering and ask for a snapshot.
      counters = { ...counters, gaps: counters.gaps + 1 };
      n = undefined;
      result = 'resync';
      break;
    }
    n = d.n;
    if (d.type === 'cleared') {
      rows = rows.cleared();
      counters = { ...counters, cleared: counters.cleared + 1 };
      changes.push({ type: 'cleared' });
      continue;
    }
    // A late "completed" must never undo an "analysed" that overtook it.
    const had = rows.bySeq(d.row.seq);
    if (had?.id === d.row.id && had.state === 'analysed' && d.type !== 'analysed') continue;
    const up = rows.upsert(d.row);
    rows = up.set;
    changes.push({ type: 'upsert', old: up.old, row: d.row });
    if (up.evictedThroughSeq !== undefined) changes.push({ type: 'evicted', throughSeq: up.evictedThroughSeq });
  }
  if (changes.length === 0 && n === state.n && counters === state.counters) return { state, result, changes };
  return { state: { ...state, n, rows, counters }, result, changes };
}
