// Answers a request from a recording: matches on method, request-target, Depth, media type and the
// canonical body; identical requests get their recorded answers in order (the last one repeats),
// and a miss names the nearest recorded candidates and how each differs.
import type { Body, Exchange, HeaderList } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { parseMediaType } from '../../rules/model/media-type.ts';
import { canonicalBody } from '../../rules/compare/canonical-body.ts';

export interface ReplayRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderList;
  readonly body: Body;
}

interface Key {
  readonly method: string;
  readonly target: string;
  readonly depth: string;
  readonly type: string;
  readonly body: string;
}

export interface Candidate {
  readonly exchange: Exchange;
  readonly differences: readonly string[];
}

export type MatchResult = { readonly hit: true; readonly exchange: Exchange } | { readonly hit: false; readonly candidates: readonly Candidate[] };

function keyOf(r: ReplayRequest): Key {
  const contentType = getHeader(r.headers, 'content-type');
  return {
    method: r.method.toUpperCase(),
    target: r.target,
    depth: (getHeader(r.headers, 'depth') ?? '').trim().toLowerCase(),
    type: parseMediaType(contentType)?.type ?? '',
    body: canonicalBody(r.body, contentType),
  };
}

const flat = (k: Key) => JSON.stringify([k.method, k.target, k.depth, k.type, k.body]);

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 20), i + 40));
  return `body differs at character ${i}: recorded ${show(b)}, got ${show(a)}`;
}

export class ReplayMatcher {
  private readonly queues = new Map<string, { readonly answers: Exchange[]; next: number }>();
  private readonly keys: { readonly key: Key; readonly exchange: Exchange }[] = [];

  constructor(exchanges: Iterable<Exchange>) {
    for (const ex of exchanges) {
      const key = keyOf(ex.request);
      this.keys.push({ key, exchange: ex });
      const k = flat(key);
      const q = this.queues.get(k);
      if (q) q.answers.push(ex);
      else this.queues.set(k, { answers: [ex], next: 0 });
    }
  }

  get size(): number {
    return this.keys.length;
  }

  match(request: ReplayRequest): MatchResult {
    const key = keyOf(request);
    const q = this.queues.get(flat(key));
    if (q) {
      const exchange = q.answers[Math.min(q.next, q.answers.length - 1)];
      q.next++;
      return { hit: true, exchange };
    }
    return { hit: false, candidates: this.nearest(key, 3) };
  }

  private nearest(key: Key, n: number): Candidate[] {
    const scored = this.keys.map(({ key: k, exchange }) => {
      const differences: string[] = [];
      let score = 0;
      if (k.method === key.method) score += 4;
      else differences.push(`method: recorded ${k.method}, got ${key.method}`);
      if (k.target === key.target) score += 8;
      else differences.push(`target: recorded ${k.target}, got ${key.target}`);
      if (k.depth === key.depth) score += 1;
      else differences.push(`Depth: recorded ${k.depth || '(none)'}, got ${key.depth || '(none)'}`);
      if (k.type === key.type) score += 1;
      else differences.push(`Content-Type: recorded ${k.type || '(none)'}, got ${key.type || '(none)'}`);
      if (k.body === key.body) score += 2;
      else differences.push(firstDifference(key.body, k.body));
      return { score, candidate: { exchange, differences } };
    });
    scored.sort((a, b) => b.score - a.score || a.candidate.exchange.seq - b.candidate.exchange.seq);
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const { candidate } of scored) {
      const k = candidate.differences.join('\n');
      if (seen.has(k)) continue; // identical requests recorded several times read as one candidate
      seen.add(k);
      out.push(candidate);
      if (out.length === n) break;
    }
    return out;
  }
}
