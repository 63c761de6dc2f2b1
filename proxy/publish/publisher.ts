// Streams the store to inspector clients over a WebSocket: a snapshot on connect, then numbered
// deltas batched per tick; slow clients are dropped and told to resync, dead ones found by ping,
// and a client that sends anything but a protocol message (binary, not JSON, too big) is closed.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Exchange } from '../../rules/model/exchange.ts';
import {
  type FaultState,
  type InterceptState,
  CLOSE_RESYNC,
  PROTOCOL_VERSION,
  WS_PATH,
  parseClientMessage,
  rowOf,
  startedRow,
  type Delta,
  type ExchangeRow,
  type Notice,
  type ServerInfo,
  type ServerMessage,
} from '../../rules/model/protocol.ts';
import type { ExchangeStore } from '../store.ts';

export interface PublisherOptions {
  readonly store: ExchangeStore;
  /** The number of the newest exchange started: a clear drops those under way too. */
  readonly lastSeq?: () => number;
  readonly info: () => ServerInfo;
  /** Intercept's current state, sent in every snapshot. */
  readonly intercept?: () => InterceptState;
  /** The faults' current state, sent in every snapshot. */
  readonly faults?: () => readonly FaultState[];
  /** Decides whether a WebSocket handshake comes from the inspector's own page. */
  readonly allowOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  /** With --ui-token: whether a handshake carries the token, and what to answer when it does not. */
  readonly auth?: { allows(req: IncomingMessage): boolean; readonly upgradeRefusal: string };
  /** Deltas are gathered for this long and sent as one message (bounds messages per second). */
  readonly flushMs?: number;
  /** A client whose unsent data exceeds this (beyond its snapshot) is dropped and told to resync. */
  readonly maxBufferedBytes?: number;
  /** How often clients are pinged; one missed pong and the connection is terminated. */
  readonly pingMs?: number;
  readonly warn?: (line: string) => void;
}

/** A row delta waiting for the next flush: its row is built then, from the latest state only. */
interface PendingRow {
  readonly type: 'started' | 'completed' | 'analysed';
  readonly id: string;
  readonly row: () => ExchangeRow;
}
type Pending = PendingRow | { readonly type: 'cleared' };

const STAGE = { started: 0, completed: 1, analysed: 2 } as const;

interface Client {
  readonly ws: WebSocket;
  alive: boolean;
  /** bufferedAmount allowed before the client counts as behind: the bound plus its last snapshot. */
  allowance: number;
}

/** Requests in flight are few; this only stops a leak if a stage never stores an exchange. */
const MAX_IN_FLIGHT = 10_000;

/** The largest message a client may send: its messages are a few bytes of JSON. Larger ones close it (1009). */
export const MAX_CLIENT_MESSAGE = 4096;

/** Close codes for a client that sent something it must not: binary data, or text that is no message. */
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_POLICY = 1008;

/** Notices kept for clients that connect later; the same text is never repeated. */
const MAX_NOTICES = 20;

export class Publisher {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE, perMessageDeflate: false });
  private readonly clients = new Set<Client>();
  /** Rows not (yet) in the store: started or completed but not analysed. Kept only while someone watches. */
  private readonly inFlight = new Map<string, () => ExchangeRow>();
  /**
   * Deltas since the last flush. An exchange that moves on within one flush window (under load,
   * most of them) is sent once, in its latest state: the page upserts rows, so it misses nothing,
   * and building and serialising one row instead of three keeps the forwarding thread free.
   */
  private pending: Pending[] = [];
  /** Where each exchange's delta sits in `pending`; reset at a "cleared", which must stay between. */
  private pendingAt = new Map<string, number>();
  private readonly notices: Notice[] = [];
  private n = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly flushMs: number;
  private readonly maxBuffered: number;
  /** Counts, for tests and health: clients dropped for falling behind, and for missing pongs. */
  readonly stats = { droppedSlow: 0, droppedDead: 0, refusedOrigin: 0, refusedToken: 0, closedGarbage: 0 };

  constructor(private readonly opts: PublisherOptions) {
    this.flushMs = opts.flushMs ?? 25;
    this.maxBuffered = opts.maxBufferedBytes ?? 8 << 20;
    this.unsubscribe = opts.store.onAdd((ex, row) => this.analysed(ex.id, row));
    this.pingTimer = setInterval(() => this.heartbeat(), opts.pingMs ?? 15_000);
    this.pingTimer.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Takes over an HTTP upgrade on the WebSocket path; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== WS_PATH) return false;
    if (this.opts.auth && !this.opts.auth.allows(req)) {
      this.stats.refusedToken++;
      socket.end(this.opts.auth.upgradeRefusal);
      return true;
    }
    if (!this.opts.allowOrigin(req.headers.origin, req.headers.host)) {
      this.stats.refusedOrigin++;
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThe inspector WebSocket only accepts its own page (Origin check).\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** A request arrived. Costs one comparison when nobody watches (the forwarding hot path). */
  started(init: Parameters<typeof startedRow>[0]): void {
    if (this.clients.size === 0 || this.opts.store.wasCleared(init.seq)) return;
    const row = () => startedRow(init);
    this.track(init.id, row);
    this.emitRow({ type: 'started', id: init.id, row });
  }

  /** The response went out (or the transfer failed); the rules have not run yet. */
  completed(ex: Exchange): void {
    if (this.clients.size === 0 || this.opts.store.wasCleared(ex.seq)) return;
    const row = () => rowOf(ex, 'completed');
    this.track(ex.id, row);
    this.emitRow({ type: 'completed', id: ex.id, row });
  }

  /** A warning every page shows as a banner (recording stopped...), now and on later connects. */
  notice(notice: Notice): void {
    if (this.notices.some((n) => n.text === notice.text)) return;
    this.notices.push(notice);
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
    const text = JSON.stringify({ type: 'notice', notice } satisfies ServerMessage);
    for (const c of this.clients) c.ws.send(text);
  }

  /** The faults changed: every page's faults panel follows. */
  faults(faults: readonly FaultState[]): void {
    const text = JSON.stringify({ type: 'faults', faults } satisfies ServerMessage);
    for (const c of this.clients) c.ws.send(text);
  }

  /** Intercept's state changed: every page's list of held requests follows. */
  intercept(state: InterceptState): void {
    const text = JSON.stringify({ type: 'intercept', intercept: state } satisfies ServerMessage);
    for (const c of this.clients) c.ws.send(text);
  }

  /** Empties the store and tells every client. */
  clear(): void {
    this.opts.store.clear(this.opts.lastSeq?.());
    this.inFlight.clear();
    if (this.clients.size > 0) {
      this.pending.push({ type: 'cleared' });
      this.pendingAt.clear();
      this.scheduleFlush();
    }
  }

  close(): void {
    clearInterval(this.pingTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.unsubscribe();
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private analysed(id: string, row: ExchangeRow): void {
    this.inFlight.delete(id);
    if (this.clients.size === 0) return;
    this.emitRow({ type: 'analysed', id, row: () => row });
  }

  private track(id: string, row: () => ExchangeRow): void {
    this.inFlight.set(id, row);
    if (this.inFlight.size > MAX_IN_FLIGHT) this.inFlight.delete(this.inFlight.keys().next().value!);
  }

  private emitRow(p: PendingRow): void {
    const at = this.pendingAt.get(p.id);
    if (at === undefined) {
      this.pendingAt.set(p.id, this.pending.length);
      this.pending.push(p);
    } else if (STAGE[p.type] >= STAGE[(this.pending[at] as PendingRow).type]) {
      this.pending[at] = p;
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    // Numbers are given here, after coalescing, so they stay consecutive for the page's gap check.
    const deltas: Delta[] = this.pending.map((p) => (p.type === 'cleared' ? { n: ++this.n, type: 'cleared' } : { n: ++this.n, type: p.type, row: p.row() }));
    this.pending = [];
    this.pendingAt.clear();
    const text = JSON.stringify({ type: 'batch', deltas } satisfies ServerMessage);
    for (const c of this.clients) {
      // Checked before sending: a client that has not taken what it was sent gets no more, so
      // memory per client stays bounded by the allowance plus one batch.
      if (c.ws.bufferedAmount > c.allowance) this.dropSlow(c);
      else c.ws.send(text);
    }
  }

  private snapshot(c: Client): void {
    const rows: ExchangeRow[] = this.opts.store.rows();
    if (this.inFlight.size) rows.push(...[...this.inFlight.values()].map((row) => row()).sort((a, b) => a.seq - b.seq));
    const intercept = this.opts.intercept?.();
    const faults = this.opts.faults?.();
    const msg: ServerMessage = { type: 'snapshot', protocol: PROTOCOL_VERSION, n: this.n, info: this.opts.info(), rows, notices: this.notices, ...(intercept ? { intercept } : {}), ...(faults ? { faults } : {}) };
    const text = JSON.stringify(msg);
    c.allowance = this.maxBuffered + text.length;
    c.ws.send(text);
  }

  private accept(ws: WebSocket): void {
    const c: Client = { ws, alive: true, allowance: this.maxBuffered };
    this.clients.add(c);
    ws.on('pong', () => (c.alive = true));
    ws.on('message', (data, isBinary) => {
      c.alive = true;
      if (!this.clients.has(c)) return;
      const msg = isBinary ? undefined : parseClientMessage(data.toString());
      if (!msg) return this.closeGarbage(c, isBinary);
      // A client asking for snapshots faster than it reads them is behind like any other.
      if (msg.type === 'snapshot') c.ws.bufferedAmount > c.allowance ? this.dropSlow(c) : this.snapshot(c);
      else if (msg.type === 'clear') this.clear();
    });
    ws.on('close', () => this.clients.delete(c));
    ws.on('error', (err) => {
      // ws reports frames that break the protocol (too big, bad opcode, invalid UTF-8) here, and closes.
      if ((err as { code?: string }).code?.startsWith('WS_ERR_')) this.stats.closedGarbage++;
      this.opts.warn?.(`davscope: inspector WebSocket error: ${err.message}`);
      this.clients.delete(c);
    });
    this.snapshot(c);
  }

  private closeGarbage(c: Client, binary: boolean): void {
    this.stats.closedGarbage++;
    this.clients.delete(c);
    c.ws.close(binary ? CLOSE_UNSUPPORTED : CLOSE_POLICY, binary ? 'binary messages are not part of the protocol' : 'not a protocol message');
    setTimeout(() => c.ws.terminate(), 2000).unref();
  }

  private dropSlow(c: Client): void {
    this.stats.droppedSlow++;
    this.clients.delete(c);
    // The resync message and close frame queue behind what is buffered; a client that never reads
    // them is cut off so its buffer is freed.
    c.ws.send(JSON.stringify({ type: 'resync', reason: 'fell behind' } satisfies ServerMessage));
    c.ws.close(CLOSE_RESYNC, 'fell behind: reconnect for a snapshot');
    setTimeout(() => c.ws.terminate(), 2000).unref();
  }

  private heartbeat(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        this.stats.droppedDead++;
        this.clients.delete(c);
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}
