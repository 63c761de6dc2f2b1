// The absolute URL of an exchange: the request-target is kept exactly as sent (origin-form almost
// always), so the URL is the upstream's origin in front of it, never a re-normalised WHATWG URL.
import type { Exchange } from '../../model/exchange.ts';

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is;

export function exchangeUrl(ex: Pick<Exchange, 'upstream' | 'request'>): string {
  const target = ex.request.target;
  if (ABSOLUTE.test(target)) return target;
  const origin = ABSOLUTE.exec(ex.upstream)?.[1] ?? '';
  // asterisk-form (OPTIONS *) has no path: keep it readable rather than inventing one.
  return target.startsWith('/') ? origin + target : `${origin}/${target === '*' ? '*' : target}`;
}

/** Splits an absolute URL into origin and request-target (path and query), dropping any #fragment. */
export function splitUrl(url: string): { origin: string; target: string } | undefined {
  const m = ABSOLUTE.exec(url);
  if (!m) return undefined;
  const rest = m[2].split('#')[0];
  return { origin: m[1], target: rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}` };
}
