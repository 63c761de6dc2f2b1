// The filter words that pick requests by what is known when the head arrives (intercept uses it;
// the list's filter and `lint --filter` grow from the same words). Pure: runs in Node and the page.
//
//   PUT                  a bare word: matched case-insensitively in the method, target and headers
//   method:PUT,DELETE    the method is one of these
//   path:/alice/cal/     the request-target contains this
//   header:If-Match      the request has this header; header:Depth=1 one whose value contains "1"
//   -word, -key:value    negation
import type { HeaderList } from '../model/exchange.ts';

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderList;
}

export type RequestFilter = (head: RequestHead) => boolean;

export const FILTER_KEYS = ['method', 'path', 'header'] as const;

export class FilterError extends Error {}

/** Compiles filter text; every term must hold. Throws FilterError with what to write instead. */
export function compileRequestFilter(text: string): RequestFilter {
  const terms = text.trim().split(/\s+/).filter(Boolean).map(term);
  return (head) => terms.every((t) => t(head));
}

function term(word: string): RequestFilter {
  const negated = word.startsWith('-') && word.length > 1;
  const body = negated ? word.slice(1) : word;
  const colon = body.indexOf(':');
  const key = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
  const value = colon > 0 ? body.slice(colon + 1) : body;
  let test: RequestFilter;
  if (colon <= 0 || /^https?$/i.test(key)) {
    const needle = body.toLowerCase();
    test = (h) => h.method.toLowerCase().includes(needle) || h.target.toLowerCase().includes(needle) || h.headers.some(([n, v]) => `${n}: ${v}`.toLowerCase().includes(needle));
  } else if (key === 'method') {
    const methods = new Set(value.split(',').filter(Boolean).map((m) => m.toUpperCase()));
    if (methods.size === 0) throw new FilterError('method: wants one or more methods, e.g. method:PUT,DELETE');
    test = (h) => methods.has(h.method.toUpperCase());
  } else if (key === 'path') {
    if (!value) throw new FilterError('path: wants part of a path, e.g. path:/calendars/');
    test = (h) => h.target.includes(value);
  } else if (key === 'header') {
    const eq = value.indexOf('=');
    const name = (eq === -1 ? value : value.slice(0, eq)).toLowerCase();
    const part = eq === -1 ? undefined : value.slice(eq + 1).toLowerCase();
    if (!name) throw new FilterError('header: wants a header name, e.g. header:If-Match or header:Depth=1');
    test = (h) => h.headers.some(([n, v]) => n.toLowerCase() === name && (part === undefined || v.toLowerCase().includes(part)));
  } else {
    throw new FilterError(`unknown filter key "${key}:"; known keys are ${FILTER_KEYS.map((k) => `${k}:`).join(', ')} (or a bare word)`);
  }
  return negated ? (h) => !test(h) : test;
}
