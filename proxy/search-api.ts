// GET /api/search?q=TEXT: which stored exchanges hold TEXT anywhere (method, target, headers, and
// every kept body, decoded), so the page's search covers bodies it never loaded. Newest first and
// bounded in time: the answer says whether it searched everything.
import type { Exchange } from '../rules/model/exchange.ts';
import { decodeUtf8Lenient, inspectableBytes } from '../rules/model/body.ts';
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

const MAX_QUERY = 256;

export function searchStore(store: ExchangeStore, query: string, budgetMs = 1500): SearchAnswer | { error: string } {
  const q = query.trim().toLowerCase();
  if (q.length === 0 || q.length > MAX_QUERY) return { error: `q must be 1 to ${MAX_QUERY} characters` };
  const rows = store.rows(-Infinity, Infinity);
  const deadline = performance.now() + budgetMs;
  const ids: string[] = [];
  let searched = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (performance.now() > deadline) break;
    const ex = store.get(rows[i]!.id);
    searched++;
    if (ex && holds(ex, q)) ids.push(ex.id);
  }
  return { query, ids, searched, total: rows.length, complete: searched === rows.length };
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
