// A request whose body was (partly) read before it is answered, given to the next responder as if
// it had just arrived: intercept and faults read bodies to decide, then pass the request on.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { HeaderPair } from '../../rules/model/exchange.ts';

/**
 * The request as the inner responder reads it: the head given, then the bytes held and, when
 * `more`, the rest of the client's body as it arrives.
 */
export function heldRequest(req: IncomingMessage, head: { method: string; target: string; headers: readonly HeaderPair[] }, parts: readonly Buffer[], more: boolean): IncomingMessage {
  const stream = new PassThrough();
  for (const p of parts) stream.write(p);
  if (more) {
    req.pipe(stream);
    req.resume();
  } else stream.end();
  const rawHeaders = head.headers.flatMap(([n, v]) => [n, v]);
  const lower: Record<string, string> = {};
  for (const [n, v] of head.headers) lower[n.toLowerCase()] ??= v;
  return Object.assign(stream, { method: head.method, url: head.target, httpVersion: req.httpVersion, rawHeaders, headers: lower, socket: req.socket }) as unknown as IncomingMessage;
}
