// What two answers to the same request are compared on: status (or transport error), decoded
// preconditions, the shape of a multistatus (hrefs, statuses, properties; never ETag values), and
// the rules that fired. Hrefs are taken relative to each server's base so two servers compare.
import type { Exchange, Finding } from '../model/exchange.ts';
import { viewOf } from '../engine/view.ts';
import { prefixedName } from '../decode/preconditions.ts';
import { rawPathOf } from '../model/paths.ts';

export interface Shape {
  readonly status: string;
  readonly conditions: readonly string[];
  readonly multistatus: readonly string[];
  readonly findings: readonly string[];
}

function relative(href: string, base: string | ((path: string) => string)): string {
  const p = rawPathOf(href);
  if (typeof base === 'function') return base(p);
  return p.startsWith(base) ? p.slice(base.length - 1) : p;
}

/** `base` is the server's base path, or a function giving each href's path in a form every server shares. */
export function shapeOf(ex: Exchange, base: string | ((path: string) => string), findings: readonly Finding[]): Shape {
  const view = viewOf(ex);
  const status = ex.response ? String(ex.response.status) : `error ${ex.error?.code ?? '?'}`;
  const conditions = [...new Set(view.conditions.map((c) => prefixedName(c.name)))].sort();
  const multistatus: string[] = [];
  for (const entry of view.multistatus ?? []) {
    const href = relative(entry.href, base);
    if (entry.status !== undefined) multistatus.push(`${href} ${entry.status}`);
    for (const ps of entry.propstats) for (const prop of ps.props) multistatus.push(`${href} ${prefixedName(prop)} ${ps.status ?? '?'}`);
  }
  return { status, conditions, multistatus: multistatus.sort(), findings: [...new Set(findings.map((f) => `${f.severity} ${f.ruleId}`))].sort() };
}

function setDiff(label: string, a: readonly string[], b: readonly string[], out: string[]): void {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = a.filter((x) => !sb.has(x));
  const onlyB = b.filter((x) => !sa.has(x));
  if (onlyA.length) out.push(`${label} only when recorded: ${onlyA.join(', ')}`);
  if (onlyB.length) out.push(`${label} only on the new server: ${onlyB.join(', ')}`);
}

export function differences(recorded: Shape, replayed: Shape): string[] {
  const out: string[] = [];
  if (recorded.status !== replayed.status) out.push(`status: recorded ${recorded.status}, new server ${replayed.status}`);
  setDiff('preconditions', recorded.conditions, replayed.conditions, out);
  setDiff('multistatus entries', recorded.multistatus, replayed.multistatus, out);
  setDiff('findings', recorded.findings, replayed.findings, out);
  return out;
}
