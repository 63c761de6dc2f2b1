// Interop re-send: plays the client side of a recording against another server, one request at a
// time in recorded order, learning that server's ETags and sync tokens as it goes, and compares
// each answer with the recorded one.
import http from 'node:http';
import https from 'node:https';
import type { Exchange, Finding } from '../../rules/model/exchange.ts';
import { rawPathOf } from '../../rules/model/paths.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { viewOf } from '../../rules/engine/view.ts';
import { child, textOf } from '../../rules/parse/xml/query.ts';
import { dav } from '../../rules/parse/xml/namespaces.ts';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import { BodyBuffer } from '../body-buffer.ts';
import { decodeBodies } from '../decode-body.ts';
import { pairs } from '../capture.ts';
import { pathMapper, prepareRequest, type Learned, type OutgoingRequest, type PathRebase } from './resend-request.ts';
import { differences, shapeOf, type Shape } from '../../rules/compare/exchange-shape.ts';

export interface ResendOptions {
  readonly target: URL;
  /** An Authorization value to send instead of the recorded (usually redacted) one. */
  readonly authorization?: string;
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
  /** Path prefixes that live elsewhere on the target (`--rebase`), tried before the base mapping. */
  readonly rebase?: readonly PathRebase[];
}

export interface ResendRow {
  readonly index: number;
  readonly method: string;
  readonly target: string;
  readonly recorded?: Shape;
  readonly replayed?: Shape;
  /** Why the exchange was not sent, when it was not. */
  readonly skipped?: string;
  readonly differences: readonly string[];
}

export function send(req: OutgoingRequest, target: URL, agent: http.Agent, opts: ResendOptions): Promise<Exchange['response'] | { error: { code: string; message: string } }> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let out: http.ClientRequest;
    try {
      out = client.request({
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || (target.protocol === 'https:' ? 443 : 80),
        method: req.method,
        path: req.path,
        headers: req.headers.flat() as string[],
        agent,
        setHost: false,
        rejectUnauthorized: !opts.insecure,
      });
    } catch (err) {
      // Node refuses a method, target or header it would not put on the wire: this row, not the run.
      return resolve({ error: { code: (err as NodeJS.ErrnoException).code ?? 'ERROR', message: `not sent: ${(err as Error).message}` } });
    }
    out.setTimeout(opts.timeoutMs ?? 60_000, () => out.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
    out.on('error', (err: NodeJS.ErrnoException) => resolve({ error: { code: err.code ?? 'ERROR', message: err.message } }));
    out.on('response', (res) => {
      const body = new BodyBuffer(64 << 20);
      res.on('data', (c: Buffer) => body.push(c));
      res.on('end', () => {
        const headers = pairs(res.rawHeaders);
        resolve({ status: res.statusCode!, statusText: res.statusMessage ?? '', httpVersion: res.httpVersion, headers, body: body.toBody(getHeader(headers, 'content-encoding')) });
      });
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: { code: err.code ?? 'ECONNRESET', message: err.message } }));
    });
    out.end(req.body);
  });
}

/** Sends one request and gives it back as an Exchange, answer decoded (or its transport error), as
 *  the rules read one davscope captured. */
export async function sendExchange(req: OutgoingRequest, target: URL, agent: http.Agent, opts: ResendOptions, mark: { readonly id: string; readonly seq: number; readonly source: Exchange['source'] }): Promise<Exchange> {
  const startedAt = Date.now();
  const answer = await send(req, target, agent, opts);
  return decodeBodies(
    {
      ...mark,
      upstream: target.href,
      request: { method: req.method, target: req.path, httpVersion: '1.1', headers: req.headers, body: req.body ? { kind: 'captured', bytes: req.body, size: req.body.length, truncated: false } : { kind: 'none' } },
      ...(answer && 'error' in answer ? { error: { phase: 'connect' as const, ...answer.error } } : { response: answer }),
      timings: { startedAt, end: Date.now() - startedAt },
      findings: [],
    },
    64 << 20,
  );
}

/** ETags by path (hrefs of a multistatus taken as paths), from an ETag header and from D:getetag. */
function etagsOf(ex: Exchange): Map<string, string> {
  const out = new Map<string, string>();
  const header = ex.response && getHeader(ex.response.headers, 'etag');
  if (header) out.set(rawPathOf(ex.request.target), header.trim());
  for (const entry of viewOf(ex).multistatus ?? []) {
    for (const ps of entry.propstats) {
      const etag = ps.prop && child(ps.prop, dav('getetag'));
      if (etag) out.set(rawPathOf(entry.href), textOf(etag).trim());
    }
  }
  return out;
}

function learn(recorded: Exchange, replayed: Exchange, mapPath: (path: string) => string, learned: Learned): void {
  const after = etagsOf(replayed);
  for (const [path, old] of etagsOf(recorded)) {
    const now = after.get(mapPath(path));
    if (now) learned.etags.set(old, now);
  }
  const oldToken = viewOf(recorded).responseSyncToken;
  const newToken = viewOf(replayed).responseSyncToken;
  if (oldToken && newToken) learned.syncTokens.set(oldToken, newToken);
}

/** One recorded exchange played against the other server: what was sent and answered, and what the rules said on each side. */
export interface Played {
  /** Counted from 1, as the inspector and lint number exchanges. */
  readonly index: number;
  readonly recorded: Exchange;
  readonly recordedFindings: readonly Finding[];
  /** The exchange on the other server (its response, or its transport error), when it was sent. */
  readonly replayed?: Exchange;
  readonly replayedFindings?: readonly Finding[];
  /** Why the exchange was not sent, when it was not. */
  readonly skipped?: string;
}

/**
 * Sends the client side of `exchanges` to opts.target one at a time in recorded order, learning the
 * new server's ETags and sync tokens as it goes; each exchange is judged by the same rules on both
 * sides (one engine per side, so each keeps its own session). `onEach` sees each before the next is sent.
 */
export async function playSession(exchanges: Iterable<Exchange>, opts: ResendOptions, onEach: (played: Played) => void | Promise<void>): Promise<void> {
  const learned: Learned = { etags: new Map(), syncTokens: new Map() };
  const agent = new (opts.target.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 1 });
  const recordedEngine = createEngine({ rules: allRules });
  const replayedEngine = createEngine({ rules: allRules });
  let index = 0;
  try {
    for (const recorded of exchanges) {
      const i = ++index;
      const recordedFindings = recordedEngine.analyse(recorded);
      const prepared = prepareRequest(recorded, opts.target, learned, opts.authorization, opts.rebase);
      if (!prepared.ok) {
        await onEach({ index: i, recorded, recordedFindings, skipped: prepared.reason });
        continue;
      }
      const replayed = await sendExchange(prepared.request, opts.target, agent, opts, { id: String(i), seq: i, source: 'resent' });
      const replayedFindings = replayedEngine.analyse(replayed);
      learn(recorded, replayed, pathMapper(new URL(recorded.upstream).pathname, opts.target.pathname, opts.rebase), learned);
      await onEach({ index: i, recorded, recordedFindings, replayed, replayedFindings });
    }
  } finally {
    agent.destroy();
  }
}

export async function resend(exchanges: Iterable<Exchange>, opts: ResendOptions, onRow?: (row: ResendRow) => void): Promise<ResendRow[]> {
  const rows: ResendRow[] = [];
  await playSession(exchanges, opts, (p) => {
    const recordedShape = shapeOf(p.recorded, new URL(p.recorded.upstream).pathname, p.recordedFindings);
    const base = { index: p.index, method: p.recorded.request.method, target: p.recorded.request.target, recorded: recordedShape };
    let row: ResendRow;
    if (!p.replayed) row = { ...base, skipped: p.skipped ?? 'not sent', differences: [] };
    else {
      const replayedShape = shapeOf(p.replayed, opts.target.pathname, p.replayedFindings ?? []);
      row = { ...base, replayed: replayedShape, differences: differences(recordedShape, replayedShape) };
    }
    rows.push(row);
    onRow?.(row);
  });
  return rows;
}
