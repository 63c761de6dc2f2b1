// Interop re-send: plays the client side of a recording against another server, one request at a
// time in recorded order, learning that server's ETags and sync tokens as it goes, and compares
// each answer with the recorded one.
import http from 'node:http';
import https from 'node:https';
import type { Exchange, HeaderPair } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { viewOf } from '../../rules/engine/view.ts';
import { child, textOf } from '../../rules/parse/xml/query.ts';
import { dav } from '../../rules/parse/xml/namespaces.ts';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import { BodyBuffer } from '../body-buffer.ts';
import { decodeBodies } from '../decode-body.ts';
import { pairs } from '../capture.ts';
import { prepareRequest, type Learned, type OutgoingRequest } from './resend-request.ts';
import { differences, shapeOf, type Shape } from '../../rules/compare/exchange-shape.ts';

export interface ResendOptions {
  readonly target: URL;
  /** An Authorization value to send instead of the recorded (usually redacted) one. */
  readonly authorization?: string;
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
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

function send(req: OutgoingRequest, target: URL, agent: http.Agent, opts: ResendOptions): Promise<Exchange['response'] | { error: { code: string; message: string } }> {
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

/** ETags by href-relative-to-base, from an ETag header and from D:getetag in a multistatus. */
function etagsOf(ex: Exchange, base: string): Map<string, string> {
  const out = new Map<string, string>();
  const strip = (p: string) => (p.startsWith(base) ? p.slice(base.length) : p);
  const header = ex.response && getHeader(ex.response.headers, 'etag');
  if (header) out.set(strip(ex.request.target), header.trim());
  for (const entry of viewOf(ex).multistatus ?? []) {
    for (const ps of entry.propstats) {
      const etag = ps.prop && child(ps.prop, dav('getetag'));
      if (etag) out.set(strip(entry.href), textOf(etag).trim());
    }
  }
  return out;
}

function learn(recorded: Exchange, replayed: Exchange, recordedBase: string, newBase: string, learned: Learned): void {
  const before = etagsOf(recorded, recordedBase);
  const after = etagsOf(replayed, newBase);
  for (const [href, old] of before) {
    const now = after.get(href);
    if (now) learned.etags.set(old, now);
  }
  const oldToken = viewOf(recorded).responseSyncToken;
  const newToken = viewOf(replayed).responseSyncToken;
  if (oldToken && newToken) learned.syncTokens.set(oldToken, newToken);
}

export async function resend(exchanges: Iterable<Exchange>, opts: ResendOptions, onRow?: (row: ResendRow) => void): Promise<ResendRow[]> {
  const learned: Learned = { etags: new Map(), syncTokens: new Map() };
  const agent = new (opts.target.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 1 });
  const recordedEngine = createEngine({ rules: allRules });
  const replayedEngine = createEngine({ rules: allRules });
  const rows: ResendRow[] = [];
  let index = 0;
  try {
    for (const recorded of exchanges) {
      // Counted from 1, as the inspector and lint number exchanges.
      const i = ++index;
      const recordedBase = new URL(recorded.upstream).pathname;
      const recordedShape = shapeOf(recorded, recordedBase, recordedEngine.analyse(recorded));
      const prepared = prepareRequest(recorded, opts.target, learned, opts.authorization);
      let row: ResendRow;
      if (!prepared.ok) {
        row = { index: i, method: recorded.request.method, target: recorded.request.target, recorded: recordedShape, skipped: prepared.reason, differences: [] };
      } else {
        const startedAt = Date.now();
        const answer = await send(prepared.request, opts.target, agent, opts);
        const replayed: Exchange = await decodeBodies({
          id: String(i),
          seq: i,
          source: 'resent',
          upstream: opts.target.href,
          request: { method: prepared.request.method, target: prepared.request.path, httpVersion: '1.1', headers: prepared.request.headers as HeaderPair[], body: prepared.request.body ? { kind: 'captured', bytes: prepared.request.body, size: prepared.request.body.length, truncated: false } : { kind: 'none' } },
          ...(answer && 'error' in answer ? { error: { phase: 'connect' as const, ...answer.error } } : { response: answer }),
          timings: { startedAt, end: Date.now() - startedAt },
          findings: [],
        }, 64 << 20);
        const replayedShape = shapeOf(replayed, opts.target.pathname, replayedEngine.analyse(replayed));
        learn(recorded, replayed, recordedBase, opts.target.pathname, learned);
        row = { index: i, method: recorded.request.method, target: recorded.request.target, recorded: recordedShape, replayed: replayedShape, differences: differences(recordedShape, replayedShape) };
      }
      rows.push(row);
      onRow?.(row);
    }
  } finally {
    agent.destroy();
  }
  return rows;
}
