// Small predicates shared by rules: status classes, entity-tag grammar, UTC forms.
import type { ExchangeView } from '../engine/view.ts';
import type { SessionContext } from '../engine/session.ts';

export const isSuccess = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;
export const isRedirect = (status: number | undefined): boolean => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** Methods that act on one resource: a 207 to one of them (Xandikos sends one) reports its failure. */
export const SINGLE_RESOURCE_METHODS = ['PUT', 'MKCALENDAR', 'MKCOL'] as const;

/** Whether the text starts with a URI scheme (RFC 3986 §3.1): an absolute URI, as sync tokens and absolute hrefs are. */
export function hasUriScheme(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(s);
}

/** One entity-tag: RFC 9110 §8.8.3 (W/ optional, quoted, no DQUOTE inside). */
export function isEntityTag(s: string): boolean {
  return /^(W\/)?"[\x21\x23-\x7E\x80-\uFFFF]*"$/.test(s.trim());
}

/** Splits an If-Match / If-None-Match value into its members (commas inside quotes kept). */
export function etagMembers(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter((m) => m !== '');
}

/** "*" or a comma-separated list of entity-tags. */
export function isEtagList(value: string): boolean {
  const v = value.trim();
  if (v === '*') return true;
  const members = etagMembers(v);
  return members.length > 0 && members.every(isEntityTag);
}

/** RFC 5545 UTC date-time in basic format, as CalDAV time-range attributes require (RFC 4791 §9.9). */
export const isUtcDateTime = (s: string): boolean => /^\d{8}T\d{6}Z$/.test(s);

/** Methods whose request body is XML in WebDAV/CalDAV. */
export const XML_BODY_METHODS = new Set(['PROPFIND', 'PROPPATCH', 'REPORT', 'MKCALENDAR', 'MKCOL', 'LOCK', 'ACL', 'SEARCH']);

/** The request is HTTPS as the client sent it (absolute-form target or a forwarding header). */
export function clientUsedTls(view: ExchangeView): boolean {
  if (view.exchange.clientTls === true || /^https:/i.test(view.exchange.request.target)) return true;
  const proto = view.reqHeader('X-Forwarded-Proto');
  // Behind davscope the client-facing scheme is only known from these; absent means plain HTTP to us.
  if (proto !== undefined) return proto.trim().toLowerCase() === 'https';
  return false;
}

/** Text shortened for a one-line message. */
export function short(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** How a REPORT on a collection reaches only the collection itself: 'no Depth header' or 'Depth: 0'
 *  (REPORT defaults to 0, RFC 3253 §3.6); undefined when it reaches the members or is not on a collection. */
export function depthZeroOnCollection(view: ExchangeView, context: SessionContext): string | undefined {
  if (!view.path.endsWith('/') && !context.isCollection(view.path)) return undefined;
  const d = view.depth;
  if (d !== undefined && d !== '0') return undefined;
  return d === undefined ? 'no Depth header' : 'Depth: 0';
}
