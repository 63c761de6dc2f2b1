// Faults: wraps the responder that answers (forward, or replay) and, for a request an enabled
// fault picks, answers in the server's place, changes the server's answer, delays, throttles or
// resets. Every exchange a fault touched is captured as `injected` with the fault's name and what it
// did, so nobody mistakes it for the server's own answer. With no fault on, requests pass straight
// to the inner responder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultAction, FaultSpec } from '../../rules/faults/spec.ts';
import { syncTokenOf } from '../../rules/faults/match.ts';
import { truncateSyncAnswer } from '../../rules/faults/truncate-sync.ts';
import type { HeaderPair } from '../../rules/model/exchange.ts';
import type { FaultSet } from '../faults/fault-set.ts';
import { readRequestHead } from '../request-guard.ts';
import { readUpTo } from '../read-up-to.ts';
import { heldRequest } from './held-request.ts';
import type { ExchangeTap, Responder, ResponseDecision, ResponseHold } from './responder.ts';
import { framedByLength } from '../message-edits.ts';

export function faultsResponder(inner: Responder, faults: FaultSet, opts: { readonly maxBody: number }): Responder {
  return {
    source: inner.source,
    respond(req, res, tap) {
      if (!faults.anyEnabled) return inner.respond(req, res, tap);
      const head = { method: req.method ?? 'GET', target: req.url ?? '/', headers: tap.requestHeaders };
      const read = readRequestHead(req.httpVersion, req.rawHeaders);
      if ('refusal' in read || req.socket.destroyed) return inner.respond(req, res, tap);
      const { contentLength, chunked } = read.framing;
      const hasBody = chunked || (contentLength ?? 0) > 0;
      // A body is read (up to --max-body) only when a fault on needs it to decide.
      if (!hasBody || !faults.wantsBody || (!chunked && contentLength! > opts.maxBody)) {
        return act(faults.pick(head), req, res, tap, inner, opts.maxBody, undefined);
      }
      readUpTo(req, opts.maxBody, (parts, whole) => {
        const text = whole ? Buffer.concat(parts).toString('utf8') : undefined;
        act(faults.pick({ ...head, ...(text !== undefined ? { body: text } : {}) }), heldRequest(req, head, parts, !whole), res, tap, inner, opts.maxBody, text);
      });
    },
  };
}

function act(fault: FaultSpec | undefined, req: IncomingMessage, res: ServerResponse, tap: ExchangeTap, inner: Responder, bound: number, body: string | undefined): void {
  if (!fault) return inner.respond(req, res, tap);
  const a = fault.action;
  const note = (did: string) => tap.annotate({ source: 'injected', fault: { name: fault.name, did } });
  const path = (req.url ?? '/').split('?')[0]!;
  switch (a.kind) {
    case 'answer':
      note(`answered ${a.status} without forwarding`);
      return answer(a, req, res, tap, path);
    case 'reset':
      if (a.when === 'before-answer') {
        note('closed the connection without an answer');
        drain(req, tap, () => {
          tap.done({ phase: 'response', code: 'FAULT_RESET', message: 'davscope closed the connection without an answer, as a fault asked' });
          res.destroy();
        });
        return;
      }
      note('closed the connection halfway through the answer');
      return inner.respond(req, res, withHold(tap, bound, async () => ({ kind: 'cut' }), false));
    case 'delay':
      note(`delayed ${a.ms} ms ${a.when === 'before-answer' ? 'before answering' : 'before forwarding'}`);
      if (a.when === 'before-answer') return inner.respond(req, res, withHold(tap, bound, () => new Promise((r) => setTimeout(() => r({ kind: 'relay' }), a.ms)), false));
      setTimeout(() => inner.respond(req, res, tap), a.ms);
      return;
    case 'throttle':
      note(`sent the answer at ${a.bytesPerSecond} bytes/s`);
      return inner.respond(req, res, withHold(tap, bound, async (head, parts) => ({ kind: 'edit', ...head, body: Buffer.concat(parts), bytesPerSecond: a.bytesPerSecond })));
    case 'alter':
      note(altered(a));
      return inner.respond(req, res, withHold(tap, bound, async (head, parts) => alter(a, head, Buffer.concat(parts))));
    case 'truncate-sync': {
      const token = syncTokenOf(body ?? '') ?? '';
      note(`cut the sync answer to ${a.keep} member(s) plus 507 for the collection`);
      return inner.respond(req, res, withHold(tap, bound, async (head, parts) => {
        const cut = head.status === 207 ? truncateSyncAnswer(Buffer.concat(parts).toString('utf8'), a.keep, path, token) : undefined;
        return cut === undefined ? { kind: 'relay' } : { kind: 'edit', ...head, headers: framedByLength(head.headers, Buffer.byteLength(cut)), body: Buffer.from(cut) };
      }));
    }
  }
}

type Head = { status: number; statusText: string; headers: readonly HeaderPair[] };

/**
 * The tap, asking the answering responder to hand its answer (read up to `bound`) to `decide`
 * before it goes back. An answer over the bound is relayed as it is to a fault that would rewrite
 * it (`needsWhole`): memory stays bounded.
 */
function withHold(tap: ExchangeTap, bound: number, decide: (head: Head, parts: readonly Buffer[]) => Promise<ResponseDecision>, needsWhole = true): ExchangeTap {
  const hold: ResponseHold = { bound, hold: (head, parts, whole) => (whole || !needsWhole ? decide(head, parts) : Promise.resolve({ kind: 'relay' })) };
  return { ...tap, holdResponse: hold };
}

function alter(a: Extract<FaultAction, { kind: 'alter' }>, head: Head, body: Buffer): ResponseDecision {
  const remove = new Set((a.removeHeaders ?? []).map((h) => h.toLowerCase()));
  const set = new Map((a.setHeaders ?? []).map(([n, v]) => [n.toLowerCase(), [n, v] as const]));
  const headers: HeaderPair[] = head.headers.filter(([n]) => !remove.has(n.toLowerCase()) && !set.has(n.toLowerCase()));
  for (const pair of set.values()) headers.push(pair);
  const kept = a.truncateBody === undefined ? body : body.subarray(0, a.truncateBody);
  const status = a.status ?? head.status;
  return { kind: 'edit', status, statusText: a.status === undefined ? head.statusText : '', headers: framedByLength(headers, kept.length), body: kept };
}

function altered(a: Extract<FaultAction, { kind: 'alter' }>): string {
  const parts = [
    ...(a.status !== undefined ? [`changed the status to ${a.status}`] : []),
    ...(a.removeHeaders?.length ? [`removed ${a.removeHeaders.join(', ')}`] : []),
    ...(a.setHeaders?.length ? [`set ${a.setHeaders.map(([n]) => n).join(', ')}`] : []),
    ...(a.truncateBody !== undefined ? [`cut the body to ${a.truncateBody} bytes`] : []),
  ];
  return `forwarded, then ${parts.join(', ') || 'left the answer as it was'}`;
}

/** Answers in the server's place, once the request body has been read (and captured). */
function answer(a: Extract<FaultAction, { kind: 'answer' }>, req: IncomingMessage, res: ServerResponse, tap: ExchangeTap, path: string): void {
  const origin = req.headers.host ? `http://${req.headers.host}` : '';
  const collection = path.endsWith('/') ? path : path.slice(0, path.lastIndexOf('/') + 1);
  const fill = (s: string) => s.replaceAll('{path}', path).replaceAll('{collection}', collection).replaceAll('{origin}', origin);
  const body = Buffer.from(fill(a.body ?? ''));
  const headers = framedByLength((a.headers ?? []).map(([n, v]): HeaderPair => [n, fill(v)]), body.length);
  drain(req, tap, () => {
    const raw = headers.flatMap(([n, v]) => [n, v]);
    try {
      res.writeHead(a.status, raw);
    } catch (err) {
      tap.done({ phase: 'response', code: 'BAD_FAULT', message: `the fault's answer cannot be sent: ${(err as Error).message}` });
      res.destroy();
      return;
    }
    tap.responseHead(a.status, res.statusMessage, '1.1', raw);
    if (body.length > 0) tap.responseChunk(body);
    res.end(body, () => tap.done());
  }, res);
}

/** Reads the rest of the request body into the capture, then goes on. */
function drain(req: IncomingMessage, tap: ExchangeTap, then: () => void, res?: ServerResponse): void {
  // A client waiting for 100 Continue sends its body only once told to.
  if (res && req.headers.expect !== undefined && !res.headersSent) {
    try {
      res.writeContinue();
    } catch {
      // the connection is gone; the body will not come
    }
  }
  if (req.readableEnded) {
    tap.requestEnd();
    return then();
  }
  req.on('data', (c: Buffer) => tap.requestChunk(c));
  req.on('end', () => {
    tap.requestEnd();
    then();
  });
  req.on('error', () => tap.done({ phase: 'request', code: 'CLIENT_ABORTED', message: 'the client closed the connection mid-upload' }));
}
