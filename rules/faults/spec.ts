// What a fault is: a matcher (which requests, which occurrences) and an action (answer in the
// server's place, alter its answer, delay, throttle, reset). Pure data, checked by checkFaults()
// so a bad --faults file is refused with the field and the reason.

export interface FaultMatch {
  /** Upper-case methods; absent means any. */
  readonly methods?: readonly string[];
  /** A path glob (`*` within a segment, `**` across segments); without `*` a substring. */
  readonly path?: string;
  /** A request header that must be present, and optionally contain this text (case-insensitive). */
  readonly header?: { readonly name: string; readonly contains?: string };
  /** Text the request body must contain. */
  readonly bodyContains?: string;
  /** An XML element the request body must hold, local name or Clark name, e.g. "sync-collection". */
  readonly xmlElement?: string;
  /** A sync-collection REPORT carrying a non-empty sync-token (true), or an initial one (false). */
  readonly syncToken?: boolean;
  /** The request path ends with "/" (true) or does not (false). */
  readonly trailingSlash?: boolean;
  /** Fire only on this occurrence of a matching request (1 = the first). */
  readonly nth?: number;
  /** Fire at most this many times. */
  readonly times?: number;
  /** Fire with this probability (0..1), from a PRNG seeded with `seed` so runs repeat. */
  readonly probability?: number;
  readonly seed?: number;
}

export type FaultAction =
  /** Answer without forwarding. In headers and body, {path} is the request's path, {collection}
   *  its parent collection and {origin} the proxy's origin as the client addressed it. */
  | { readonly kind: 'answer'; readonly status: number; readonly headers?: readonly (readonly [string, string])[]; readonly body?: string }
  /** Forward, then change the answer. */
  | {
      readonly kind: 'alter';
      readonly status?: number;
      readonly removeHeaders?: readonly string[];
      readonly setHeaders?: readonly (readonly [string, string])[];
      /** Keep only the first N bytes of the body. */
      readonly truncateBody?: number;
    }
  /** Wait before forwarding, or before the answer goes back. */
  | { readonly kind: 'delay'; readonly ms: number; readonly when?: 'before-forward' | 'before-answer' }
  /** Send the answer's body at this rate. */
  | { readonly kind: 'throttle'; readonly bytesPerSecond: number }
  /** Close the client's connection: with no answer, or halfway through the answer's body. */
  | { readonly kind: 'reset'; readonly when: 'before-answer' | 'mid-body' }
  /** A sync-collection answer cut to its first `keep` members plus 507 for the collection (RFC 6578 §3.6). */
  | { readonly kind: 'truncate-sync'; readonly keep: number };

export interface FaultSpec {
  readonly name: string;
  readonly description?: string;
  readonly match: FaultMatch;
  readonly action: FaultAction;
}

/** A file or flag that cannot be a fault: where (a JSON path) and why. */
export class FaultError extends Error {}

const KINDS = ['answer', 'alter', 'delay', 'throttle', 'reset', 'truncate-sync'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks parsed JSON as a list of faults; throws FaultError naming the field and the reason. */
export function checkFaults(value: unknown): FaultSpec[] {
  const list = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.faults) ? value.faults : undefined;
  if (!list) throw new FaultError('the file must hold a list of faults, or {"faults": [...]}');
  const names = new Set<string>();
  return list.map((f, i) => {
    const at = `faults[${i}]`;
    const fault = checkFault(f, at);
    if (names.has(fault.name)) throw new FaultError(`${at}.name: "${fault.name}" is used twice`);
    names.add(fault.name);
    return fault;
  });
}

function checkFault(f: unknown, at: string): FaultSpec {
  if (!isObj(f)) throw new FaultError(`${at}: a fault is an object {name, match, action}`);
  if (typeof f.name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(f.name)) throw new FaultError(`${at}.name: a name of a-z, 0-9 and "-", e.g. "slow-put"`);
  if (f.description !== undefined && typeof f.description !== 'string') throw new FaultError(`${at}.description: text`);
  return { name: f.name, ...(typeof f.description === 'string' ? { description: f.description } : {}), match: checkMatch(f.match ?? {}, `${at}.match`), action: checkAction(f.action, `${at}.action`) };
}

function checkMatch(m: unknown, at: string): FaultMatch {
  if (!isObj(m)) throw new FaultError(`${at}: an object`);
  const known = ['methods', 'path', 'header', 'bodyContains', 'xmlElement', 'syncToken', 'trailingSlash', 'nth', 'times', 'probability', 'seed'];
  for (const k of Object.keys(m)) if (!known.includes(k)) throw new FaultError(`${at}.${k}: unknown; a match knows ${known.join(', ')}`);
  if (m.methods !== undefined && (!Array.isArray(m.methods) || !m.methods.every((x) => typeof x === 'string' && TOKEN.test(x)))) throw new FaultError(`${at}.methods: a list of methods, e.g. ["PUT", "DELETE"]`);
  if (m.path !== undefined && (typeof m.path !== 'string' || m.path === '')) throw new FaultError(`${at}.path: a path or glob, e.g. "/calendars/**/*.ics"`);
  if (m.header !== undefined && (!isObj(m.header) || typeof m.header.name !== 'string' || !TOKEN.test(m.header.name) || (m.header.contains !== undefined && typeof m.header.contains !== 'string'))) {
    throw new FaultError(`${at}.header: {"name": "If-Match"} or {"name": "Depth", "contains": "1"}`);
  }
  for (const k of ['bodyContains', 'xmlElement'] as const) if (m[k] !== undefined && (typeof m[k] !== 'string' || m[k] === '')) throw new FaultError(`${at}.${k}: non-empty text`);
  for (const k of ['nth', 'times'] as const) if (m[k] !== undefined && !(Number.isInteger(m[k]) && (m[k] as number) >= 1)) throw new FaultError(`${at}.${k}: a whole number from 1`);
  for (const k of ['syncToken', 'trailingSlash'] as const) if (m[k] !== undefined && typeof m[k] !== 'boolean') throw new FaultError(`${at}.${k}: true or false`);
  if (m.probability !== undefined && !(typeof m.probability === 'number' && m.probability >= 0 && m.probability <= 1)) throw new FaultError(`${at}.probability: a number from 0 to 1`);
  if (m.seed !== undefined && !Number.isInteger(m.seed)) throw new FaultError(`${at}.seed: a whole number`);
  return {
    ...(m.methods !== undefined ? { methods: (m.methods as string[]).map((x) => x.toUpperCase()) } : {}),
    ...(m.path !== undefined ? { path: m.path as string } : {}),
    ...(m.header !== undefined ? { header: m.header as FaultMatch['header'] & object } : {}),
    ...(m.bodyContains !== undefined ? { bodyContains: m.bodyContains as string } : {}),
    ...(m.xmlElement !== undefined ? { xmlElement: m.xmlElement as string } : {}),
    ...(m.syncToken !== undefined ? { syncToken: m.syncToken as boolean } : {}),
    ...(m.trailingSlash !== undefined ? { trailingSlash: m.trailingSlash as boolean } : {}),
    ...(m.nth !== undefined ? { nth: m.nth as number } : {}),
    ...(m.times !== undefined ? { times: m.times as number } : {}),
    ...(m.probability !== undefined ? { probability: m.probability as number } : {}),
    ...(m.seed !== undefined ? { seed: m.seed as number } : {}),
  };
}

function checkAction(a: unknown, at: string): FaultAction {
  if (!isObj(a) || typeof a.kind !== 'string' || !KINDS.includes(a.kind)) throw new FaultError(`${at}.kind: one of ${KINDS.join(', ')}`);
  const status = (v: unknown, field: string) => {
    if (!(Number.isInteger(v) && (v as number) >= 200 && (v as number) <= 599)) throw new FaultError(`${at}.${field}: a status from 200 to 599`);
    return v as number;
  };
  const headers = (v: unknown, field: string) => {
    if (!Array.isArray(v) || !v.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && TOKEN.test(h[0]) && typeof h[1] === 'string' && !/[\r\n\0]/.test(h[1]))) {
      throw new FaultError(`${at}.${field}: a list of ["Name", "value"] pairs`);
    }
    return v as [string, string][];
  };
  const positive = (v: unknown, field: string, min = 1) => {
    if (!(Number.isInteger(v) && (v as number) >= min)) throw new FaultError(`${at}.${field}: a whole number from ${min}`);
    return v as number;
  };
  switch (a.kind) {
    case 'answer':
      if (a.body !== undefined && typeof a.body !== 'string') throw new FaultError(`${at}.body: text`);
      return { kind: 'answer', status: status(a.status, 'status'), ...(a.headers !== undefined ? { headers: headers(a.headers, 'headers') } : {}), ...(typeof a.body === 'string' ? { body: a.body } : {}) };
    case 'alter':
      if (a.removeHeaders !== undefined && (!Array.isArray(a.removeHeaders) || !a.removeHeaders.every((h) => typeof h === 'string'))) throw new FaultError(`${at}.removeHeaders: a list of header names`);
      return {
        kind: 'alter',
        ...(a.status !== undefined ? { status: status(a.status, 'status') } : {}),
        ...(a.removeHeaders !== undefined ? { removeHeaders: a.removeHeaders as string[] } : {}),
        ...(a.setHeaders !== undefined ? { setHeaders: headers(a.setHeaders, 'setHeaders') } : {}),
        ...(a.truncateBody !== undefined ? { truncateBody: positive(a.truncateBody, 'truncateBody', 0) } : {}),
      };
    case 'delay':
      if (a.when !== undefined && a.when !== 'before-forward' && a.when !== 'before-answer') throw new FaultError(`${at}.when: "before-forward" or "before-answer"`);
      return { kind: 'delay', ms: positive(a.ms, 'ms', 0), ...(a.when !== undefined ? { when: a.when } : {}) };
    case 'throttle':
      return { kind: 'throttle', bytesPerSecond: positive(a.bytesPerSecond, 'bytesPerSecond') };
    case 'reset':
      if (a.when !== 'before-answer' && a.when !== 'mid-body') throw new FaultError(`${at}.when: "before-answer" or "mid-body"`);
      return { kind: 'reset', when: a.when };
    default:
      return { kind: 'truncate-sync', keep: positive(a.keep, 'keep', 0) };
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
