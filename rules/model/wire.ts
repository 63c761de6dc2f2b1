// The JSON form of exchanges shared by the HTTP API, recordings and the UI: bodies travel as
// UTF-8 text when they decode cleanly, else as base64, and say which.
import { toBase64, fromBase64 } from './base64.ts';
import { decodeUtf8 } from './body.ts';
import { primaryFindings, type Body, type Exchange, type Severity } from './exchange.ts';

export type WireBytes = { readonly encoding: 'utf8' | 'base64'; readonly data: string };

export type WireBody =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'captured';
      readonly size: number;
      readonly truncated: boolean;
      readonly contentEncoding?: string;
      readonly encoding: 'utf8' | 'base64';
      readonly data: string;
      readonly decoded?: WireBytes;
    }
  | { readonly kind: 'unavailable'; readonly size?: number; readonly reason: string };

export type WireExchange = Omit<Exchange, 'request' | 'response'> & {
  readonly request: Omit<Exchange['request'], 'body'> & { readonly body: WireBody };
  readonly response?: Omit<NonNullable<Exchange['response']>, 'body'> & { readonly body: WireBody };
};

/** One row of the exchange list: what a list shows without any body. */
export interface ExchangeSummary {
  readonly id: string;
  readonly seq: number;
  readonly source: Exchange['source'];
  readonly method: string;
  readonly target: string;
  readonly status?: number;
  readonly statusText?: string;
  readonly error?: { readonly code: string; readonly phase: string };
  readonly startedAt: number;
  readonly duration?: number;
  readonly requestSize?: number;
  readonly responseSize?: number;
  readonly findings: Readonly<Record<Severity, number>>;
  /** The exchange it was resent from, or the recorded one that answered it (see Exchange.basedOn). */
  readonly basedOn?: string;
  /** The fault that touched it, when one did. */
  readonly fault?: string;
  /** What intercept did with it, when it was held. */
  readonly intercepted?: NonNullable<Exchange['intercept']>['outcome'];
}

function wireBytes(bytes: Uint8Array): WireBytes {
  // A truncated cut may split a UTF-8 sequence; such text still goes as base64 to stay exact.
  const text = decodeUtf8(bytes);
  return text === undefined ? { encoding: 'base64', data: toBase64(bytes) } : { encoding: 'utf8', data: text };
}

function unwireBytes(w: WireBytes): Uint8Array {
  return w.encoding === 'base64' ? fromBase64(w.data) : new TextEncoder().encode(w.data);
}

export function bodyToWire(body: Body): WireBody {
  if (body.kind !== 'captured') return body;
  const { encoding, data } = wireBytes(body.bytes);
  return {
    kind: 'captured',
    size: body.size,
    truncated: body.truncated,
    ...(body.contentEncoding ? { contentEncoding: body.contentEncoding } : {}),
    encoding,
    data,
    ...(body.decoded ? { decoded: wireBytes(body.decoded) } : {}),
  };
}

export function bodyFromWire(w: WireBody): Body {
  if (w.kind === 'none') return w;
  if (w.kind === 'unavailable') return w as Body;
  return {
    kind: 'captured',
    bytes: unwireBytes(w),
    size: w.size,
    truncated: w.truncated,
    ...(w.contentEncoding ? { contentEncoding: w.contentEncoding } : {}),
    ...(w.decoded ? { decoded: unwireBytes(w.decoded) } : {}),
  };
}

export function exchangeToWire(ex: Exchange): WireExchange {
  const { request, response, ...rest } = ex;
  return {
    ...rest,
    request: { ...request, body: bodyToWire(request.body) },
    ...(response ? { response: { ...response, body: bodyToWire(response.body) } } : {}),
  };
}

export function exchangeFromWire(w: WireExchange): Exchange {
  const { request, response, ...rest } = w;
  return {
    ...rest,
    request: { ...request, body: bodyFromWire(request.body) },
    ...(response ? { response: { ...response, body: bodyFromWire(response.body) } } : {}),
  };
}

export function summarize(ex: Exchange): ExchangeSummary {
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of primaryFindings(ex.findings)) findings[f.severity]++;
  const size = (b: Body | undefined) => (b === undefined ? undefined : b.kind === 'none' ? 0 : b.size);
  return {
    id: ex.id,
    seq: ex.seq,
    source: ex.source,
    method: ex.request.method,
    target: ex.request.target,
    ...(ex.response ? { status: ex.response.status, statusText: ex.response.statusText } : {}),
    ...(ex.error ? { error: { code: ex.error.code, phase: ex.error.phase } } : {}),
    startedAt: ex.timings.startedAt,
    ...(ex.timings.end !== undefined ? { duration: ex.timings.end } : {}),
    requestSize: size(ex.request.body),
    responseSize: size(ex.response?.body),
    findings,
    ...(ex.basedOn !== undefined ? { basedOn: ex.basedOn } : {}),
    ...(ex.fault ? { fault: ex.fault.name } : {}),
    ...(ex.intercept || ex.interceptResponse ? { intercepted: (ex.intercept ?? ex.interceptResponse)!.outcome } : {}),
  };
}
