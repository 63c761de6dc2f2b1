// The replay responder: answers each request with the recorded response of the exchange that
// matches it (method, target, Depth, Content-Type, body by meaning), no upstream needed. A hit is
// captured linked to the recorded exchange; a miss is answered 502 and captured with the nearest
// candidates and how they differ, so the inspector shows why.
import type http from 'node:http';
import type { Exchange, ReplayCandidateNote } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { pairs } from '../capture.ts';
import { BodyBuffer } from '../body-buffer.ts';
import { endToEndPairs, mapOrigin } from '../header-rewrite.ts';
import { sendOwnAnswer } from '../own-answer.ts';
import { ReplayMatcher, type Candidate } from '../replay/matcher.ts';
import type { ExchangeTap, Responder } from './responder.ts';
import { writeSlowly } from './write-slowly.ts';

/** Requests bigger than this cannot match anything sensible and are not buffered further. */
const MAX_MATCH_BODY = 64 << 20;

export interface ReplayResponderOptions {
  /** Called on every request that matched nothing (after the error response went out). */
  readonly onMiss?: (method: string, target: string, candidates: readonly Candidate[]) => void;
  readonly onHit?: (method: string, target: string, recorded: Exchange) => void;
}

export interface ReplayResponder extends Responder {
  /** How many recorded exchanges can answer. */
  readonly recorded: number;
}

export function replayResponder(exchanges: Iterable<Exchange>, opts: ReplayResponderOptions = {}): ReplayResponder {
  const matcher = new ReplayMatcher(exchanges);
  return {
    source: 'replayed',
    recorded: matcher.size,
    respond(req, res, tap) {
      // No upstream to ask: the body is wanted, so the client may send it now.
      if (req.headers.expect !== undefined) guarded(() => res.writeContinue());
      const body = new BodyBuffer(MAX_MATCH_BODY);
      req.on('data', (c: Buffer) => {
        body.push(c);
        tap.requestChunk(c);
      });
      res.on('close', () => {
        if (!res.writableFinished) tap.done({ phase: 'response', code: 'CLIENT_ABORTED', message: 'the client closed the connection before the answer was complete' });
      });
      req.on('end', () => {
        tap.requestEnd();
        const headers = pairs(req.rawHeaders);
        const method = req.method ?? 'GET';
        const target = req.url ?? '/';
        const result = matcher.match({ method, target, headers, body: body.toBody(getHeader(headers, 'content-encoding')) });
        if (result.hit) {
          tap.annotate({ basedOn: result.exchange.id });
          try {
            answer(res, result.exchange, req.headers.host, tap);
          } catch (err) {
            // A recorded answer Node will not write (a hand-edited file): this request fails, not the server.
            const message = `recorded exchange #${result.exchange.seq} cannot be sent back: ${(err as Error).message}`;
            tap.done({ phase: 'response', code: 'BAD_RECORDED_ANSWER', message });
            sendOwnAnswer(res, 502, 'BAD_RECORDED_ANSWER', `davscope replay: ${message}\n`);
          }
          opts.onHit?.(method, target, result.exchange);
          return;
        }
        tap.annotate({ replayMiss: result.candidates.map(candidateNote) });
        tap.done({ phase: 'response', code: 'REPLAY_MISS', message: `no recorded exchange matches ${method} ${target}` });
        const text = describeMiss(method, target, result.candidates);
        res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Davscope-Replay': 'miss' });
        res.end(text, () => opts.onMiss?.(method, target, result.candidates));
      });
    },
  };
}

export function describeMiss(method: string, target: string, candidates: readonly Candidate[]): string {
  const lines = [`davscope replay: no recorded exchange matches ${method} ${target}`];
  if (candidates.length === 0) lines.push('the recording holds no exchanges');
  else lines.push('nearest recorded candidates:');
  for (const c of candidates) {
    lines.push(`  #${c.exchange.seq} ${c.exchange.request.method} ${c.exchange.request.target}`);
    for (const d of c.differences) lines.push(`      ${d}`);
  }
  lines.push('replay matches on method, request-target, Depth, Content-Type and the body (XML by meaning, iCalendar without DTSTAMP and folding)');
  return lines.join('\n') + '\n';
}

function candidateNote(c: Candidate): ReplayCandidateNote {
  return { id: c.exchange.id, seq: c.exchange.seq, method: c.exchange.request.method, target: c.exchange.request.target, differences: c.differences };
}

function recordedOrigin(ex: Exchange): string | undefined {
  const host = getHeader(ex.request.headers, 'host');
  return host ? `http://${host}` : undefined;
}

/** Writes the recorded answer, reporting it through the tap as if an upstream had sent it. */
function answer(res: http.ServerResponse, recorded: Exchange, hostHeader: string | undefined, tap: ExchangeTap): void {
  if (!recorded.response) {
    const body = `davscope replay: this request failed when recorded (${recorded.error?.code ?? 'no response'}: ${recorded.error?.message ?? ''})\n`;
    const head = ['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body)), 'X-Davscope-Replay', 'recorded-error'];
    tap.responseHead(502, 'Bad Gateway', '1.1', head);
    tap.responseChunk(Buffer.from(body));
    res.writeHead(502, head);
    res.end(body, () => tap.done());
    return;
  }
  const r = recorded.response;
  const bytes = r.body.kind === 'captured' ? Buffer.from(r.body.bytes.buffer, r.body.bytes.byteOffset, r.body.bytes.byteLength) : undefined;
  const truncated = r.body.kind === 'captured' && r.body.truncated;
  const from = recordedOrigin(recorded);
  const to = hostHeader ? `http://${hostHeader}` : undefined;
  const flat: string[] = [];
  for (const [name, value] of endToEndPairs(r.headers.flat())) {
    const lower = name.toLowerCase();
    if (truncated && lower === 'content-length') continue;
    flat.push(name, from && to && (lower === 'location' || lower === 'content-location') ? mapOrigin(value, from, to) : value);
  }
  if (truncated) flat.push('Content-Length', String(bytes!.length), 'X-Davscope-Replay', 'truncated-body');
  res.sendDate = false;
  const relay = () => {
    res.writeHead(r.status, r.statusText, flat);
    tap.responseHead(r.status, r.statusText, r.httpVersion, flat);
    if (bytes) tap.responseChunk(bytes);
    res.end(bytes, () => tap.done());
  };
  const hold = tap.holdResponse;
  if (!hold) return relay();
  // A fault (or intercept) wants the recorded answer before it goes back, as from an upstream.
  const pairsOf: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) pairsOf.push([flat[i]!, flat[i + 1]!]);
  hold.hold({ status: r.status, statusText: r.statusText, headers: pairsOf }, bytes ? [bytes] : [], true).then(
    (d) => {
      if (res.destroyed) return;
      if (d.kind === 'relay') return relay();
      if (d.kind === 'abort') {
        tap.done({ phase: 'response', code: 'INTERCEPT_ABORTED', message: 'the answer was held and aborted in the inspector' });
        return sendOwnAnswer(res, 502, 'INTERCEPT_ABORTED', 'davscope: this answer was held by intercept and aborted in the inspector\n');
      }
      if (d.kind === 'cut') {
        const half = (bytes ?? Buffer.alloc(0)).subarray(0, Math.floor((bytes?.length ?? 0) / 2));
        res.writeHead(r.status, r.statusText, flat);
        tap.responseHead(r.status, r.statusText, r.httpVersion, flat);
        tap.responseChunk(half);
        tap.done({ phase: 'response', code: 'FAULT_DROP', message: `davscope closed the connection after ${half.length} of ${bytes?.length ?? 0} body bytes, as a fault asked` });
        res.write(half, () => res.destroy());
        return;
      }
      const raw = d.headers.flatMap(([n, v]) => [n, v]);
      res.writeHead(d.status, d.statusText, raw);
      tap.responseHead(d.status, d.statusText, '1.1', raw);
      if (d.body.length > 0) tap.responseChunk(d.body);
      res.on('finish', () => tap.done());
      if (d.bytesPerSecond === undefined) res.end(d.body);
      else writeSlowly(res, d.body, d.bytesPerSecond, () => res.destroyed);
    },
    (err: Error) => {
      tap.done({ phase: 'response', code: 'EPROXY', message: err.message });
      res.destroy();
    },
  );
}

function guarded(write: () => void): void {
  try {
    write();
  } catch {
    // the client's connection is gone
  }
}
