// Exchanges to HAR 1.2: every field HAR holds, binary bodies as base64 with `encoding`, and what
// HAR cannot hold (raw compressed bytes, truncation, transport errors, findings) under `_davscope`.
import type { Body, Exchange, HeaderList } from '../../rules/model/exchange.ts';
import { decodeUtf8 } from '../../rules/model/body.ts';
import { getHeader, getHeaders } from '../../rules/model/headers.ts';
import { toBase64 } from '../../rules/model/base64.ts';
import { bodyToWire } from '../../rules/model/wire.ts';
import { redactExchange } from '../recording/redact.ts';
import type { SecretSet } from '../recording/secret-set.ts';
import { exchangeUrl } from '../../rules/formats/har/exchange-url.ts';
import { DAVSCOPE_CREATOR, type HarContent, type HarCookie, type HarEntry, type HarNameValue, type HarPostData, type HarTimings } from '../../rules/formats/har/types.ts';

export interface HarExportOptions {
  /** Credentials are replaced by [redacted] unless this is false (--keep-secrets). */
  readonly redact?: boolean;
  /** More credential headers whose values are replaced entirely (--redact-header). */
  readonly redactHeaders?: readonly string[];
  /** The secrets of the whole file, scrubbed from every entry (see redactExchange). */
  readonly secrets?: SecretSet;
}

const headers = (list: HeaderList): HarNameValue[] => list.map(([name, value]) => ({ name, value }));

function requestCookies(list: HeaderList): HarCookie[] {
  return getHeaders(list, 'cookie').flatMap((v) =>
    v.split(';').flatMap((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [] : [{ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() }];
    }),
  );
}

function responseCookies(list: HeaderList): HarCookie[] {
  return getHeaders(list, 'set-cookie').flatMap((v) => {
    const [first, ...attrs] = v.split(';');
    const eq = first.indexOf('=');
    if (eq < 0) return [];
    const cookie: HarCookie = { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
    for (const attr of attrs) {
      const [k, ...rest] = attr.split('=');
      const key = k.trim().toLowerCase();
      const val = rest.join('=').trim();
      if (key === 'path') cookie.path = val;
      else if (key === 'domain') cookie.domain = val;
      else if (key === 'expires') {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) cookie.expires = new Date(t).toISOString();
      } else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'secure') cookie.secure = true;
    }
    return [cookie];
  });
}

function queryString(target: string): HarNameValue[] {
  const q = target.indexOf('?');
  if (q < 0) return [];
  const search = target.slice(q + 1).split('#')[0];
  return [...new URLSearchParams(search)].map(([name, value]) => ({ name, value }));
}

/** The bytes HAR's text stands for: HTTP-decoded (HAR 1.2 "content"), or undefined when davscope has none. */
function harBytes(body: Body): Uint8Array | undefined {
  if (body.kind !== 'captured') return undefined;
  if (body.contentEncoding && body.contentEncoding !== 'identity') return body.decoded;
  return body.bytes;
}

/** Whether HAR's standard fields hold this body exactly; if not, `_davscope` carries its wire form. */
function harHoldsExactly(body: Body): boolean {
  if (body.kind === 'none') return true;
  if (body.kind === 'unavailable') return false;
  return !body.truncated && !body.contentEncoding;
}

function text(bytes: Uint8Array): { text: string; encoding?: 'base64' } {
  const t = decodeUtf8(bytes);
  return t === undefined ? { text: toBase64(bytes), encoding: 'base64' } : { text: t };
}

function wireSize(body: Body): number {
  return body.kind === 'none' ? 0 : (body.size ?? -1);
}

function truncatedComment(body: Body): { comment?: string } {
  return body.kind === 'captured' && body.truncated ? { comment: `davscope kept only the first ${body.bytes.length} of ${body.size} bytes` } : {};
}

function postData(ex: Exchange): HarPostData | undefined {
  const bytes = harBytes(ex.request.body);
  if (!bytes) return undefined;
  return { mimeType: getHeader(ex.request.headers, 'content-type') ?? '', ...text(bytes), ...truncatedComment(ex.request.body) };
}

function content(body: Body, mimeType: string): HarContent {
  const bytes = harBytes(body);
  if (body.kind !== 'captured' || !bytes) {
    return { size: body.kind === 'none' ? 0 : (body.size ?? 0), mimeType, ...(body.kind === 'unavailable' ? { comment: `body not available: ${body.reason}` } : {}) };
  }
  const compressed = body.contentEncoding && body.decoded !== undefined;
  return {
    size: compressed || !body.truncated ? bytes.length : body.size,
    ...(compressed ? { compression: bytes.length - body.bytes.length } : {}),
    mimeType,
    ...text(bytes),
    ...truncatedComment(body),
  };
}

function timings(ex: Exchange): HarTimings {
  // HAR wants non-negative phases that add up to `time`; a server may answer before the request
  // body ended, so a phase is clamped at 0 (the exact figures stay in _davscope).
  const t = ex.timings;
  const requestEnd = t.requestEnd ?? t.responseStart ?? t.end ?? 0;
  const responseStart = t.responseStart ?? t.end ?? requestEnd;
  const end = t.end ?? responseStart;
  return {
    blocked: -1,
    dns: -1,
    connect: -1,
    ssl: -1,
    send: Math.max(0, requestEnd),
    wait: Math.max(0, responseStart - requestEnd),
    receive: Math.max(0, end - responseStart),
  };
}

/** One HAR entry; redacted unless options.redact is false. */
export function toHarEntry(input: Exchange, options: HarExportOptions = {}): HarEntry {
  const ex = options.redact === false ? input : redactExchange(input, { secrets: options.secrets, headers: options.redactHeaders });
  const req = ex.request;
  const res = ex.response;
  const tm = timings(ex);
  const post = postData(ex);
  return {
    startedDateTime: new Date(ex.timings.startedAt).toISOString(),
    time: tm.send + tm.wait + tm.receive,
    request: {
      method: req.method,
      url: exchangeUrl(ex).split('#')[0],
      httpVersion: `HTTP/${req.httpVersion}`,
      cookies: requestCookies(req.headers),
      headers: headers(req.headers),
      queryString: queryString(req.target),
      ...(post ? { postData: post } : {}),
      headersSize: -1,
      bodySize: wireSize(req.body),
    },
    response: res
      ? {
          status: res.status,
          statusText: res.statusText,
          httpVersion: `HTTP/${res.httpVersion}`,
          cookies: responseCookies(res.headers),
          headers: headers(res.headers),
          content: content(res.body, getHeader(res.headers, 'content-type') ?? ''),
          redirectURL: getHeader(res.headers, 'location') ?? '',
          headersSize: -1,
          bodySize: wireSize(res.body),
        }
      : {
          // Chrome and mitmproxy write a failed exchange as status 0 with _error; so does davscope.
          status: 0,
          statusText: '',
          httpVersion: '',
          cookies: [],
          headers: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          ...(ex.error ? { _error: `${ex.error.code}: ${ex.error.message}`, comment: `no response: ${ex.error.phase} failed with ${ex.error.code}` } : {}),
        },
    cache: {},
    timings: tm,
    _davscope: {
      id: ex.id,
      seq: ex.seq,
      source: ex.source,
      upstream: ex.upstream,
      target: req.target,
      timings: ex.timings,
      findings: ex.findings,
      ...(ex.error ? { error: ex.error } : {}),
      ...(ex.basedOn !== undefined ? { basedOn: ex.basedOn } : {}),
      ...(ex.clientTls ? { clientTls: true } : {}),
      ...(ex.intercept ? { intercept: ex.intercept } : {}),
      ...(ex.interceptResponse ? { interceptResponse: ex.interceptResponse } : {}),
      ...(ex.replayMiss ? { replayMiss: ex.replayMiss } : {}),
      ...(ex.fault ? { fault: ex.fault } : {}),
      ...(harHoldsExactly(req.body) ? {} : { requestBody: bodyToWire(req.body) }),
      ...(res && !harHoldsExactly(res.body) ? { responseBody: bodyToWire(res.body) } : {}),
    },
  };
}

/** The text before the first entry; entries follow, joined by ",", then HAR_CLOSE. */
export function harOpen(davscopeVersion: string): string {
  const log = { version: '1.2', creator: { name: DAVSCOPE_CREATOR, version: davscopeVersion }, pages: [] };
  return `{"log":${JSON.stringify(log).slice(0, -1)},"entries":[\n`;
}

export const HAR_CLOSE = '\n]}}\n';

/** Writes a whole HAR file entry by entry, so memory holds one exchange at a time. */
export async function writeHar(exchanges: AsyncIterable<Exchange> | Iterable<Exchange>, write: (chunk: string) => Promise<void> | void, options: HarExportOptions & { davscopeVersion: string }): Promise<number> {
  await write(harOpen(options.davscopeVersion));
  let n = 0;
  for await (const ex of exchanges) {
    await write((n++ ? ',\n' : '') + JSON.stringify(toHarEntry(ex, options)));
  }
  await write(HAR_CLOSE);
  return n;
}
