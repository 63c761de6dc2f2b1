// Whether a request is one a fault's matcher picks (the occurrence counting, nth/times/probability,
// is the fault set's, which keeps state). Pure.
import type { HeaderList } from '../model/exchange.ts';
import { parseXml } from '../parse/xml/scan.ts';
import { child, textOf, walk } from '../parse/xml/query.ts';
import { escapeRegExp } from '../lib/escape.ts';
import type { FaultMatch } from './spec.ts';

export interface FaultRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderList;
  /** The body as text, when it was read (a matcher on the body needs it). */
  readonly body?: string;
}

/** Whether a matcher needs the request body before it can decide. */
export function needsBody(m: FaultMatch): boolean {
  return m.bodyContains !== undefined || m.xmlElement !== undefined || m.syncToken !== undefined;
}

export function requestMatches(m: FaultMatch, r: FaultRequest): boolean {
  if (m.methods && !m.methods.includes(r.method.toUpperCase())) return false;
  if (m.path !== undefined && !pathMatches(m.path, r.target.split('?')[0]!)) return false;
  if (m.header) {
    const name = m.header.name.toLowerCase();
    const part = m.header.contains?.toLowerCase();
    if (!r.headers.some(([n, v]) => n.toLowerCase() === name && (part === undefined || v.toLowerCase().includes(part)))) return false;
  }
  if (m.bodyContains !== undefined && !(r.body ?? '').includes(m.bodyContains)) return false;
  if (m.xmlElement !== undefined && !hasElement(r.body ?? '', m.xmlElement)) return false;
  if (m.trailingSlash !== undefined && r.target.split('?')[0]!.endsWith('/') !== m.trailingSlash) return false;
  if (m.syncToken !== undefined && syncTokenOf(r.body ?? '') === undefined) return false;
  if (m.syncToken !== undefined && (syncTokenOf(r.body ?? '') !== '') !== m.syncToken) return false;
  return true;
}

/** `*` matches within a segment, `**` across segments; a pattern without `*` is a substring. */
export function pathMatches(pattern: string, path: string): boolean {
  return pathMatcher(pattern)(path);
}

/** The same test compiled once, for matching many paths (the filter over tens of thousands of rows). */
export function pathMatcher(pattern: string): (path: string) => boolean {
  if (!pattern.includes('*')) return (path) => path.includes(pattern);
  const re = pattern
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  const rx = new RegExp(`^${re}$`);
  return (path) => rx.test(path);
}

/** A local name ("sync-collection") or a Clark name ("{DAV:}sync-collection") anywhere in the body. */
function hasElement(body: string, name: string): boolean {
  if (!body.trimStart().startsWith('<')) return false;
  const parsed = parseXml(body);
  if (!parsed.ok) return false;
  const clark = name.startsWith('{');
  let found = false;
  walk(parsed.doc.root, (el) => (found ||= clark ? el.name === name : el.local === name));
  return found;
}

/** The sync-token a sync-collection REPORT body carries ('' for an initial sync), else undefined. */
export function syncTokenOf(body: string): string | undefined {
  if (!body.trimStart().startsWith('<')) return undefined;
  const parsed = parseXml(body);
  if (!parsed.ok || parsed.doc.root.name !== '{DAV:}sync-collection') return undefined;
  return textOf(child(parsed.doc.root, '{DAV:}sync-token')).trim();
}

/** A small seeded PRNG (mulberry32), so a probability fault fires the same way on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
