// A raw TCP upstream for byte-level proxy tests. It parses what it receives itself, strictly and
// independently of Node's HTTP parser (request line, header fields, Content-Length and chunked
// framing, pipelined requests), logs every request head it parsed (method, target, headers, body
// length) and every parse error in one ordered log, keeps the raw bytes of each connection, and
// answers each request `HTTP/1.1 200 OK` with the body `ok` (or whatever `answer` scripts).
//
// Strict means: CRLF line endings only (a bare LF or CR is an error), no obs-fold, no whitespace
// between a field name and its colon, field names are tokens, field values carry no CTL but HTAB,
// Content-Length is digits and appears once (or repeats the same digits), Transfer-Encoding with
// Content-Length is an error, the only transfer-coding understood is exactly `chunked`, chunk sizes
// are hex digits (at most 15 of them) with optional extensions, chunk data ends in CRLF, and the
// version is HTTP/1.0 or HTTP/1.1. After an error the connection is answered 400 and closed: what
// follows on that connection cannot be framed.
import net from 'node:net';

export interface ParsedRequest {
  readonly kind: 'request';
  /** Position in the upstream's log (requests and errors share one sequence). */
  readonly seq: number;
  readonly conn: number;
  readonly method: string;
  /** The request-target as the bytes arrived, decoded as latin1 (one char per byte). */
  readonly target: string;
  readonly version: string;
  readonly headers: [string, string][];
  /** Body bytes so far; final once `complete`. */
  bodyLength: number;
  /** The body was framed to its end (false while it is still arriving, or when the connection closed first). */
  complete: boolean;
}

export interface ParseFailure {
  readonly kind: 'error';
  readonly seq: number;
  readonly conn: number;
  readonly message: string;
  /** Up to 200 bytes from where parsing stopped, latin1. */
  readonly near: string;
}

/** Bytes left unparsed when the peer closed: a request head cut short. */
export interface Truncation {
  readonly kind: 'truncated';
  readonly seq: number;
  readonly conn: number;
  readonly bytes: number;
  readonly near: string;
}

export type UpstreamEvent = ParsedRequest | ParseFailure | Truncation;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_HEAD = 256 * 1024;
const MAX_RAW_PER_CONNECTION = 4 << 20;

export class StrictParseError extends Error {}

/**
 * Incremental strict parser for a stream of requests on one connection. feed() returns what it
 * completed; it throws StrictParseError (and stays failed) at the first violation.
 */
export class RequestStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  private state: 'head' | 'body-length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailer' | 'failed' = 'head';
  private remaining = 0;
  private current: Omit<ParsedRequest, 'seq' | 'conn' | 'kind'> | undefined;
  failed: string | undefined;

  constructor(
    private readonly onHead: (req: Omit<ParsedRequest, 'seq' | 'conn' | 'kind'>) => void,
    private readonly onComplete: (req: Omit<ParsedRequest, 'seq' | 'conn' | 'kind'>) => void,
  ) {}

  /** Bytes received and not yet consumed (a partial head or body). */
  get pending(): Buffer {
    return this.buf;
  }

  get inRequest(): boolean {
    return this.current !== undefined;
  }

  feed(chunk: Buffer): void {
    if (this.state === 'failed') return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    try {
      // Bounded: every iteration consumes bytes or returns.
      for (let guard = 0; guard < 1_000_000; guard++) {
        if (!this.step()) return;
      }
      throw new StrictParseError('parser made no progress');
    } catch (err) {
      this.state = 'failed';
      this.failed = (err as Error).message;
      throw err;
    }
  }

  /** One step; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state) {
      case 'head':
        return this.head();
      case 'body-length': {
        if (this.remaining === 0) return this.finish();
        if (this.buf.length === 0) return false;
        const n = Math.min(this.remaining, this.buf.length);
        this.current!.bodyLength += n;
        this.remaining -= n;
        this.buf = this.buf.subarray(n);
        return true;
      }
      case 'chunk-size': {
        const line = this.line();
        if (line === undefined) return false;
        const m = /^([0-9A-Fa-f]{1,15})(;[^\r\n]*)?$/.exec(line);
        if (!m) throw new StrictParseError(`bad chunk-size line ${JSON.stringify(line.slice(0, 60))}`);
        this.remaining = parseInt(m[1], 16);
        this.state = this.remaining === 0 ? 'trailer' : 'chunk-data';
        return true;
      }
      case 'chunk-data': {
        if (this.buf.length === 0) return false;
        const n = Math.min(this.remaining, this.buf.length);
        this.current!.bodyLength += n;
        this.remaining -= n;
        this.buf = this.buf.subarray(n);
        if (this.remaining === 0) this.state = 'chunk-crlf';
        return true;
      }
      case 'chunk-crlf': {
        if (this.buf.length < 2) return false;
        if (this.buf[0] !== 13 || this.buf[1] !== 10) throw new StrictParseError('chunk data not followed by CRLF');
        this.buf = this.buf.subarray(2);
        this.state = 'chunk-size';
        return true;
      }
      case 'trailer': {
        const line = this.line();
        if (line === undefined) return false;
        if (line === '') return this.finish();
        this.field(line); // validated, not used
        return true;
      }
      default:
        return false;
    }
  }

  /** One CRLF-terminated line (latin1), or undefined when incomplete; bare CR or LF is an error. */
  private line(): string | undefined {
    for (let i = 0; i < this.buf.length; i++) {
      const b = this.buf[i];
      if (b === 10) throw new StrictParseError('bare LF');
      if (b === 13) {
        if (i + 1 >= this.buf.length) return undefined;
        if (this.buf[i + 1] !== 10) throw new StrictParseError('bare CR');
        const text = this.buf.subarray(0, i).toString('latin1');
        this.buf = this.buf.subarray(i + 2);
        return text;
      }
      if (i > MAX_HEAD) throw new StrictParseError('line too long');
    }
    if (this.buf.length > MAX_HEAD) throw new StrictParseError('line too long');
    return undefined;
  }

  private field(line: string): [string, string] {
    if (line[0] === ' ' || line[0] === '\t') throw new StrictParseError('obs-fold');
    const colon = line.indexOf(':');
    if (colon <= 0) throw new StrictParseError(`field line without a name and colon: ${JSON.stringify(line.slice(0, 60))}`);
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new StrictParseError(`field name is not a token: ${JSON.stringify(name.slice(0, 60))}`);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw new StrictParseError(`CTL in the value of ${name}`);
    return [name, value];
  }

  private head(): boolean {
    // Find the whole head first, so a request is logged only once its head is complete.
    let end = -1;
    for (let i = 0; i + 3 < this.buf.length; i++) {
      if (this.buf[i] === 13 && this.buf[i + 1] === 10 && this.buf[i + 2] === 13 && this.buf[i + 3] === 10) {
        end = i;
        break;
      }
    }
    // A leading empty line before a request line is tolerated (RFC 9112 §2.2).
    if (this.buf.length >= 2 && this.buf[0] === 13 && this.buf[1] === 10) {
      this.buf = this.buf.subarray(2);
      return true;
    }
    // Bare CR/LF anywhere in what we have of the head is an error right away.
    const upto = end === -1 ? this.buf.length : end + 4;
    for (let i = 0; i < upto; i++) {
      const b = this.buf[i];
      if (b === 10 && (i === 0 || this.buf[i - 1] !== 13)) throw new StrictParseError('bare LF in the head');
      if (b === 13 && i + 1 < this.buf.length && this.buf[i + 1] !== 10) throw new StrictParseError('bare CR in the head');
    }
    if (end === -1) {
      if (this.buf.length > MAX_HEAD) throw new StrictParseError('head larger than 256 KiB');
      return false;
    }
    const lines = this.buf.subarray(0, end).toString('latin1').split('\r\n');
    this.buf = this.buf.subarray(end + 4);
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([^\x00-\x20\x7f]+) HTTP\/(\d)\.(\d)$/.exec(lines[0]);
    if (!m) throw new StrictParseError(`bad request line ${JSON.stringify(lines[0].slice(0, 80))}`);
    const version = `${m[3]}.${m[4]}`;
    if (version !== '1.1' && version !== '1.0') throw new StrictParseError(`unsupported version HTTP/${version}`);
    const headers = lines.slice(1).map((l) => this.field(l));
    let contentLength: number | undefined;
    const codings: string[] = [];
    for (const [name, value] of headers) {
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        if (!/^\d{1,15}$/.test(value)) throw new StrictParseError(`bad Content-Length ${JSON.stringify(value)}`);
        const n = Number(value);
        if (contentLength !== undefined && contentLength !== n) throw new StrictParseError('two different Content-Length values');
        contentLength = n;
      } else if (lower === 'transfer-encoding') {
        for (const c of value.split(',')) codings.push(c.trim().toLowerCase());
      }
    }
    const hosts = headers.filter(([n]) => n.toLowerCase() === 'host').length;
    if (version === '1.1' && hosts !== 1) throw new StrictParseError(`${hosts} Host fields in an HTTP/1.1 request`);
    if (codings.length > 0 && contentLength !== undefined) throw new StrictParseError('Transfer-Encoding with Content-Length');
    if (codings.length > 0 && (codings.length !== 1 || codings[0] !== 'chunked')) throw new StrictParseError(`transfer-coding ${JSON.stringify(codings.join(', '))}`);
    this.current = { method: m[1], target: m[2], version, headers, bodyLength: 0, complete: false };
    this.onHead(this.current);
    if (codings.length > 0) this.state = 'chunk-size';
    else {
      this.state = 'body-length';
      this.remaining = contentLength ?? 0;
    }
    return true;
  }

  private finish(): boolean {
    const req = this.current!;
    req.complete = true;
    this.current = undefined;
    this.state = 'head';
    this.onComplete(req);
    return true;
  }
}

export interface RawConnection {
  readonly id: number;
  /** Raw bytes received (the first 4 MiB). */
  readonly chunks: Buffer[];
  bytes: number;
  closed: boolean;
  readonly socket: net.Socket;
}

export interface RawUpstream {
  readonly url: string;
  readonly port: number;
  /** Every request head parsed, every parse error and truncation, in order. */
  readonly events: UpstreamEvent[];
  readonly connections: RawConnection[];
  requests(): ParsedRequest[];
  /** Raw bytes of one connection, latin1. */
  raw(conn: number): string;
  /** Waits until the log satisfies the predicate (polling, bounded). */
  waitFor(match: (events: readonly UpstreamEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface RawUpstreamOptions {
  /**
   * Answers one complete request. Return the bytes to write, `'default'` for the normal answer,
   * or a function that takes over the socket (for resets, silence, slow writes). Returning
   * `{ close: true }` along with bytes ends the connection after them.
   */
  answer?: (req: ParsedRequest, socket: net.Socket) => string | Buffer | 'default' | { bytes?: string | Buffer; close?: boolean; destroy?: boolean } | ((socket: net.Socket) => void);
  /** Called once a request head is parsed (before its body), e.g. to answer before the body. */
  onHead?: (req: ParsedRequest, socket: net.Socket) => void;
}

const DEFAULT_ANSWER = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const DEFAULT_HEAD_ANSWER = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n';

export async function startRawUpstream(opts: RawUpstreamOptions = {}): Promise<RawUpstream> {
  const events: UpstreamEvent[] = [];
  const connections: RawConnection[] = [];
  let seq = 0;
  const server = net.createServer((socket) => {
    const conn: RawConnection = { id: connections.length, chunks: [], bytes: 0, closed: false, socket };
    connections.push(conn);
    let wantClose = false;
    const parser = new RequestStreamParser(
      (head) => {
        const ev: ParsedRequest = Object.assign(head as ParsedRequest, { kind: 'request' as const, seq: ++seq, conn: conn.id });
        events.push(ev);
        opts.onHead?.(ev, socket);
      },
      (done) => {
        const req = done as ParsedRequest;
        const connection = req.headers.filter(([n]) => n.toLowerCase() === 'connection').map(([, v]) => v.toLowerCase()).join(',');
        if (req.version === '1.0' ? !/keep-alive/.test(connection) : /close/.test(connection)) wantClose = true;
        const a = opts.answer ? opts.answer(req, socket) : 'default';
        if (typeof a === 'function') return a(socket);
        if (socket.destroyed) return;
        if (a === 'default') {
          socket.write(req.method === 'HEAD' ? DEFAULT_HEAD_ANSWER : DEFAULT_ANSWER);
          if (wantClose) socket.end();
          return;
        }
        if (typeof a === 'string' || Buffer.isBuffer(a)) {
          socket.write(a);
          if (wantClose) socket.end();
          return;
        }
        if (a.destroy) {
          if (a.bytes !== undefined) socket.write(a.bytes, () => socket.destroy());
          else socket.resetAndDestroy();
          return;
        }
        if (a.bytes !== undefined) socket.write(a.bytes);
        if (a.close || wantClose) socket.end();
      },
    );
    socket.on('data', (d: Buffer) => {
      if (conn.bytes < MAX_RAW_PER_CONNECTION) conn.chunks.push(d.subarray(0, MAX_RAW_PER_CONNECTION - conn.bytes));
      conn.bytes += d.length;
      if (parser.failed !== undefined) return;
      try {
        parser.feed(d);
      } catch (err) {
        events.push({ kind: 'error', seq: ++seq, conn: conn.id, message: (err as Error).message, near: parser.pending.subarray(0, 200).toString('latin1') });
        if (!socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      conn.closed = true;
      if (parser.failed === undefined && !parser.inRequest && parser.pending.length > 0) {
        events.push({ kind: 'truncated', seq: ++seq, conn: conn.id, bytes: parser.pending.length, near: parser.pending.subarray(0, 200).toString('latin1') });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events,
    connections,
    requests: () => events.filter((e): e is ParsedRequest => e.kind === 'request'),
    raw: (id) => Buffer.concat(connections[id]?.chunks ?? []).toString('latin1'),
    async waitFor(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!match(events)) {
        if (Date.now() > deadline) throw new Error('the raw upstream never saw what was awaited');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Parses a whole byte string offline, as the upstream would: the requests and the first error. */
export function parseOffline(bytes: Buffer): { requests: Omit<ParsedRequest, 'seq' | 'conn' | 'kind'>[]; error?: string; leftover: number } {
  const requests: Omit<ParsedRequest, 'seq' | 'conn' | 'kind'>[] = [];
  const p = new RequestStreamParser((h) => requests.push(h), () => {});
  try {
    p.feed(bytes);
    return { requests, leftover: p.pending.length };
  } catch (err) {
    return { requests, error: (err as Error).message, leftover: p.pending.length };
  }
}
