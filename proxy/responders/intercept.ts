// Intercept: wraps another responder with a pause. A request the filter picks is held, listed in the
// page, and then continued as sent, continued edited, or aborted (the client gets a 502 that names
// the intercept). Nobody answering continues it unchanged after the timeout, so clients never hang.
// A body over --max-body is never read into memory: it is held unread (TCP holds the client back)
// and can only be continued unchanged or aborted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderPair, InterceptNote, InterceptResponseNote } from '../../rules/model/exchange.ts';
import { decodeUtf8 } from '../../rules/model/body.ts';
import type { ExchangeTap, Responder, ResponseHold } from './responder.ts';
import type { Decision, InterceptHolds } from '../intercept/holds.ts';
import { readRequestHead } from '../request-guard.ts';
import { sendOwnAnswer } from '../own-answer.ts';
import { readUpTo } from '../read-up-to.ts';
import { heldRequest } from './held-request.ts';

export function interceptResponder(inner: Responder, holds: InterceptHolds, opts: { readonly maxBody: number }): Responder {
  return {
    source: inner.source,
    respond(req, res, original) {
      if (!holds.enabled) return inner.respond(req, res, original);
      const headers = original.requestHeaders;
      const head = { method: req.method ?? 'GET', target: req.url ?? '/', headers };
      const tap = holds.wantsResponse(head) ? { ...original, holdResponse: responseHold(holds, head, res, original, opts.maxBody) } : original;
      const read = readRequestHead(req.httpVersion, req.rawHeaders);
      // A request davscope refuses is answered by the inner responder, never held.
      if (!holds.wants(head) || req.socket.destroyed || 'refusal' in read) return inner.respond(req, res, tap);
      const { contentLength, chunked } = read.framing;
      const hasBody = chunked || (contentLength ?? 0) > 0;
      if (hasBody && req.headers.expect !== undefined) guarded(() => res.writeContinue());
      if (!hasBody) return hold(req, res, tap, inner, holds, head, { parts: [], whole: true });
      if (!chunked && contentLength! > opts.maxBody) return hold(req, res, tap, inner, holds, head, { parts: [], whole: false });
      readUpTo(req, opts.maxBody, (parts, whole) => hold(req, res, tap, inner, holds, head, { parts, whole }));
    },
  };
}

interface HeldBody {
  /** What was read of the body (all of it when whole). */
  readonly parts: Buffer[];
  /** False when the rest of the body is still unread in the request stream. */
  readonly whole: boolean;
}

function hold(
  req: IncomingMessage,
  res: ServerResponse,
  tap: ExchangeTap,
  inner: Responder,
  holds: InterceptHolds,
  head: { method: string; target: string; headers: readonly HeaderPair[] },
  body: HeldBody,
): void {
  const since = Date.now();
  const bytes = body.whole ? Buffer.concat(body.parts) : undefined;
  const text = bytes && decodeUtf8(bytes);
  const { decision, release } = holds.hold({
    id: tap.id,
    phase: 'request',
    ...head,
    ...(bytes ? { body: text !== undefined ? { encoding: 'utf8' as const, data: text } : { encoding: 'base64' as const, data: bytes.toString('base64') } } : {}),
    editable: body.whole,
    ...(body.whole ? {} : { reason: 'the body is larger than --max-body, so it was not read: continue it unchanged or abort it' }),
  });
  const onClose = () => release({ kind: 'gone' });
  res.once('close', onClose);
  void decision.then((d: Decision) => {
    res.removeListener('close', onClose);
    const note = (outcome: InterceptNote['outcome'], original?: InterceptNote['original']): InterceptNote => ({ outcome, heldMs: Date.now() - since, ...(original ? { original } : {}) });
    if (d.kind === 'gone') {
      tap.annotate({ intercept: note('aborted') });
      tap.done({ phase: 'request', code: 'CLIENT_ABORTED', message: 'the client closed the connection while intercept held its request' });
      return;
    }
    if (d.kind === 'abort') {
      tap.annotate({ intercept: note('aborted') });
      tap.done({ phase: 'request', code: 'INTERCEPT_ABORTED', message: 'aborted in the inspector while intercept held it; never forwarded' });
      sendOwnAnswer(res, 502, 'INTERCEPT_ABORTED', 'davscope: this request was held by intercept and aborted in the inspector; it was not forwarded to the server\n', !body.whole);
      return;
    }
    if (d.kind === 'continue' && d.edit && 'method' in d.edit) {
      const { method, target, headers, body: edited } = d.edit;
      tap.annotate({ intercept: note('edited', { method: head.method, target: head.target, headers: head.headers }) });
      tap.replaceRequestHead(method, target, headers);
      return inner.respond(heldRequest(req, { method, target, headers }, [edited], false), res, tap);
    }
    tap.annotate({ intercept: note(d.kind === 'timeout' ? 'timeout' : 'continued') });
    inner.respond(heldRequest(req, head, body.parts, !body.whole), res, tap);
  });
}

/** How a held response is listed, decided, and noted on the exchange. */
function responseHold(holds: InterceptHolds, request: { method: string; target: string }, res: ServerResponse, tap: ExchangeTap, bound: number): ResponseHold {
  return {
    bound,
    async hold(head, parts, whole) {
      const since = Date.now();
      const bytes = whole ? Buffer.concat(parts) : undefined;
      const text = bytes && decodeUtf8(bytes);
      const { decision, release } = holds.hold({
        id: tap.id,
        phase: 'response',
        method: request.method,
        target: request.target,
        status: head.status,
        statusText: head.statusText,
        headers: head.headers,
        ...(bytes ? { body: text !== undefined ? { encoding: 'utf8' as const, data: text } : { encoding: 'base64' as const, data: bytes.toString('base64') } } : {}),
        editable: whole,
        ...(whole ? {} : { reason: 'the response body is larger than --max-body, so it was not read whole: continue it unchanged or abort it' }),
      });
      const onClose = () => release({ kind: 'gone' });
      res.once('close', onClose);
      const d = await decision;
      res.removeListener('close', onClose);
      const note = (outcome: InterceptResponseNote['outcome'], original?: InterceptResponseNote['original']) =>
        tap.annotate({ interceptResponse: { outcome, heldMs: Date.now() - since, ...(original ? { original } : {}) } });
      if (d.kind === 'abort') {
        note('aborted');
        return { kind: 'abort' };
      }
      if (d.kind === 'continue' && d.edit && 'status' in d.edit) {
        note('edited', { status: head.status, statusText: head.statusText, headers: head.headers });
        return { kind: 'edit', ...d.edit };
      }
      note(d.kind === 'timeout' ? 'timeout' : 'continued');
      return { kind: 'relay' };
    },
  };
}

function guarded(write: () => void): void {
  try {
    write();
  } catch {
    // the client's connection is gone; the hold ends with it
  }
}
