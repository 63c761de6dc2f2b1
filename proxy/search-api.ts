// GET /api/search?q=TEXT: which stored exchanges hold TEXT anywhere (method, target, headers, and
// every kept body, decoded), so the page's search covers bodies it never loaded.
// GET /api/search?filter=EXPR: which stored exchanges a filter-language expression matches, judged
// on the whole exchange (bodies, XML, each side's headers), for the list's body and XML terms.
// Both answer NDJSON as they go, newest first: `{"ids":[...]}` lines, then one
// `{"done":true,...}` line saying how many were searched and whether that was all. The scan runs in
// short slices between which the proxy forwards as usual, and stops when the asker goes away.
import type { ServerResponse } from 'node:http';
import type { Exchange } from '../rules/model/exchange.ts';
import { decodeUtf8Lenient, inspectableBytes } from '../rules/model/body.ts';
import { compileFilterText, FilterError, type FilterMatcher } from '../rules/filter/language.ts';
import { subjectOfExchange } from '../rules/filter/subjects.ts';
import { json } from './api-write.ts';
import type { ExchangeStore } from './store.ts';
import { runBounded, TimeLimitError } from './run-bounded.ts';

/** The last line of an answer. */
export interface SearchDone {
  readonly done: true;
  readonly searched: number;
  readonly total: number;
  /** False when the time budget ran out before the oldest exchanges were searched. */
  readonly complete: boolean;
  /** The newest exchange judged: the page decides later ones itself until it asks again. */
  readonly throughSeq: number;
  /** Why the scan stopped early, when it was not the time budget (a regular expression that ran away). */
  readonly error?: string;
}

export interface SearchLimits {
  /** Wall time for the whole scan. */
  readonly budgetMs: number;
  /** Work per slice before the event loop gets a turn. */
  readonly sliceMs: number;
  /** A slice that takes this long (one exchange's regular expression backtracking) is stopped, and the scan with it. */
  readonly hardSliceMs: number;
}

const DEFAULT_LIMITS: SearchLimits = { budgetMs: 5000, sliceMs: 8, hardSliceMs: 500 };
const MAX_QUERY = 256;
const MAX_FILTER = 1024;

/** Answers GET /api/search from its query string (400 with the reason for a bad one). */
export function answerSearch(store: ExchangeStore, params: URLSearchParams, res: ServerResponse, limits: SearchLimits = DEFAULT_LIMITS): void {
  const test = testOf(params);
  if ('error' in test) return json(res, 400, test);
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  res.flushHeaders();
  void scan(store, test.test, res, limits);
}

function testOf(params: URLSearchParams): { test: (ex: Exchange) => boolean } | { error: string; position?: number } {
  const filter = params.get('filter');
  if (filter !== null) {
    if (filter.trim().length === 0 || filter.length > MAX_FILTER) return { error: `filter must be 1 to ${MAX_FILTER} characters` };
    let matcher: FilterMatcher;
    try {
      matcher = compileFilterText(filter);
    } catch (err) {
      if (err instanceof FilterError) return { error: err.message, position: err.position };
      throw err;
    }
    return { test: (ex) => matcher(subjectOfExchange(ex)) };
  }
  const q = (params.get('q') ?? '').trim().toLowerCase();
  if (q.length === 0 || q.length > MAX_QUERY) return { error: `q (or filter) must be 1 to ${MAX_QUERY} characters` };
  return { test: (ex) => holds(ex, q) };
}

async function scan(store: ExchangeStore, test: (ex: Exchange) => boolean, res: ServerResponse, limits: SearchLimits): Promise<void> {
  const rows = store.rows(-Infinity, Infinity);
  const deadline = performance.now() + limits.budgetMs;
  let searched = 0;
  let i = rows.length - 1;
  const end = (error?: string) => {
    const done: SearchDone = { done: true, searched, total: rows.length, complete: searched === rows.length && !error, throughSeq: rows.at(-1)?.seq ?? 0, ...(error ? { error } : {}) };
    if (!res.destroyed) res.end(JSON.stringify(done) + '\n');
  };
  while (i >= 0 && !res.destroyed && performance.now() < deadline) {
    const sliceEnd = Math.min(deadline, performance.now() + limits.sliceMs);
    const ids: string[] = [];
    try {
      // Each slice under a hard limit: the test may run a regular expression the user typed.
      runBounded(() => {
        for (; i >= 0 && performance.now() < sliceEnd; i--) {
          const ex = store.get(rows[i]!.id);
          searched++;
          if (ex && test(ex)) ids.push(ex.id);
        }
      }, limits.hardSliceMs);
    } catch (err) {
      if (!(err instanceof TimeLimitError)) throw err;
      if (ids.length > 0) res.write(JSON.stringify({ ids }) + '\n');
      return end(`matching exchange ${rows[i]?.seq ?? '?'} took over ${limits.hardSliceMs} ms, so the search stopped there (a regular expression that backtracks, such as (a+)+$?): simplify the expression`);
    }
    if (ids.length > 0) res.write(JSON.stringify({ ids }) + '\n');
    if (i >= 0) await new Promise((resolve) => setImmediate(resolve));
  }
  end();
}

function holds(ex: Exchange, q: string): boolean {
  const head = `${ex.request.method} ${ex.request.target}\n${ex.request.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}\n${ex.response?.headers.map(([n, v]) => `${n}: ${v}`).join('\n') ?? ''}`;
  if (head.toLowerCase().includes(q)) return true;
  for (const body of [ex.request.body, ex.response?.body]) {
    const bytes = body && inspectableBytes(body);
    if (bytes && decodeUtf8Lenient(bytes).toLowerCase().includes(q)) return true;
  }
  return false;
}
