// Rewrites a recorded request for another server: hrefs from the recorded base to the new one,
// Host and Destination to the new origin, and ETags and sync tokens the client had learned from
// the recorded server replaced by the ones the new server gave for the same exchanges.
import type { Exchange, HeaderPair } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { decodeUtf8, inspectableBytes } from '../../rules/model/body.ts';
import { endToEndPairs, mapOrigin } from '../header-rewrite.ts';

export interface Learned {
  /** Recorded ETag → the new server's ETag for the same resource. */
  readonly etags: Map<string, string>;
  /** Recorded sync token → the new server's token at the same point of the session. */
  readonly syncTokens: Map<string, string>;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderPair[];
  readonly body?: Uint8Array;
}

export type Prepared = { readonly ok: true; readonly request: OutgoingRequest } | { readonly ok: false; readonly reason: string };

function rebase(path: string, from: string, to: string): string {
  return from !== to && path.startsWith(from) ? to + path.slice(from.length) : path;
}

/** A path prefix on the recorded server and where the same resources live on another one. */
export interface PathRebase {
  readonly from: string;
  readonly to: string;
}

/**
 * Recorded path → the other server's path: the first of `rebases` whose prefix matches (a user's
 * `--rebase`, for servers that lay out calendars differently), else the recorded base → the new base.
 */
export function pathMapper(recordedBase: string, newBase: string, rebases: readonly PathRebase[] = []): (path: string) => string {
  return (path) => {
    for (const r of rebases) if (path.startsWith(r.from)) return r.to + path.slice(r.from.length);
    return rebase(path, recordedBase, newBase);
  };
}

function replaceAll(text: string, map: Map<string, string>): string {
  let out = text;
  for (const [from, to] of map) if (from !== to) out = out.split(from).join(to);
  return out;
}

export function prepareRequest(ex: Exchange, target: URL, learned: Learned, authorization: string | undefined, rebases: readonly PathRebase[] = []): Prepared {
  const recordedBase = new URL(ex.upstream).pathname;
  const newBase = target.pathname;
  const mapPath = pathMapper(recordedBase, newBase, rebases);
  const recordedHost = getHeader(ex.request.headers, 'host');
  const body = ex.request.body;
  if (body.kind === 'captured' && body.truncated) return { ok: false, reason: 'its request body was truncated when recorded (record with a larger --max-body)' };
  if (body.kind === 'unavailable') return { ok: false, reason: `its request body is unavailable (${body.reason})` };

  let bytes = body.kind === 'captured' ? inspectableBytes(body) ?? body.bytes : undefined;
  const text = bytes ? decodeUtf8(bytes) : undefined;
  if (bytes && text !== undefined) {
    let t = text;
    if (recordedBase !== newBase || rebases.length) t = t.replace(/(<(?:[\w.-]+:)?href>\s*)(?:https?:\/\/[^/<\s]+)?([^<]*)/g, (_, open: string, p: string) => open + mapPath(p));
    t = replaceAll(t, learned.syncTokens);
    if (t !== text) bytes = new TextEncoder().encode(t);
  }

  const headers: HeaderPair[] = [];
  let sawAuth = false;
  for (const [name, value] of endToEndPairs(ex.request.headers.flat())) {
    const lower = name.toLowerCase();
    if (lower === 'host') headers.push([name, target.host]);
    else if (lower === 'content-length') headers.push([name, String(bytes?.length ?? 0)]);
    else if (lower === 'content-encoding') continue; // the body goes out decoded
    else if (lower === 'authorization') {
      sawAuth = true;
      if (authorization) headers.push([name, authorization]);
      else headers.push([name, value]);
    } else if (lower === 'destination') {
      const mapped = recordedHost ? mapOrigin(value, `http://${recordedHost}`, target.origin) : value;
      const u = /^https?:\/\/[^/]+/.exec(mapped);
      headers.push([name, u ? u[0] + mapPath(mapped.slice(u[0].length)) : mapPath(mapped)]);
    } else if (lower === 'if-match' || lower === 'if-none-match') headers.push([name, replaceAll(value, learned.etags)]);
    else headers.push([name, value]);
  }
  // A request recorded without credentials goes without them (as the client sent it): --auth only
  // stands in for credentials the recording redacted.
  void sawAuth;
  return { ok: true, request: { method: ex.request.method, path: mapPath(ex.request.target), headers, ...(bytes ? { body: bytes } : {}) } };
}
