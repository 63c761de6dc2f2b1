// Case-insensitive look-ups over wire-ordered header pairs, for code that holds an exchange without
// a view (the proxy, exporters, the page); rules ask the view (engine/view.ts), which memoises them.
import type { HeaderList } from './exchange.ts';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An RFC 9110 §5.6.2 token: what a method and a header name must be. */
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

/** The first value of a header, or undefined when absent. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

/** Every value of a header, in wire order. */
export function getHeaders(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === lower) out.push(v);
  return out;
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}

/** Comma-separated list values of a header across all its lines, trimmed, empties dropped. */
export function getHeaderList(headers: HeaderList, name: string): string[] {
  return getHeaders(headers, name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
