// Reads GET /api/search's NDJSON answer as it comes: the ids found so far are handed on at most
// every `everyMs` (each hand-off refilters the list) and once more at the end, with the last line.

export interface SearchEnd {
  readonly searched: number;
  readonly total: number;
  readonly complete: boolean;
  readonly throughSeq: number;
  /** Why the proxy stopped early (a regular expression that ran away). */
  readonly error?: string;
}

/** Resolves with the end line, or undefined when the answer was refused or cut. */
export async function readSearch(query: string, onIds: (ids: readonly string[], end?: SearchEnd) => void, everyMs = 100, fetchFn: typeof fetch = fetch): Promise<SearchEnd | undefined> {
  const res = await fetchFn(`/api/search?${query}`);
  if (!res.ok || !res.body) return undefined;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const ids: string[] = [];
  let pending = '';
  let handed = 0;
  let lastHand = performance.now();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return undefined;
    pending += value;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = JSON.parse(pending.slice(0, nl)) as { ids?: string[]; done?: true } & Partial<SearchEnd>;
      pending = pending.slice(nl + 1);
      if (line.done) {
        const end = { searched: line.searched ?? 0, total: line.total ?? 0, complete: line.complete === true, throughSeq: line.throughSeq ?? 0, ...(typeof line.error === 'string' ? { error: line.error } : {}) };
        onIds(ids, end);
        return end;
      }
      ids.push(...(line.ids ?? []));
    }
    if (ids.length > handed && performance.now() - lastHand >= everyMs) {
      onIds(ids);
      handed = ids.length;
      lastHand = performance.now();
    }
  }
}
