// The words a cell of the interop table is shown with, aspect by aspect, shared by the Markdown
// and HTML renderers (and the JSON's shape), so every output says the same thing.
import type { Aspect, InteropCell, InteropResultShape, ServerSummary } from './table.ts';
import { CAPABILITY_LABELS, type Capabilities } from './capabilities.ts';

export interface CellPart {
  readonly aspect: Aspect | 'note';
  readonly text: string;
  readonly differs: boolean;
}

export function cellParts(cell: InteropCell): CellPart[] {
  const d = (a: Aspect) => cell.differs.includes(a);
  const parts: CellPart[] = [{ aspect: 'status', text: cell.status, differs: d('status') }];
  if (cell.conditions.length) parts.push({ aspect: 'precondition', text: cell.conditions.join(', '), differs: d('precondition') });
  else if (d('precondition')) parts.push({ aspect: 'precondition', text: 'no precondition', differs: true });
  if (cell.etag) parts.push({ aspect: 'etag', text: `ETag ${cell.etag}`, differs: d('etag') });
  else if (d('etag')) parts.push({ aspect: 'etag', text: 'no ETag', differs: true });
  if (cell.sync) parts.push({ aspect: 'sync', text: `sync: ${cell.sync}`, differs: d('sync') });
  if (d('body')) parts.push({ aspect: 'body', text: 'body differs', differs: true });
  // One line per rule (a rule firing twice on one exchange says ×2).
  const seen = new Map<string, { n: number; differs: boolean }>();
  for (const f of cell.findings) {
    // Whose fault, when the finding says.
    const text = `${f.ruleId} (${f.severity}${f.party ? `, ${f.party}` : ''})`;
    const differs = cell.findingsDiff?.extra.includes(f.ruleId) ?? false;
    seen.set(text, { n: (seen.get(text)?.n ?? 0) + 1, differs });
  }
  for (const [text, { n, differs }] of seen) parts.push({ aspect: 'findings', text: n > 1 ? `${text} ×${n}` : text, differs });
  for (const ruleId of cell.findingsDiff?.missing ?? []) parts.push({ aspect: 'findings', text: `without ${ruleId}`, differs: true });
  if (cell.note) parts.push({ aspect: 'note', text: cell.note, differs: false });
  return parts;
}

/** The kinds a summary counts, in the words the reports use. */
export const SUMMARY_KINDS = [
  ['status', 'status'],
  ['precondition', 'precondition'],
  ['etag', 'ETag'],
  ['sync', 'sync token'],
  ['body', 'body'],
  ['findingOnlyHere', 'finding only here'],
  ['serverFault', "the server's fault (rules)"],
] as const;

export function capabilityRows(result: Pick<InteropResultShape, 'capabilities'>): { label: string; key: keyof Capabilities; values: string[] }[] {
  return (Object.keys(CAPABILITY_LABELS) as (keyof Capabilities)[]).map((key) => ({ label: CAPABILITY_LABELS[key], key, values: result.capabilities.map((c) => c[key]) }));
}

/** The words under the summary for one server: each finding the rules lay at its door (row, rule,
 *  RFC, message), then the differing rows they do not blame it for. Empty for a report without them. */
export function faultLines(summary: ServerSummary): { faults: string[]; variation: string | undefined } {
  const faults = (summary.faults ?? []).map((f) => `#${f.index} ${f.ruleId}${f.specs.length ? ` (${f.specs.join(', ')})` : ''}: ${f.message}`);
  const rows = summary.variation ?? [];
  return { faults, variation: rows.length ? `differs where no rule blames it (allowed variation, or the client's doing): ${rows.map((n) => `#${n}`).join(', ')}` : undefined };
}
