// Data loading beside the connection: the inspector's HTTP API for what the WebSocket never pushes
// (full exchanges with their bodies), and the loader that fetches the selected live exchange into
// the store. The rows themselves, snapshot included, arrive over the WebSocket (connection.ts).
import type { WireExchange } from '../../rules/model/wire.ts';
import type { InspectorStore } from './inspector-store.ts';

export interface ApiClient {
  /** The full exchange; rejects with the API's reason when it has none. */
  exchange(id: string): Promise<WireExchange>;
}

/** An API client on the page's own origin (or `base`), with the browser's fetch unless given one. */
export function apiClient(base = '', fetchFn: typeof fetch = (...args) => fetch(...args)): ApiClient {
  return {
    async exchange(id) {
      const res = await fetchFn(`${base}/api/exchanges/${encodeURIComponent(id)}`);
      const body: unknown = await res.json();
      if (!res.ok) throw new Error(errorOf(body) ?? `the API answered ${res.status}`);
      return body as WireExchange;
    },
  };
}

function errorOf(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error : undefined;
}

/**
 * Fetches the selected live exchange once the proxy holds it (the row is analysed), whenever the
 * selection or the rows change; puts it, or why it failed, in the store. Returns the stop function.
 */
export function loadSelectedDetails(store: InspectorStore, api: ApiClient): () => void {
  const fetching = new Set<string>();
  const ensure = () => {
    const row = store.selected;
    if (!row || store.view !== 'live' || row.state !== 'analysed' || store.detail(row.id) || fetching.has(row.id)) return;
    fetching.add(row.id);
    api
      .exchange(row.id)
      .then((ex) => store.setDetail(ex))
      .catch((err: unknown) => {
        if (store.selectedId === row.id) store.setDetailError(row.id, `Could not load exchange #${row.id}: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => fetching.delete(row.id));
  };
  const stops = [store.on('selection', ensure), store.on('rows', ensure)];
  ensure();
  return () => stops.forEach((stop) => stop());
}
