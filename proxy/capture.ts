// Capture: builds an Exchange from what the forwarder reports, stamping timings on one clock.
import type { IncomingMessage } from 'node:http';
import type { Exchange, ExchangeNotes, HeaderPair, Response, Source, TransportError } from '../rules/model/exchange.ts';
import { getHeader } from '../rules/model/headers.ts';
import { BodyBuffer } from './body-buffer.ts';
import type { ExchangeTap } from './responders/responder.ts';

export interface CaptureContext {
  readonly seq: number;
  readonly upstream: string;
  /** What answered: the responder's source (live for the upstream's own answers). */
  readonly source: Source;
  /** The exchange this one derives from (see Exchange.basedOn). */
  readonly basedOn?: string;
  /** The client reached davscope over TLS (--tls). */
  readonly clientTls?: boolean;
  readonly maxBody: number;
  /** When the request arrived (epoch ms) and its headers in wire order, read once by the caller. */
  readonly startedAt: number;
  readonly headers: HeaderPair[];
}

export function pairs(raw: readonly string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

/** A tap for one exchange; `complete` receives the finished Exchange once. */
export function captureExchange(req: IncomingMessage, ctx: CaptureContext, complete: (ex: Exchange) => void): ExchangeTap {
  const t0 = performance.now();
  const { startedAt, headers: requestHeaders } = ctx;
  const since = () => Math.round((performance.now() - t0) * 1000) / 1000;
  const requestBody = new BodyBuffer(ctx.maxBody);
  const responseBody = new BodyBuffer(ctx.maxBody);
  let requestEnd: number | undefined;
  let responseStart: number | undefined;
  let head: { status: number; statusText: string; httpVersion: string; headers: HeaderPair[] } | undefined;
  let sent: { method: string; target: string; headers: readonly HeaderPair[] } | undefined;
  let notes: ExchangeNotes = {};
  let finished = false;

  return {
    id: String(ctx.seq),
    requestHeaders,
    replaceRequestHead: (method, target, headers) => (sent = { method, target, headers }),
    annotate: (more) => (notes = { ...notes, ...more }),
    requestChunk: (chunk) => requestBody.push(chunk),
    requestEnd: () => (requestEnd = since()),
    responseHead(status, statusText, httpVersion, rawHeaders) {
      responseStart = since();
      head = { status, statusText, httpVersion, headers: pairs(rawHeaders) };
    },
    responseChunk: (chunk) => responseBody.push(chunk),
    completeRequestBody: () => (requestEnd === undefined ? undefined : requestBody.whole()),
    done(error?: TransportError) {
      if (finished) return;
      finished = true;
      const end = since();
      const requestAborted = error !== undefined && requestEnd === undefined;
      const headers = sent?.headers ?? requestHeaders;
      const request = {
        method: sent?.method ?? req.method ?? 'GET',
        target: sent?.target ?? req.url ?? '/',
        httpVersion: req.httpVersion,
        headers,
        body: requestBody.toBody(getHeader(headers, 'content-encoding'), requestAborted),
      };
      // A response is kept only when it arrived whole; otherwise the error tells what happened.
      let response: Response | undefined;
      if (head && !error) response = { ...head, body: responseBody.toBody(getHeader(head.headers, 'content-encoding')) };
      complete({
        id: String(ctx.seq),
        seq: ctx.seq,
        source: ctx.source,
        ...(ctx.basedOn !== undefined ? { basedOn: ctx.basedOn } : {}),
        ...(ctx.clientTls ? { clientTls: true as const } : {}),
        upstream: ctx.upstream,
        request,
        ...(response ? { response } : {}),
        ...(error ? { error: head ? { ...error, message: `${error.message} (after a ${head.status} response head)` } : error } : {}),
        timings: { startedAt, requestEnd, responseStart, end },
        findings: [],
        ...notes,
      });
    },
  };
}
