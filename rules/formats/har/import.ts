// HAR entries to exchanges, leniently: Chrome, Firefox, mitmproxy and HTTP Toolkit each leave out
// different optional fields. A body HAR does not carry becomes `unavailable: not-recorded`, never
// an empty body, so rules do not judge bytes nobody saw.
import { messageProblem } from '../recording/check-line.ts';
import { sourceFrom, type Body, type Exchange, type HeaderPair, type InterceptNote, type InterceptResponseNote, type Response, type Timings, type TransportError } from '../../model/exchange.ts';
import { fromBase64 } from '../../model/base64.ts';
import { getHeader } from '../../model/headers.ts';
import { bodyFromWire, type WireBody } from '../../model/wire.ts';
import { splitUrl } from './exchange-url.ts';
import type { HarDavscopeFields } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The entry cannot become an exchange at all (no request method or URL). */
export class HarEntryError extends Error {}

export interface HarImportOptions {
  /** Honour `_davscope` fields: only for files davscope wrote (HAR 1.2: parsers MUST ignore other tools' custom fields). */
  readonly trustDavscope?: boolean;
}

function harHeaders(list: unknown): HeaderPair[] {
  if (!Array.isArray(list)) return [];
  const out: HeaderPair[] = [];
  for (const h of list) {
    if (!isObj(h) || typeof h.name !== 'string') continue;
    // HTTP/2 pseudo-headers (:method, :path... in Chrome's exports) are not header fields (RFC 9113 §8.3);
    // the request line already carries what they say.
    if (h.name.startsWith(':')) continue;
    out.push([h.name, h.value === undefined || h.value === null ? '' : String(h.value)]);
  }
  return out;
}

function httpVersion(v: unknown): string {
  const s = str(v)?.trim() ?? '';
  const m = /^HTTP\/(\d+(?:\.\d+)?)$/i.exec(s);
  if (m) return m[1].includes('.') ? m[1] : `${m[1]}.0`;
  if (/^h2$/i.test(s)) return '2.0';
  if (/^h3/i.test(s)) return '3.0';
  return s === '' ? '1.1' : s;
}

function textBytes(text: string, encoding: unknown): Uint8Array {
  if (encoding !== 'base64') return new TextEncoder().encode(text);
  // Node's decoder is much faster than the portable one, which is kept for what it checks and for
  // the browser (the inspector page imports HAR files through this same module).
  const nodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (!nodeBuffer || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) return fromBase64(text);
  return nodeBuffer.from(text, 'base64');
}

function captured(bytes: Uint8Array): Body {
  return { kind: 'captured', bytes, size: bytes.length, truncated: false };
}

/** No text: nothing was sent when the sizes say 0 (or HTTP/1.1 framing says so), otherwise bytes that were not recorded. */
function missingBody(sizes: (number | undefined)[], headers: HeaderPair[]): Body {
  // Tools disagree on which size they fill (HTTP Toolkit leaves content.size 0 for a body it
  // dropped): any positive size means bytes crossed the wire.
  const positive = sizes.find((s) => s !== undefined && s > 0);
  if (positive !== undefined) return { kind: 'unavailable', size: positive, reason: 'not-recorded' };
  if (sizes.some((s) => s === 0)) return { kind: 'none' };
  const length = getHeader(headers, 'content-length');
  if (length !== undefined && /^\s*0\s*$/.test(length)) return { kind: 'none' };
  if (length === undefined && getHeader(headers, 'transfer-encoding') === undefined) return { kind: 'none' };
  return { kind: 'unavailable', ...(length && /^\s*\d+\s*$/.test(length) ? { size: Number(length) } : {}), reason: 'not-recorded' };
}

function requestBody(req: Obj, headers: HeaderPair[]): Body {
  const post = req.postData;
  if (isObj(post)) {
    if (typeof post.text === 'string') return captured(textBytes(post.text, post.encoding));
    if (Array.isArray(post.params) && post.params.length) {
      // Firefox and Chrome may give only parsed form fields: rebuild the urlencoded text they came from.
      const form = new URLSearchParams();
      for (const p of post.params) if (isObj(p) && typeof p.name === 'string') form.append(p.name, String(p.value ?? ''));
      return captured(new TextEncoder().encode(form.toString()));
    }
  }
  return missingBody([num(req.bodySize)], headers);
}

function responseBody(res: Obj, headers: HeaderPair[]): Body {
  const content = isObj(res.content) ? res.content : {};
  if (typeof content.text === 'string') return captured(textBytes(content.text, content.encoding));
  return missingBody([num(res.bodySize), num(content.size)], headers);
}

function timingsOf(entry: Obj, hasResponse: boolean): Timings {
  const startedAt = Date.parse(str(entry.startedDateTime) ?? '');
  const t = isObj(entry.timings) ? entry.timings : {};
  const phase = (k: string) => Math.max(0, num(t[k]) ?? 0);
  const send = num(t.send);
  const wait = num(t.wait);
  const receive = num(t.receive);
  const total = num(entry.time);
  const base = { startedAt: Number.isNaN(startedAt) ? 0 : startedAt };
  if (send === undefined && wait === undefined && receive === undefined) {
    return total !== undefined && total >= 0 ? { ...base, end: round3(total) } : base;
  }
  // ssl is included in connect (HAR 1.2 timings), so it is not added again.
  const before = phase('blocked') + phase('dns') + phase('connect');
  const requestEnd = round3(before + phase('send'));
  if (!hasResponse) return { ...base, requestEnd, end: round3(requestEnd + phase('wait') + phase('receive')) };
  const responseStart = round3(requestEnd + phase('wait'));
  return { ...base, requestEnd, responseStart, end: round3(responseStart + phase('receive')) };
}

function errorOf(res: Obj | undefined): TransportError {
  const text = str(res?._error) ?? str(res?.comment);
  const code = /\b(E[A-Z]{3,}|ERR_[A-Z_]+)\b/.exec(text ?? '')?.[1] ?? 'NO_RESPONSE';
  return { phase: 'response', code, message: text ?? 'the HAR entry has no response (status 0)' };
}

/** One HAR entry as an exchange; `index` is its 0-based position, giving seq index + 1. */
export function harEntryToExchange(entry: unknown, index: number, options: HarImportOptions = {}): Exchange {
  if (!isObj(entry) || !isObj(entry.request)) throw new HarEntryError('it has no request');
  const req = entry.request;
  const method = str(req.method);
  const url = str(req.url);
  if (!method || !url) throw new HarEntryError('its request has no method or url');
  const split = splitUrl(url);
  if (!split) throw new HarEntryError(`its URL "${url}" is not absolute`);
  const reqHeaders = harHeaders(req.headers);
  const res = isObj(entry.response) ? entry.response : undefined;
  const status = num(res?.status);
  let response: Response | undefined;
  if (res && status !== undefined && status > 0) {
    const resHeaders = harHeaders(res.headers);
    response = { status, statusText: str(res.statusText) ?? '', httpVersion: httpVersion(res.httpVersion), headers: resHeaders, body: responseBody(res, resHeaders) };
  }
  const problem =
    messageProblem({ method, target: split.target, headers: reqHeaders }, 'its request') ??
    (response ? messageProblem({ status: response.status, statusText: response.statusText, headers: response.headers }, 'its response') : undefined);
  if (problem) throw new HarEntryError(problem);
  let exchange: Exchange = {
    id: String(index + 1),
    seq: index + 1,
    source: 'import',
    upstream: `${split.origin}/`,
    request: { method, target: split.target, httpVersion: httpVersion(req.httpVersion), headers: reqHeaders, body: requestBody(req, reqHeaders) },
    ...(response ? { response } : { error: errorOf(res) }),
    timings: timingsOf(entry, response !== undefined),
    findings: [],
  };
  const own = options.trustDavscope && isObj(entry._davscope) ? (entry._davscope as unknown as Partial<HarDavscopeFields>) : undefined;
  if (own) {
    exchange = withDavscopeFields(exchange, own);
    const targetProblem = messageProblem({ target: exchange.request.target, headers: [] }, 'its _davscope');
    if (targetProblem) throw new HarEntryError(targetProblem);
  }
  return exchange;
}

function withDavscopeFields(ex: Exchange, own: Partial<HarDavscopeFields>): Exchange {
  const wireBody = (w: WireBody | undefined, fallback: Body) => (isObj(w) ? bodyFromWire(w) : fallback);
  const response = ex.response ? { ...ex.response, body: wireBody(own.responseBody, ex.response.body) } : undefined;
  const { error: _ignored, response: _r, ...rest } = ex;
  const error = isObj(own.error) ? own.error : ex.response ? undefined : ex.error;
  return {
    ...rest,
    ...(typeof own.id === 'string' ? { id: own.id } : {}),
    ...(typeof own.seq === 'number' ? { seq: own.seq } : {}),
    ...(typeof own.source === 'string' ? { source: sourceFrom(own.source) } : {}),
    ...(typeof own.upstream === 'string' ? { upstream: own.upstream } : {}),
    ...(typeof own.basedOn === 'string' ? { basedOn: own.basedOn } : {}),
    ...(own.clientTls === true ? { clientTls: true as const } : {}),
    ...(Array.isArray(own.replayMiss) ? { replayMiss: own.replayMiss } : {}),
    ...(isObj(own.fault) && typeof own.fault.name === 'string' && typeof own.fault.did === 'string' ? { fault: { name: own.fault.name, did: own.fault.did } } : {}),
    ...(isObj(own.interceptResponse) && typeof own.interceptResponse.outcome === 'string' && typeof own.interceptResponse.heldMs === 'number' ? { interceptResponse: own.interceptResponse as InterceptResponseNote } : {}),
    ...(isObj(own.intercept) && typeof own.intercept.outcome === 'string' && typeof own.intercept.heldMs === 'number' ? { intercept: own.intercept as InterceptNote } : {}),
    request: { ...ex.request, ...(typeof own.target === 'string' ? { target: own.target } : {}), body: wireBody(own.requestBody, ex.request.body) },
    ...(response ? { response } : {}),
    ...(error ? { error } : {}),
    ...(isObj(own.timings) && typeof own.timings.startedAt === 'number' ? { timings: own.timings as Timings } : {}),
    ...(Array.isArray(own.findings) ? { findings: own.findings } : {}),
  };
}
