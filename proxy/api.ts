// The inspector's HTTP API on the UI port: exchange summaries, full exchanges, health.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExchangeRow } from '../rules/model/protocol.ts';
import { exchangeToWire, type ExchangeSummary } from '../rules/model/wire.ts';
import type { ExchangeStore } from './store.ts';
import { json } from './api-write.ts';
import { answerSearch } from './search-api.ts';

export interface ApiContext {
  readonly store: ExchangeStore;
  readonly health: () => Record<string, unknown>;
  /** What intercept holds, and whether it is on (GET /api/intercept). */
  readonly intercept: () => unknown;
  /** The faults, on or off, and how often each fired (GET /api/faults). */
  readonly faults: () => unknown;
  /** The composer's templates, filled from the session (GET /api/compose). */
  readonly compose: () => unknown;
  /** davscope's CA certificate with --tls (GET /api/tls/ca.pem). */
  readonly caPem?: string;
}

/** A list row less what only the inspector's list needs: the summary /api/exchanges documents. */
function summaryOf(row: ExchangeRow): ExchangeSummary {
  const { state: _state, upstream: _upstream, ruleIds: _ruleIds, ruleFindings: _ruleFindings, headerText: _headerText, ...summary } = row;
  return summary;
}


/** Answers /api/* requests; returns false for paths it does not own. */
export function handleApi(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, { error: `${req.method} is not supported here; the API reads over GET and writes only by POST to /api/send and /api/intercept/` });
    return true;
  }
  if (url.pathname === '/api/health') {
    json(res, 200, { ok: true, ...ctx.health() });
    return true;
  }
  if (url.pathname === '/api/search') {
    answerSearch(ctx.store, url.searchParams, res);
    return true;
  }
  if (url.pathname === '/api/tls/ca.pem') {
    if (ctx.caPem === undefined) {
      json(res, 404, { error: 'davscope serves no certificate of its own CA: start it with --tls' });
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': 'attachment; filename="davscope-ca.pem"', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : ctx.caPem);
    return true;
  }
  if (url.pathname === '/api/faults') {
    json(res, 200, ctx.faults());
    return true;
  }
  if (url.pathname === '/api/compose') {
    json(res, 200, ctx.compose());
    return true;
  }
  if (url.pathname === '/api/intercept') {
    json(res, 200, ctx.intercept());
    return true;
  }
  if (url.pathname === '/api/exchanges') {
    const after = Number(url.searchParams.get('after') ?? -Infinity);
    const limitParam = url.searchParams.get('limit');
    const limit = limitParam === null ? Infinity : Number(limitParam);
    if (Number.isNaN(after) || Number.isNaN(limit) || limit < 0) {
      json(res, 400, { error: 'after and limit must be numbers, e.g. /api/exchanges?after=120&limit=500' });
      return true;
    }
    json(res, 200, ctx.store.rows(after, limit).map(summaryOf));
    return true;
  }
  const m = /^\/api\/exchanges\/([^/]+)$/.exec(url.pathname);
  if (m) {
    const ex = ctx.store.get(decodeURIComponent(m[1]));
    if (ex) json(res, 200, exchangeToWire(ex));
    else json(res, 404, { error: `no exchange ${m[1]} in the store (it may have been dropped: see --keep)` });
    return true;
  }
  json(res, 404, { error: `unknown API path ${url.pathname}; try /api/exchanges or /api/health` });
  return true;
}
