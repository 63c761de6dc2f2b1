// What the page may ask davscope to send (POST /api/send): checked here before anything reaches the
// proxy listener. Only paths on the configured upstream: davscope is never an open relay.
import { isToken, getHeader } from '../rules/model/headers.ts';
import type { Exchange, HeaderPair } from '../rules/model/exchange.ts';
import type { InjectMark, OutgoingRequest } from './inject.ts';
import { REDACTED } from './recording/redact.ts';
import { headerListProblem } from './message-edits.ts';

/** The JSON the page posts. `body` is text sent as UTF-8; `bodyBase64` carries any bytes. */
export interface SendRequestJson {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
  readonly bodyBase64?: string;
  /** The exchange this is an edit of: the new one is `resent` and linked to it. */
  readonly resentFrom?: string;
}

export interface SendContext {
  readonly upstream: URL;
  /** host:port of the proxy listener, the Host a client of the proxy sends. */
  readonly proxyHost: string;
  readonly maxBody: number;
  readonly exchange: (id: string) => Exchange | undefined;
}

export type SendCheck =
  | { readonly ok: true; readonly request: OutgoingRequest; readonly mark: InjectMark }
  | { readonly ok: false; readonly status: number; readonly error: string; readonly needsCredentials?: readonly string[] };

const FRAMING = new Set(['content-length', 'transfer-encoding']);

export function checkSendRequest(value: unknown, ctx: SendContext): SendCheck {
  const parts = checkRequestParts(value, ctx);
  if (!parts.ok) return parts;
  const v = value as { resentFrom?: unknown };
  const bad = (error: string, status = 400): SendCheck => ({ ok: false, status, error });
  if (v.resentFrom !== undefined && typeof v.resentFrom !== 'string') return bad('resentFrom must be an exchange id');
  const original = v.resentFrom === undefined ? undefined : ctx.exchange(v.resentFrom);
  if (v.resentFrom !== undefined && !original) return bad(`no exchange ${v.resentFrom} in the store to resend from (it may have been dropped: see --keep)`, 404);

  const credentials = withCredentials(parts.request.headers, original);
  if ('missing' in credentials) {
    return { ok: false, status: 422, error: `${credentials.missing.join(', ')} came from a redacted recording: type the credentials to send`, needsCredentials: credentials.missing };
  }
  const { method, target, body } = parts.request;
  return {
    ok: true,
    request: { method, target, headers: withFraming(credentials.headers, body.length, ctx.proxyHost), body },
    mark: original ? { source: 'resent', basedOn: original.id } : { source: 'composed' },
  };
}

/** Method, target, headers and body of a posted request, checked; headers as given (no framing). */
export function checkRequestParts(value: unknown, ctx: Pick<SendContext, 'upstream' | 'proxyHost' | 'maxBody'>): { ok: true; request: OutgoingRequest } | { ok: false; status: number; error: string } {
  const bad = (error: string, status = 400) => ({ ok: false as const, status, error });
  if (typeof value !== 'object' || value === null) return bad('the body must be a JSON object {method, target, headers, body}');
  const v = value as Partial<Record<keyof SendRequestJson, unknown>>;
  if (typeof v.method !== 'string' || !isToken(v.method)) return bad('method must be an HTTP token such as PROPFIND');
  if (typeof v.target !== 'string') return bad('target must be a path such as /calendars/alice/');
  const target = targetOnUpstream(v.target, v.method, ctx);
  if ('error' in target) return bad(target.error);
  const headersProblem = headerListProblem(v.headers);
  if (headersProblem) return bad(headersProblem);
  let body: Buffer;
  if (typeof v.bodyBase64 === 'string') body = Buffer.from(v.bodyBase64, 'base64');
  else if (typeof v.body === 'string') body = Buffer.from(v.body, 'utf8');
  else if (v.body === undefined || v.body === null) body = Buffer.alloc(0);
  else return bad('body must be text (or bodyBase64 for bytes)');
  if (body.length > ctx.maxBody) return bad(`the body is ${body.length} bytes, over --max-body (${ctx.maxBody}); raise --max-body to send it`, 413);
  return { ok: true, request: { method: v.method, target: target.path, headers: v.headers as [string, string][], body } };
}

/** An origin-form path, or an absolute URL on the upstream (or the proxy), as the path to send. */
function targetOnUpstream(target: string, method: string, ctx: Pick<SendContext, 'upstream' | 'proxyHost'>): { path: string } | { error: string } {
  if (target === '*') return method === 'OPTIONS' ? { path: '*' } : { error: 'the target * is only for OPTIONS' };
  if (/[\s\0-\x1f\x7f]/.test(target) || /[^\x00-\xff]/.test(target)) return { error: 'the target holds spaces, control or non-Latin-1 characters; percent-encode them' };
  if (target.startsWith('/')) return { path: target };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { error: `the target must be a path starting with / (got ${JSON.stringify(target.slice(0, 80))})` };
  }
  const allowed = [ctx.upstream.origin, `http://${ctx.proxyHost}`];
  if (!allowed.includes(url.origin)) {
    return { error: `davscope sends only to its upstream ${ctx.upstream.origin}, not to ${url.origin}: it is not an open relay` };
  }
  return { path: url.pathname + url.search };
}

/** Redacted values are refilled from the exchange being resent, when it holds them; else asked for. */
function withCredentials(headers: readonly HeaderPair[], original: Exchange | undefined): { headers: HeaderPair[] } | { missing: string[] } {
  const missing: string[] = [];
  const seen = new Map<string, number>();
  const out = headers.map(([name, value]): HeaderPair => {
    const lower = name.toLowerCase();
    const nth = seen.get(lower) ?? 0;
    seen.set(lower, nth + 1);
    if (!value.includes(REDACTED)) return [name, value];
    const kept = original?.request.headers.filter(([n]) => n.toLowerCase() === lower)[nth]?.[1];
    if (kept !== undefined && !kept.includes(REDACTED)) return [name, kept];
    missing.push(name);
    return [name, value];
  });
  return missing.length > 0 ? { missing } : { headers: out };
}

/** Host first when absent; the body framed by Content-Length, in place of whatever framing was given. */
export function withFraming(headers: readonly HeaderPair[], length: number, proxyHost: string): HeaderPair[] {
  const out: HeaderPair[] = getHeader(headers, 'host') === undefined ? [['Host', proxyHost]] : [];
  let placed = false;
  for (const [name, value] of headers) {
    if (!FRAMING.has(name.toLowerCase())) {
      out.push([name, value]);
      continue;
    }
    if (placed) continue;
    placed = true;
    // A Content-Length the user wrote stays (even 0); a Transfer-Encoding becomes one when there is a body.
    if (length > 0 || name.toLowerCase() === 'content-length') out.push([name.toLowerCase() === 'content-length' ? name : 'Content-Length', String(length)]);
  }
  if (!placed && length > 0) out.push(['Content-Length', String(length)]);
  return out;
}
