// Reads GET /api/search's NDJSON answer as it comes: the ids found so far are handed on at most
// every 100 ms (each hand-off refilters the list) and once more at the end, with the last line.
import { readNdjson } from './ndjson.ts';

const HAND_EVERY_MS = 100;

interface SearchEnd {
  readonly searched: number;
  readonly total: number;
  readonly complete: boolean;
  readonly throughSeq: number;
  /** Why the proxy stopped early (a regular expression that ran away). */
  readonly error?: string;
}

/** Resolves with the end line, or undefined when the answer was refused or cut; `signal` abandons the question (fetch rejects). */
export async function readSearch(query: string, onIds: (ids: readonly string[], end?: SearchEnd) => void, signal?: AbortSignal): Promise<SearchEnd | undefined> {
  const res = await fetch(`/api/search?${query}`, signal ? { signal } : {});
  if (!res.ok || !res.body) return undefined;
  const ids: string[] = [];
  let handed = 0;
  let lastHand = performance.now();
  let end: SearchEnd | undefined;
  await readNdjson(
    res.body,
    (value) => {
      const line = value as { ids?: string[]; done?: true } & Partial<SearchEnd>;
      if (!line.done) {
        ids.push(...(line.ids ?? []));
        return false;
      }
      end = { searched: line.searched ?? 0, total: line.total ?? 0, complete: line.complete === true, throughSeq: line.throughSeq ?? 0, ...(typeof line.error === 'string' ? { error: line.error } : {}) };
      onIds(ids, end);
      return true;
    },
    () => {
      if (ids.length > handed && performance.now() - lastHand >= HAND_EVERY_MS) {
        onIds(ids);
        handed = ids.length;
        lastHand = performance.now();
      }
    },
  );
  return end;
}
