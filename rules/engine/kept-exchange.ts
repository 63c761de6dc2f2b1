// An exchange whose body was cut at the capture cap, seen as only what is whole of it: the rules
// that opt in (Rule.judgesKeptPart) judge that, and their findings say they are partial.
import type { Body, Exchange } from '../model/exchange.ts';
import { decodeUtf8Lenient } from '../model/body.ts';
import { keptIcal, keptXml } from '../parse/kept-part.ts';

export interface KeptExchange {
  readonly exchange: Exchange;
  readonly cut: { readonly request: boolean; readonly response: boolean };
}

/** Undefined when no body was cut (the common case, checked first and cheaply). */
export function keptExchange(ex: Exchange): KeptExchange | undefined {
  const reqCut = isCut(ex.request.body);
  const resCut = ex.response !== undefined && isCut(ex.response.body);
  if (!reqCut && !resCut) return undefined;
  const request = reqCut ? { ...ex.request, body: keptBody(ex.request.body) } : ex.request;
  const response = resCut ? { ...ex.response!, body: keptBody(ex.response!.body) } : ex.response;
  return { exchange: { ...ex, request, ...(response ? { response } : {}) }, cut: { request: reqCut, response: resCut } };
}

function isCut(body: Body): boolean {
  // A content-encoded body cut short cannot be decoded; it stays out of reach.
  return body.kind === 'captured' && body.truncated && (!body.contentEncoding || body.contentEncoding === 'identity');
}

function keptBody(body: Body): Body {
  if (body.kind !== 'captured') return body;
  const text = decodeUtf8Lenient(body.bytes);
  const kept = /^\s*</.test(text) ? keptXml(text) : /^\s*BEGIN:VCALENDAR/i.test(text) ? keptIcal(text) : undefined;
  if (kept === undefined) return body; // still truncated: rules see no body, as before
  const bytes = new TextEncoder().encode(kept);
  return { kind: 'captured', bytes, size: bytes.length, truncated: false };
}
