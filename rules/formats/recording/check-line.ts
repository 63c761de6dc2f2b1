// What makes a line of a recording a valid wire exchange: checked by the CLI's reader and by the
// inspector page, which both read recordings.
import { isToken } from '../../model/headers.ts';
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

// Bytes an HTTP/1.1 parser never lets into these fields; in a file they would split or end a
// message when the exchange is replayed, re-sent or exported (a smuggled request).
const TARGET_FORBIDDEN = /[\x00-\x20\x7f]/;
const VALUE_FORBIDDEN = /[\x00-\x08\x0a-\x1f\x7f]/;

/** What makes these fields impossible on the wire, if anything: for recordings and HAR entries alike. */
export function messageProblem(m: {
  readonly method?: string;
  readonly target?: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly status?: number;
  readonly statusText?: string;
}, where: string): string | undefined {
  if (m.method !== undefined && !isToken(m.method)) return `${where} method ${JSON.stringify(m.method.slice(0, 40))} is not an HTTP token`;
  if (m.target !== undefined && (m.target === '' || TARGET_FORBIDDEN.test(m.target))) return `${where} target has a space or a control character (CR, LF, NUL...)`;
  if (m.status !== undefined && !(Number.isInteger(m.status) && m.status >= 100 && m.status <= 599)) return `${where} status ${m.status} is outside 100-599`;
  if (m.statusText !== undefined && VALUE_FORBIDDEN.test(m.statusText)) return `${where} status text has a control character (CR, LF, NUL...)`;
  for (const [name, value] of m.headers) {
    if (!isToken(name)) return `${where} header name ${JSON.stringify(name.slice(0, 40))} is not an HTTP token`;
    if (VALUE_FORBIDDEN.test(value)) return `${where} header ${name} has a control character (CR, LF, NUL...) in its value`;
  }
  return undefined;
}

/** What is wrong with a line that should hold a current-version wire exchange, if anything. */
export function wireExchangeProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not a JSON object';
  if (!isObj(v.request)) return 'no request';
  const r = v.request;
  if (typeof r.method !== 'string' || typeof r.target !== 'string') return 'request has no method or target';
  const p = headersProblem(r.headers, 'request') ?? bodyProblem(r.body, 'request') ?? messageProblem({ method: r.method, target: r.target, headers: r.headers as [string, string][] }, 'the request');
  if (p) return p;
  if (v.response !== undefined) {
    if (!isObj(v.response) || typeof v.response.status !== 'number') return 'response has no status';
    const res = v.response;
    const q =
      headersProblem(res.headers, 'response') ??
      bodyProblem(res.body, 'response') ??
      messageProblem({ status: res.status as number, ...(typeof res.statusText === 'string' ? { statusText: res.statusText } : {}), headers: res.headers as [string, string][] }, 'the response');
    if (q) return q;
  }
  if (v.error !== undefined && (!isObj(v.error) || typeof v.error.code !== 'string')) return 'error has no code';
  if (!isObj(v.timings) || typeof v.timings.startedAt !== 'number') return 'no timings.startedAt';
  if (typeof v.seq !== 'number' || typeof v.id !== 'string') return 'no id or seq';
  if (v.findings !== undefined && !Array.isArray(v.findings)) return 'findings is not a list';
  if (v.basedOn !== undefined && typeof v.basedOn !== 'string') return 'basedOn is not an exchange id';
  if (v.clientTls !== undefined && v.clientTls !== true) return 'clientTls is not true';
  if (v.fault !== undefined && (!isObj(v.fault) || typeof v.fault.name !== 'string' || typeof v.fault.did !== 'string')) return 'fault has no name or did';
  if (v.replayMiss !== undefined && !Array.isArray(v.replayMiss)) return 'replayMiss is not a list';
  if (v.intercept !== undefined && (!isObj(v.intercept) || typeof v.intercept.outcome !== 'string' || typeof v.intercept.heldMs !== 'number')) return 'intercept has no outcome or heldMs';
  return undefined;
}

