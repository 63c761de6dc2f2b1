// The upgrade chain: each step lifts a line from one format version to the next, so a recording
// written by any older davscope loads as the current version without the reader knowing history.
import { RECORDING_VERSION } from './format.ts';

/** One step from `from` to `from + 1`; throws with a plain sentence when a line has the wrong shape. */
interface Upgrade {
  readonly from: number;
  header(header: Record<string, unknown>): Record<string, unknown>;
  exchange(line: unknown): unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 0 is the pre-release shape (before the wire form was shared with the API):
 * `{seq, upstream, startedAt, duration?, request: {method, target, httpVersion, headers: [{name, value}],
 * body: null | {base64, size, truncated}}, response?: {status, statusText, httpVersion, headers, body},
 * error?: {code, message}}`, with no id, source, phase or findings.
 */
const v0to1: Upgrade = {
  from: 0,
  header: (h) => ({ ...h, version: 1 }),
  exchange(line) {
    if (!isObj(line) || !isObj(line.request) || typeof line.seq !== 'number' || typeof line.startedAt !== 'number') {
      throw new Error('not a version 0 exchange (needs seq, startedAt and request)');
    }
    const headers = (list: unknown): [string, string][] => {
      if (!Array.isArray(list)) throw new Error('headers must be a list of {name, value}');
      return list.map((h) => {
        if (!isObj(h) || typeof h.name !== 'string' || typeof h.value !== 'string') throw new Error('headers must be a list of {name, value}');
        return [h.name, h.value];
      });
    };
    const body = (b: unknown, hs: [string, string][]) => {
      if (b === null || b === undefined) return { kind: 'none' };
      if (!isObj(b) || typeof b.base64 !== 'string') throw new Error('a body must be null or {base64, size, truncated}');
      const ce = hs.find(([n]) => n.toLowerCase() === 'content-encoding')?.[1].trim().toLowerCase();
      return {
        kind: 'captured',
        size: typeof b.size === 'number' ? b.size : Math.floor((b.base64.length * 3) / 4),
        truncated: b.truncated === true,
        ...(ce && ce !== 'identity' ? { contentEncoding: ce } : {}),
        encoding: 'base64',
        data: b.base64,
      };
    };
    const side = (s: Obj) => {
      const hs = headers(s.headers);
      return { headers: hs, body: body(s.body, hs) };
    };
    const req = line.request;
    const res = isObj(line.response) ? line.response : undefined;
    const err = isObj(line.error) ? line.error : undefined;
    const code = typeof err?.code === 'string' ? err.code : 'UNKNOWN';
    // Version 0 did not say where a transfer failed; a refused or unresolved connection is the
    // only case that is certain, anything else is reported against the response.
    const phase = /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code) ? 'connect' : 'response';
    return {
      id: String(line.seq),
      seq: line.seq,
      source: 'live',
      upstream: typeof line.upstream === 'string' ? line.upstream : '',
      request: {
        method: String(req.method),
        target: String(req.target),
        httpVersion: typeof req.httpVersion === 'string' ? req.httpVersion : '1.1',
        ...side(req),
      },
      ...(res
        ? {
            response: {
              status: Number(res.status),
              statusText: typeof res.statusText === 'string' ? res.statusText : '',
              httpVersion: typeof res.httpVersion === 'string' ? res.httpVersion : '1.1',
              ...side(res),
            },
          }
        : {}),
      ...(err ? { error: { phase, code, message: typeof err.message === 'string' ? err.message : code } } : {}),
      timings: { startedAt: line.startedAt, ...(typeof line.duration === 'number' ? { end: line.duration } : {}) },
      findings: [],
    };
  },
};

const UPGRADES: readonly Upgrade[] = [v0to1];

/** The oldest version the chain can lift to the current one. */
export const OLDEST_READABLE_VERSION = 0;

export function upgradeHeader(header: Record<string, unknown>, version: number): Record<string, unknown> {
  let h = header;
  for (let v = version; v < RECORDING_VERSION; v++) h = UPGRADES[v]!.header(h);
  return h;
}

export function upgradeExchange(line: unknown, version: number): unknown {
  let value = line;
  for (let v = version; v < RECORDING_VERSION; v++) value = UPGRADES[v]!.exchange(value);
  return value;
}

// The chain must have exactly one step per version, in order; a gap would silently skip a step.
UPGRADES.forEach((u, i) => {
  if (u.from !== OLDEST_READABLE_VERSION + i) throw new Error(`recording upgrade chain is out of order at version ${u.from}`);
});
if (UPGRADES.length !== RECORDING_VERSION - OLDEST_READABLE_VERSION) throw new Error('recording upgrade chain does not reach the current version');
