// Checks and framing shared by everything that sends a message someone edited or made up (the
// page's send, intercept's edits, faults' answers): the same rules for headers and the same framing.
import type { HeaderPair } from '../rules/model/exchange.ts';
import { isToken } from '../rules/model/headers.ts';

/** Why a posted header list cannot be sent, in a sentence; undefined when it can. */
export function headerListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    return 'headers must be a list of [name, value] pairs, in the order to send them';
  }
  for (const [name, v] of value as [string, string][]) {
    if (!isToken(name)) return `header name ${JSON.stringify(name)} is not an HTTP token`;
    if (/[\r\n\0]/.test(v)) return `header ${name} holds a line break or NUL, which would split the message`;
    if (/[^\x00-\xff]/.test(v)) return `header ${name} holds characters outside ISO-8859-1; percent-encode them`;
  }
  return undefined;
}

/** The headers with the body framed by Content-Length (at the end), whatever framing was given. */
export function framedByLength(headers: readonly HeaderPair[], length: number): HeaderPair[] {
  return [...headers.filter(([n]) => !/^(content-length|transfer-encoding)$/i.test(n)), ['Content-Length', String(length)]];
}
