// GET /api/search?q=TEXT: which stored exchanges hold TEXT anywhere (method, target, headers, and
// every kept body, decoded), so the page's search covers bodies it never loaded.
// GET /api/search?filter=EXPR: which stored exchanges a filter-language expression matches, judged
// on the whole exchange (bodies, XML, each side's headers), for the list's body and XML terms.
// Both newest first and bounded in time: the answer says whether it searched everything.
import type { Exchange } from '../rules/model/exchange.ts';
import { decodeUtf8Lenient, inspectableBytes } from '../rules/model/body.ts';
import { compileFilterText, FilterError, type FilterMatcher } from '../rules/filter/language.ts';
import { subjectOfExchange } from '../rules/filter/subjects.ts';
import type { ExchangeStore } from './store.ts';

export interface SearchAnswer {
  readonly query: string;
  /** Ids of the exchanges that hold the text, newest first. */
  readonly ids: readonly string[];
  readonly searched: number;
  readonly total: number;
  /** False when the time budget ran out before the oldest exchanges were searched. */
  readonly complete: boolean;
}

export interface FilterAnswer extends Omit<SearchAnswer, 'query'> {
  readonly filter: string;
  /** The newest exchange judged: the page decides later ones itself until it asks again. */
  readonly throughSeq: number;
}

const MAX_QUERY = 256;
const MAX_FILTER = 1024;

export function searchStore(store: ExchangeStore, query: string, budgetMs = 1500): SearchAnswer | { error: string } {
  const q = query.trim().toLowerCase();
  if (q.length === 0 || q.length > MAX_QUERY) return { error: `q must be 1 to ${MAX_QUERY} characters` };
  const found = scan(store, (ex) => holds(ex, q), budgetMs);
  return { query, ...found };
}

export function filterStore(store: ExchangeStore, filter: string, budgetMs = 1500): FilterAnswer | { error: string; position?: number } {
  if (filter.trim().length === 0 || filter.length > MAX_FILTER) return { error: `filter must be 1 to ${MAX_FILTER} characters` };
  let matcher: FilterMatcher;
  try {
    matcher = compileFilterText(filter);
  } catch (err) {
    if (err instanceof FilterError) return { error: err.message, position: err.position };
    throw err;
  }
  const found = scan(store, (ex) => matcher(subjectOfExchange(ex)), budgetMs);
  return { filter, ...found };
}

function scan(store: ExchangeStore, test: (ex: Exchange) => boolean, budgetMs: number): Omit<SearchAnswer, 'query'> & { throughSeq: number } {
  const rows = store.rows(-Infinity, Infinity);
  const deadline = performance.now() + budgetMs;
  const ids: string[] = [];
  let searched = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (performance.now() > deadline) break;
    const ex = store.get(rows[i]!.id);
    searched++;
    if (ex && test(ex)) ids.push(ex.id);
  }
  return { ids, searched, total: rows.length, complete: searched === rows.length, throughSeq: rows.at(-1)?.seq ?? 0 };
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
