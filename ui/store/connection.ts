// Keeps the store connected to the inspector's WebSocket: reconnects with backoff, asks for a
// snapshot on a gap in delta numbers, and reconnects when the server says the client fell behind.
import { parseServerMessage, type ClientMessage } from '../../rules/model/protocol.ts';
import type { InspectorStore } from './inspector-store.ts';

/** The part of the WebSocket API used here (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Handlers are only assigned here, never called, so any event type will do (`never` accepts the DOM's and ws's).
  onopen: ((ev: never) => void) | null;
  onmessage: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
}

export interface ConnectOptions {
  readonly createSocket: (url: string) => SocketLike;
  /** First retry delay; doubles up to maxRetryMs. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** Called when the server speaks another protocol version (the page should reload). */
  readonly onReload?: () => void;
}

export interface Connection {
  send(msg: ClientMessage): boolean;
  close(): void;
}

const OPEN = 1;

export function connect(store: InspectorStore, url: string, opts: ConnectOptions): Connection {
  let socket: SocketLike | undefined;
  let closed = false;
  let delay = opts.retryMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    timer = undefined;
    if (closed) return;
    store.setConnection('connecting');
    const s = opts.createSocket(url);
    socket = s;
    s.onopen = () => {
      delay = opts.retryMs ?? 500;
    };
    s.onmessage = (ev: { data: unknown }) => {
      if (typeof ev.data !== 'string') return;
      const msg = parseServerMessage(ev.data);
      if (msg.type === 'invalid') return;
      if (msg.type === 'snapshot') store.setConnection('live');
      const result = store.apply(msg);
      if (result === 'resync') s.send(JSON.stringify({ type: 'snapshot' } satisfies ClientMessage));
      else if (result === 'reconnect') s.close();
      else if (result === 'reload') opts.onReload?.();
    };
    s.onerror = () => {};
    s.onclose = () => {
      if (socket !== s) return;
      socket = undefined;
      store.setConnection('offline');
      if (closed) return;
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, opts.maxRetryMs ?? 5000);
    };
  };
  open();

  return {
    send(msg) {
      if (socket?.readyState !== OPEN) return false;
      socket.send(JSON.stringify(msg));
      return true;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
