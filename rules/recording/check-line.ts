// What makes a line of a recording a valid wire exchange: checked by the CLI's reader and by the
// inspector page, which both read recordings.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bodyProblem(b: unknown, where: string): string | undefined {
  if (!isObj(b)) return `${where}.body is missing`;
  if (b.kind === 'none') return undefined;
  if (b.kind === 'unavailable') return typeof b.reason === 'string' ? undefined : `${where}.body has no reason`;
  if (b.kind !== 'captured') return `${where}.body.kind is not none, captured or unavailable`;
  if (typeof b.data !== 'string' || (b.encoding !== 'utf8' && b.encoding !== 'base64')) return `${where}.body has no utf8 or base64 data`;
  if (typeof b.size !== 'number') return `${where}.body has no size`;
  return undefined;
}

function headersProblem(h: unknown, where: string): string | undefined {
  if (!Array.isArray(h) || !h.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')) {
    return `${where}.headers is not a list of [name, value] pairs`;
  }
  return undefined;
}

/** What is wrong with a line that should hold a current-version wire exchange, if anything. */
export function wireExchangeProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not a JSON object';
  if (!isObj(v.request)) return 'no request';
  const r = v.request;
  if (typeof r.method !== 'string' || typeof r.target !== 'string') return 'request has no method or target';
  const p = headersProblem(r.headers, 'request') ?? bodyProblem(r.body, 'request');
  if (p) return p;
  if (v.response !== undefined) {
    if (!isObj(v.response) || typeof v.response.status !== 'number') return 'response has no status';
    const q = headersProblem(v.response.headers, 'response') ?? bodyProblem(v.response.body, 'response');
    if (q) return q;
  }
  if (v.error !== undefined && (!isObj(v.error) || typeof v.error.code !== 'string')) return 'error has no code';
  if (!isObj(v.timings) || typeof v.timings.startedAt !== 'number') return 'no timings.startedAt';
  if (typeof v.seq !== 'number' || typeof v.id !== 'string') return 'no id or seq';
  if (v.findings !== undefined && !Array.isArray(v.findings)) return 'findings is not a list';
  return undefined;
}

