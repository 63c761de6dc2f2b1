// Forwarding: relays one client request to the upstream and its response back, byte for byte.
// Written on node:http rather than http-proxy, which rewrote the request-target (url.parse drops a
// #fragment, urlJoin collapses "//"), lower-cased request header names, and offered its proxyReq
// hook only after socket assignment (too late once the body flows, never for Expect requests).
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportError, TransportPhase } from '../rules/model/exchange.ts';
import { endToEndPairs, mapOrigin, originSpellings } from './header-rewrite.ts';

export interface ForwardConfig {
  readonly upstream: URL;
  /** Bounds and reuses upstream sockets (see upstream-sockets.ts). */
  readonly agent: http.Agent;
  /** Told whether each upstream response leaves its socket reusable (the auto bound follows it). */
  readonly onSocketReuse?: (keptAlive: boolean) => void;
  readonly timeoutMs: number;
  readonly insecure: boolean;
}

/** What the forwarder reports as bytes pass; capture implements it. done() is called exactly once. */
export interface ForwardTap {
  requestChunk(chunk: Buffer): void;
  requestEnd(): void;
  responseHead(status: number, statusText: string, httpVersion: string, rawHeaders: readonly string[]): void;
  responseChunk(chunk: Buffer): void;
  /** The whole request body once it has fully arrived and fit the capture cap, else undefined. */
  completeRequestBody(): Buffer | undefined;
  done(error?: TransportError): void;
}

/** Errors that mean a reused keep-alive socket had been closed by the upstream under us. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const REQUEST_URL_HEADERS = new Set(['destination']);
const RESPONSE_URL_HEADERS = new Set(['location', 'content-location']);

export function createForwarder(cfg: ForwardConfig) {
  const up = cfg.upstream;
  const client = up.protocol === 'https:' ? https : http;
  const upstreamOrigins = originSpellings(up);
  const upstreamHost = up.host;
  const port = up.port ? Number(up.port) : up.protocol === 'https:' ? 443 : 80;

  return function forward(req: IncomingMessage, res: ServerResponse, tap: ForwardTap): void {
    const proxyOrigin = req.headers.host ? `http://${req.headers.host}` : undefined;
    let settled = false;
    let connected = false;
    let requestSent = false;
    let requestEnded = false;
    let responseStarted = false;

    const settle = (error?: TransportError) => {
      if (settled) return;
      settled = true;
      tap.done(error);
    };

    const headers = requestHeaders(req.rawHeaders, upstreamHost, proxyOrigin, upstreamOrigins[0]);
    const chunked = /chunked/i.test(req.headers['transfer-encoding'] ?? '');
    let out: http.ClientRequest;
    let retried = false;

    // One attempt at the upstream; `replay` re-sends a body already received in full.
    const attempt = (replay: Buffer | undefined) => {
      connected = false;
      requestSent = false;
      const o = client.request({
        hostname: up.hostname.replace(/^\[|\]$/g, ''),
        port,
        method: req.method,
        path: req.url,
        headers,
        agent: cfg.agent,
        setHost: false,
        rejectUnauthorized: !cfg.insecure,
        servername: /^[\d.]+$|:/.test(up.hostname) ? undefined : up.hostname,
      });
      out = o;
      // A request without Content-Length or Transfer-Encoding has no body: send none, add no framing.
      if (req.headers['content-length'] === undefined) o.useChunkedEncodingByDefault = chunked;

      o.on('socket', (socket) => {
        if ((socket as { connecting?: boolean }).connecting) socket.once('connect', () => (connected = true));
        else connected = true;
      });
      o.setTimeout(cfg.timeoutMs, () => {
        o.destroy(Object.assign(new Error(`no answer from upstream within ${cfg.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      o.on('finish', () => (requestSent = true));
      // Relay interim responses only when the upstream sends them, so Expect behaves as direct.
      o.on('continue', () => res.writeContinue());
      o.on('information', (info) => {
        if (info.statusCode === 102) res.writeProcessing();
        else if (info.statusCode === 103) res.writeEarlyHints(earlyHints(info.rawHeaders));
      });

      o.on('error', (err: NodeJS.ErrnoException) => {
        if (settled || o !== out) return;
        // The upstream closed an idle keep-alive socket just as we reused it: nothing reached it,
        // so one more try on a fresh socket is what a direct client's library would do too.
        if (!retried && o.reusedSocket && !responseStarted && STALE_SOCKET_CODES.has(err.code ?? '')) {
          const whole = requestEnded ? tap.completeRequestBody() : undefined;
          const bodyless = requestEnded && req.headers['content-length'] === undefined && !chunked;
          if (whole || bodyless) {
            retried = true;
            req.unpipe(o);
            attempt(whole ?? Buffer.alloc(0));
            return;
          }
        }
        const phase: TransportPhase = !connected ? 'connect' : !responseStarted && !requestSent ? 'request' : 'response';
        const error = { phase, code: err.code ?? 'EUPSTREAM', message: err.message };
        settle(error);
        failClient(res, error, up);
      });

      o.on('response', (upRes) => {
        cfg.onSocketReuse?.(o.shouldKeepAlive);
        onResponse(upRes);
      });
      if (replay) o.end(replay.length > 0 ? replay : undefined);
    };

    const onResponse = (upRes: http.IncomingMessage) => {
      responseStarted = true;
      tap.responseHead(upRes.statusCode ?? 502, upRes.statusMessage ?? '', upRes.httpVersion, upRes.rawHeaders);
      const flat: string[] = [];
      for (const [name, value] of endToEndPairs(upRes.rawHeaders)) {
        let v = value;
        if (proxyOrigin && RESPONSE_URL_HEADERS.has(name.toLowerCase())) {
          for (const origin of upstreamOrigins) v = mapOrigin(v, origin, proxyOrigin);
        }
        flat.push(name, v);
      }
      res.sendDate = false;
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, flat);
      upRes.on('data', (chunk: Buffer) => tap.responseChunk(chunk));
      upRes.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        settle({ phase: 'response', code: err.code ?? 'ECONNRESET', message: err.message });
        res.destroy();
      });
      upRes.on('close', () => {
        if (settled || upRes.complete) return;
        settle({ phase: 'response', code: 'ECONNRESET', message: 'upstream closed the connection mid-response' });
        res.destroy();
      });
      upRes.pipe(res);
    };

    attempt(undefined);
    req.on('data', (chunk: Buffer) => tap.requestChunk(chunk));
    req.on('end', () => {
      requestEnded = true;
      tap.requestEnd();
    });
    req.pipe(out!);

    res.on('finish', () => settle());
    res.on('close', () => {
      if (res.writableFinished || settled) return;
      out.destroy();
      settle({
        phase: requestEnded ? 'response' : 'request',
        code: 'CLIENT_ABORTED',
        message: requestEnded ? 'the client closed the connection before the response was complete' : 'the client closed the connection mid-upload',
      });
    });
  };
}

/** Request headers in the client's case and order; Host and Destination point at the upstream. */
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
  for (const [name, values] of grouped.values()) headers[name] = values.length === 1 ? values[0] : values;
  return headers;
}

function earlyHints(raw: readonly string[]): Record<string, string | string[]> {
  const hints: Record<string, string[]> = {};
  for (let i = 0; i < raw.length; i += 2) (hints[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
  return hints;
}

/** Tells the client in plain text what failed: 504 for a timeout, 502 otherwise. */
function failClient(res: ServerResponse, error: TransportError, upstream: URL): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = error.code === 'ETIMEDOUT' ? 504 : 502;
  const body =
    `davscope: the upstream ${upstream.origin} failed (${error.code}) while ${
      error.phase === 'connect' ? 'connecting' : error.phase === 'request' ? 'sending the request' : 'waiting for the response'
    }: ${error.message}\n`;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'X-Davscope-Error': error.code });
  res.end(body);
}
