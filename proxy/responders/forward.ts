// The forward responder: relays one client request to the upstream and its response back, byte for byte.
// Written on node:http rather than http-proxy, which rewrote the request-target (url.parse drops a
// #fragment, urlJoin collapses "//"), lower-cased request header names, and offered its proxyReq
// hook only after socket assignment (too late once the body flows, never for Expect requests).
//
// Nothing here may end the process: every synchronous step that can throw on what a client or an
// upstream sent is guarded, and its failure stays inside the exchange (captured, and answered
// with a 4xx/5xx that says why).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportError, TransportPhase } from '../../rules/model/exchange.ts';
import type { ExchangeTap, Responder } from './responder.ts';
import type { BodyGate } from '../body-gate.ts';
import { endToEndPairs, mapOrigin, originSpellings } from '../header-rewrite.ts';
import { sendOwnAnswer } from '../own-answer.ts';
import { readRequestHead } from '../request-guard.ts';
import { pairs } from '../capture.ts';
import { readUpTo } from '../read-up-to.ts';
import { writeSlowly } from './write-slowly.ts';

export interface ForwardConfig {
  readonly upstream: URL;
  /** Bounds and reuses upstream sockets (see upstream-sockets.ts). */
  readonly agent: http.Agent;
  /** Told whether each upstream response leaves its socket reusable (the auto bound follows it). */
  readonly onSocketReuse?: (keptAlive: boolean) => void;
  readonly timeoutMs: number;
  /** A client that sends no body bytes for this long gets 408 and its upstream socket is freed. */
  readonly bodyIdleMs: number;
  /** Small bodies are read whole before an upstream socket is taken (see body-gate.ts). */
  readonly gate: BodyGate;
  readonly insecure: boolean;
}


/** Errors that mean a reused keep-alive socket had been closed by the upstream under us. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const REQUEST_URL_HEADERS = new Set(['destination']);
const RESPONSE_URL_HEADERS = new Set(['location', 'content-location']);

/** Bytes from an idle kept-alive upstream socket: the upstream is out of step, never reuse it. */
function onStrayBytes(this: Socket): void {
  this.destroy();
}

/** The upstream's own answers: the responder davscope runs with a --target. */
export function forwardResponder(cfg: ForwardConfig): Responder {
  return { source: 'live', respond: createForwarder(cfg) };
}

function createForwarder(cfg: ForwardConfig) {
  const up = cfg.upstream;
  const client = up.protocol === 'https:' ? https : http;
  const upstreamOrigins = originSpellings(up);
  const upstreamHost = up.host;
  const port = up.port ? Number(up.port) : up.protocol === 'https:' ? 443 : 80;
  // Where to connect and which name TLS checks, worked out once rather than per request.
  const hostname = up.hostname.replace(/^\[|\]$/g, '');
  const servername = /^[\d.]+$|:/.test(up.hostname) ? undefined : up.hostname;
  cfg.agent.on('free', (socket: Socket) => socket.on('data', onStrayBytes));

  return function forward(req: IncomingMessage, res: ServerResponse, tap: ExchangeTap): void {
    if (req.socket.destroyed) {
      // A pipelined request whose connection closed while it waited its turn.
      tap.done({ phase: 'request', code: 'CLIENT_ABORTED', message: 'the client closed the connection before this pipelined request was forwarded' });
      return;
    }
    const head = readRequestHead(req.httpVersion, req.rawHeaders);
    if ('refusal' in head) {
      const refused = head.refusal;
      // Not forwarded: the body is left unread and the connection closed after the answer.
      tap.done({ phase: 'request', code: refused.code, message: `davscope answered ${refused.status} without forwarding: ${refused.message}` });
      sendOwnAnswer(res, refused.status, refused.code, `davscope: ${refused.message}\n`, true);
      return;
    }
    const proxyOrigin = req.headers.host ? `http://${req.headers.host}` : undefined;
    const { contentLength, chunked } = head.framing;
    const hasBody = chunked || (contentLength !== undefined && contentLength > 0);
    let settled = false;
    let connected = false;
    let requestSent = false;
    let requestEnded = false;
    let responseStarted = false;
    let upRes: http.IncomingMessage | undefined;
    let out: http.ClientRequest | undefined;
    let retried = false;
    let idle: NodeJS.Timeout | undefined;
    // Bytes of the gate this request holds while its body is read before forwarding.
    let reserved = 0;
    const unreserve = () => {
      cfg.gate.release(reserved);
      reserved = 0;
    };

    const settle = (error?: TransportError) => {
      if (settled) return;
      settled = true;
      if (idle) clearTimeout(idle);
      unreserve();
      tap.done(error);
    };
    const fail = (error: TransportError, status?: number) => {
      settle(error);
      failClient(res, error, up, status);
    };

    let headers: Record<string, string | string[]>;
    try {
      headers = requestHeaders(req.rawHeaders, upstreamHost, proxyOrigin, upstreamOrigins[0]);
    } catch (err) {
      return fail({ phase: 'request', code: 'EPROXY', message: `davscope could not build the upstream request: ${(err as Error).message}` });
    }

    // One attempt at the upstream; `body` is a body already received in full (sent with end()).
    const attempt = (body: Buffer | undefined): http.ClientRequest | undefined => {
      connected = false;
      requestSent = false;
      let o: http.ClientRequest;
      try {
        o = client.request({
          hostname,
          port,
          method: req.method,
          path: req.url,
          headers,
          agent: cfg.agent,
          setHost: false,
          rejectUnauthorized: !cfg.insecure,
          servername,
        });
      } catch (err) {
        // Node refuses a method, target or header value it would not put on the wire.
        fail({ phase: 'request', code: (err as NodeJS.ErrnoException).code ?? 'EPROXY', message: `davscope cannot forward this request: ${(err as Error).message}` }, 400);
        return undefined;
      }
      out = o;
      // A request without Content-Length or Transfer-Encoding has no body: send none, add no framing.
      if (contentLength === undefined) o.useChunkedEncodingByDefault = chunked;

      o.on('socket', (socket) => {
        socket.removeListener('data', onStrayBytes);
        if ((socket as { connecting?: boolean }).connecting) socket.once('connect', () => (connected = true));
        else connected = true;
      });
      o.setTimeout(cfg.timeoutMs, () => {
        o.destroy(Object.assign(new Error(`no answer from upstream within ${cfg.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      o.on('finish', () => (requestSent = true));
      // Relay interim responses only when the upstream sends them, so Expect behaves as direct.
      o.on('continue', () => guarded(() => res.writeContinue()));
      o.on('information', (info) => {
        if (info.statusCode === 102) guarded(() => res.writeProcessing());
        else if (info.statusCode === 103) guarded(() => res.writeEarlyHints(earlyHints(info.rawHeaders)));
      });
      // A 101 to a request that asked for no upgrade: Node would wait forever without this listener.
      o.on('upgrade', (_res, socket) => {
        socket.destroy();
        if (o === out) fail({ phase: 'response', code: 'UNEXPECTED_UPGRADE', message: 'the upstream answered 101 Switching Protocols to a request that asked for no upgrade' });
      });

      o.on('error', (err: NodeJS.ErrnoException) => {
        if (settled || o !== out) return;
        // Bytes after a complete bodiless answer (a 204, 304 or HEAD answer with a body): the
        // answer stands as the status it is; Node has already closed that upstream socket.
        if (upRes?.complete) return;
        // The upstream closed an idle keep-alive socket just as we reused it: nothing reached it,
        // so one more try on a fresh socket is what a direct client's library would do too.
        if (!retried && o.reusedSocket && !responseStarted && STALE_SOCKET_CODES.has(err.code ?? '')) {
          const whole = requestEnded ? (body ?? tap.completeRequestBody()) : undefined;
          if (whole || (requestEnded && !hasBody)) {
            retried = true;
            req.unpipe(o);
            attempt(whole ?? Buffer.alloc(0));
            return;
          }
        }
        const phase: TransportPhase = !connected ? 'connect' : !responseStarted && !requestSent ? 'request' : 'response';
        fail({ phase, code: err.code ?? 'EUPSTREAM', message: err.message });
      });

      o.on('response', (r) => {
        cfg.onSocketReuse?.(o.shouldKeepAlive);
        onResponse(o, r);
      });
      if (body) o.end(body.length > 0 ? body : undefined);
      return o;
    };

    const onResponse = (o: http.ClientRequest, r: http.IncomingMessage) => {
      responseStarted = true;
      upRes = r;
      const status = r.statusCode ?? 0;
      if (!(status >= 100 && status <= 599)) {
        o.destroy();
        return fail({ phase: 'response', code: 'BAD_UPSTREAM_STATUS', message: `the upstream answered with status ${String(status).padStart(3, '0')}, outside 100-599` });
      }
      tap.responseHead(status, r.statusMessage ?? '', r.httpVersion, r.rawHeaders);
      const flat: string[] = [];
      for (const [name, value] of endToEndPairs(r.rawHeaders)) {
        let v = value;
        if (proxyOrigin && RESPONSE_URL_HEADERS.has(name.toLowerCase())) {
          for (const origin of upstreamOrigins) v = mapOrigin(v, origin, proxyOrigin);
        }
        flat.push(name, v);
      }
      res.sendDate = false;
      // The head goes out with the first body bytes, or once the packet that brought it is parsed:
      // a body that is broken from its first byte (a bad chunk size) still gets a 502, not a reset.
      let headWritten = false;
      const writeHeadOnce = () => {
        if (headWritten || settled) return;
        headWritten = true;
        try {
          res.writeHead(status, r.statusMessage, flat);
        } catch (err) {
          o.destroy();
          fail({ phase: 'response', code: 'BAD_UPSTREAM_HEAD', message: `the upstream's response head cannot be relayed: ${(err as Error).message}` });
        }
      };
      // Relayed by hand rather than piped, so that not one byte more of the upstream's answer is
      // written once davscope has answered in its place (a write after end would throw).
      const relay = (prefix: readonly Buffer[], ended: boolean) => {
        for (const chunk of prefix) {
          writeHeadOnce();
          tap.responseChunk(chunk);
          if (!settled) res.write(chunk);
        }
        if (ended) {
          writeHeadOnce();
          if (!settled) res.end();
          return;
        }
        const resume = () => r.resume();
        r.on('data', (chunk: Buffer) => {
          writeHeadOnce();
          tap.responseChunk(chunk);
          if (!settled && !res.write(chunk)) {
            r.pause();
            res.once('drain', resume);
          }
        });
        r.on('end', () => {
          writeHeadOnce();
          if (!settled) res.end();
        });
        r.resume();
      };
      // Set when an edited answer replaced the upstream's: the rest of it is no longer wanted.
      let replaced = false;
      r.on('error', (err: NodeJS.ErrnoException) => {
        if (settled || replaced) return;
        settle({ phase: 'response', code: err.code ?? 'ECONNRESET', message: err.message });
        res.destroy();
      });
      r.on('close', () => {
        if (settled || replaced || r.complete) return;
        settle({ phase: 'response', code: 'ECONNRESET', message: 'upstream closed the connection mid-response' });
        res.destroy();
      });
      const hold = tap.holdResponse;
      if (!hold) {
        process.nextTick(writeHeadOnce);
        return relay([], false);
      }
      // Intercept holds this answer: read it (up to the bound), wait for the page, then relay it
      // as it came, send the edited one instead, or fail the exchange (abort).
      o.setTimeout(0);
      readUpTo(r, hold.bound, (parts, whole) => {
        hold.hold({ status, statusText: r.statusMessage ?? '', headers: pairs(flat) }, parts, whole).then((decision) => {
          if (settled) return;
          o.setTimeout(cfg.timeoutMs);
          if (decision.kind === 'abort') {
            replaced = true;
            o.destroy();
            return fail({ phase: 'response', code: 'INTERCEPT_ABORTED', message: 'the response was held by intercept and aborted in the inspector; the client got 502 instead' });
          }
          if (decision.kind === 'cut') {
            replaced = true;
            if (!whole) o.destroy();
            const body = Buffer.concat(parts);
            const half = body.subarray(0, Math.floor(body.length / 2));
            writeHeadOnce();
            tap.responseChunk(half);
            settle({ phase: 'response', code: 'FAULT_DROP', message: `davscope closed the connection after ${half.length} of ${body.length} body bytes, as a fault asked` });
            // Closed once the half has left, so the client does get it before the connection drops.
            res.write(half, () => res.destroy());
            return;
          }
          if (decision.kind === 'edit') {
            replaced = true;
            if (!whole) o.destroy();
            const { status: s, statusText, headers, body, bytesPerSecond } = decision;
            const rawHeaders = headers.flatMap(([n, v]) => [n, v]);
            try {
              res.writeHead(s, statusText, rawHeaders);
            } catch (err) {
              return fail({ phase: 'response', code: 'BAD_EDITED_HEAD', message: `the edited response head cannot be sent: ${(err as Error).message}` });
            }
            tap.responseHead(s, statusText, r.httpVersion, rawHeaders);
            if (body.length > 0) tap.responseChunk(body);
            if (bytesPerSecond === undefined) res.end(body);
            else writeSlowly(res, body, bytesPerSecond, () => settled);
            return;
          }
          relay(parts, whole);
        }, (err: Error) => fail({ phase: 'response', code: 'EPROXY', message: `davscope: holding the response failed: ${err.message}` }));
      });
    };

    // A client that stops sending its body gets 408, and the upstream request is abandoned.
    if (hasBody) {
      idle = setTimeout(() => {
        out?.destroy();
        // The answer closes the connection: the rest of the body will never be read.
        fail({ phase: 'request', code: 'CLIENT_TIMEOUT', message: `the client sent no body bytes for ${cfg.bodyIdleMs / 1000} s` }, 408);
      }, cfg.bodyIdleMs);
    }
    req.on('data', (chunk: Buffer) => {
      idle?.refresh();
      tap.requestChunk(chunk);
    });
    req.on('end', () => {
      requestEnded = true;
      if (idle) clearTimeout(idle);
      tap.requestEnd();
    });
    res.on('finish', () => settle());
    res.on('close', () => {
      if (res.writableFinished || settled) return;
      out?.destroy();
      settle({
        phase: requestEnded ? 'response' : 'request',
        code: 'CLIENT_ABORTED',
        message: requestEnded ? 'the client closed the connection before the response was complete' : 'the client closed the connection mid-upload',
      });
    });

    // Expect: 100-continue waits for the upstream's word before sending the body: stream it.
    const expects = req.headers.expect !== undefined;
    reserved = hasBody && !expects ? cfg.gate.reserve(chunked ? undefined : contentLength) : 0;
    if (reserved === 0) {
      const o = attempt(undefined);
      if (o) req.pipe(o);
      return;
    }
    readUpTo(req, reserved, (prefix, ended) => {
      if (settled) return;
      unreserve();
      // A small body nearly always arrives in one chunk: pass it on rather than copy it.
      if (ended) return void attempt(prefix.length === 1 ? prefix[0]! : Buffer.concat(prefix));
      // Longer than the bound: take a socket and stream, the bytes read so far first.
      const o = attempt(undefined);
      if (!o) return;
      for (const chunk of prefix) o.write(chunk);
      req.pipe(o);
    });
  };
}

/** Request headers in the client's case and order; Host (exactly one) and Destination point at the upstream. */
function requestHeaders(raw: readonly string[], upstreamHost: string, proxyOrigin: string | undefined, upstreamOrigin: string) {
  const grouped = new Map<string, [string, string[]]>();
  for (const [name, value] of endToEndPairs(raw)) {
    const lower = name.toLowerCase();
    let v = value;
    if (lower === 'host') v = upstreamHost;
    else if (proxyOrigin && REQUEST_URL_HEADERS.has(lower)) v = mapOrigin(v, proxyOrigin, upstreamOrigin);
    const entry = grouped.get(lower);
    if (entry) entry[1].push(v);
    else grouped.set(lower, [name, [v]]);
  }
  const headers: Record<string, string | string[]> = {};
  // An HTTP/1.0 client may send no Host; the upstream request is HTTP/1.1, which requires one.
  if (!grouped.has('host')) headers.Host = upstreamHost;
  for (const [name, values] of grouped.values()) headers[name] = values.length === 1 ? values[0] : values;
  return headers;
}

function earlyHints(raw: readonly string[]): Record<string, string | string[]> {
  const hints: Record<string, string[]> = {};
  for (let i = 0; i < raw.length; i += 2) (hints[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
  return hints;
}

/** An interim response the client's connection no longer takes is dropped, never thrown. */
function guarded(write: () => void): void {
  try {
    write();
  } catch {
    // the final answer (or the failure) still follows
  }
}

/** Tells the client in plain text what failed: 504 for a timeout, 502 otherwise, unless given. */
function failClient(res: ServerResponse, error: TransportError, upstream: URL, status?: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const code = status ?? (error.code === 'ETIMEDOUT' ? 504 : 502);
  const what =
    error.code === 'CLIENT_TIMEOUT' || code === 400
      ? `davscope: ${error.message}\n`
      : `davscope: the upstream ${upstream.origin} failed (${error.code}) while ${
          error.phase === 'connect' ? 'connecting' : error.phase === 'request' ? 'sending the request' : 'waiting for the response'
        }: ${error.message}\n`;
  sendOwnAnswer(res, code, error.code, what, code === 408);
}
