// How a request is answered: the seam every mode of davscope plugs into. A request arrives by one
// path (proxy/server.ts: guard, connection turns, capture), then a responder answers it: forward
// it to the upstream (forward.ts), and in time a recorded answer (replay), a crafted or altered
// one (faults), or a pause around any of them (intercept). Whatever answers, it reports through
// the same tap, so capture, analysis, the store, the inspector and the recording see every
// exchange alike, marked with the responder's source. A new mode is one new file here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExchangeNotes, HeaderList, HeaderPair, Source, TransportError } from '../../rules/model/exchange.ts';

export interface Responder {
  /** What exchanges this responder answers are captured as ('live' for the upstream's own answers). */
  readonly source: Source;
  /** Answers one request; reports everything that passes through `tap`, and calls tap.done() exactly once. */
  respond(req: IncomingMessage, res: ServerResponse, tap: ExchangeTap): void;
}

/** What a responder reports as bytes pass; capture implements it. done() is called exactly once. */
export interface ExchangeTap {
  /** The id the exchange will have (a held request is listed under it). */
  readonly id: string;
  /** The request's headers in wire order, read once when it arrived (wrappers need not re-read them). */
  readonly requestHeaders: HeaderList;
  /** The request was edited before it was forwarded: what is captured is what was sent. */
  replaceRequestHead(method: string, target: string, headers: readonly HeaderPair[]): void;
  /** Notes kept on the exchange: what it derives from, what intercept did, why replay missed. */
  annotate(notes: ExchangeNotes): void;
  requestChunk(chunk: Buffer): void;
  requestEnd(): void;
  responseHead(status: number, statusText: string, httpVersion: string, rawHeaders: readonly string[]): void;
  responseChunk(chunk: Buffer): void;
  /** The whole request body once it has fully arrived and fit the capture cap, else undefined. */
  completeRequestBody(): Buffer | undefined;
  done(error?: TransportError): void;
  /** Set by intercept when this answer is to be held before it goes back: the forwarder reads the
   *  body (up to `bound` bytes), and relays, replaces or aborts it as the decision says. */
  readonly holdResponse?: ResponseHold;
}

export interface ResponseHold {
  readonly bound: number;
  hold(head: { status: number; statusText: string; headers: readonly HeaderPair[] }, parts: readonly Buffer[], whole: boolean): Promise<ResponseDecision>;
}

export type ResponseDecision =
  | { readonly kind: 'relay' }
  | { readonly kind: 'abort' }
  | {
      readonly kind: 'edit';
      readonly status: number;
      readonly statusText: string;
      readonly headers: readonly HeaderPair[];
      readonly body: Buffer;
      /** Write the body at this rate instead of at once (a slow-body fault). */
      readonly bytesPerSecond?: number;
    }
  /** Send the head and the first half of the body, then close the connection (a drop fault). */
  | { readonly kind: 'cut' };
