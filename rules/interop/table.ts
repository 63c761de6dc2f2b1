// The interop table of `davscope interop`: one row per recorded exchange, one cell per server
// (the recording's own answers first), which cells differ from the majority or a reference column,
// and a summary per server. Pure: the sending lives in proxy/interop/.
import { primaryFindings, type Exchange, type Finding, type Severity } from '../model/exchange.ts';
import { viewOf, type ExchangeView } from '../engine/view.ts';
import { isSuccess } from '../lib/checks.ts';
import { canonicalBody } from '../compare/canonical-body.ts';
import { shapeOf, type Shape } from '../compare/exchange-shape.ts';

/** The aspects a cell is compared on; each can differ on its own. */
const ASPECTS = ['status', 'precondition', 'etag', 'sync', 'body', 'findings'] as const;
export type Aspect = (typeof ASPECTS)[number];

export interface CellFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Which side the finding blames (client, server), when the rule says. */
  readonly party?: string;
  /** The RFC sections the rule rests on ("RFC 4918 §9.7.1"). */
  readonly specs?: readonly string[];
}

export interface InteropCell {
  /** "207", "error ECONNREFUSED", or "-" when not sent. */
  readonly status: string;
  /** Decoded DAV:error preconditions, prefixed ("CALDAV:no-uid-conflict"). */
  readonly conditions: readonly string[];
  /** The ETag the answer carried: "strong", "weak", "none" (a 2xx write or read without one), or "" where it does not apply. */
  readonly etag: string;
  /** Sync token behaviour: "new token", "no token" (a sync answer without one), or "". */
  readonly sync: string;
  readonly findings: readonly CellFinding[];
  /** The body by meaning, with hrefs in the recording's terms ("" for none, or a body not compared). */
  readonly bodyKey: string;
  /** Why the cell is empty or odd: not sent, transport error, unreachable target. */
  readonly note?: string;
  /** The aspects on which this cell differs from the majority (or the reference column). */
  differs: Aspect[];
  /** When findings differ: the rules only this cell raised, and those it lacks. */
  findingsDiff?: { readonly extra: readonly string[]; readonly missing: readonly string[] };
}

export interface InteropColumn {
  readonly name: string;
  /** Where it was sent (the recorded upstream for the first column). */
  readonly url: string;
  /** Why the whole column is empty (an unreachable target). */
  readonly error?: string;
}

export interface InteropRow {
  /** Counted from 1, as everywhere in davscope. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly cells: readonly InteropCell[];
}

/** What one server did with one exchange, as the proxy side hands it over. */
export interface CellInput {
  readonly exchange?: Exchange;
  readonly findings?: readonly Finding[];
  readonly skipped?: string;
  /** This server's path → the recording's path, so hrefs compare across servers. */
  readonly toRecordedPath?: (path: string) => string;
}

export interface ServerSummary {
  readonly name: string;
  /** Exchanges with at least one differing aspect. */
  readonly differing: number;
  readonly byKind: Readonly<Record<Aspect | 'findingOnlyHere' | 'serverFault', number>>;
  /** Each finding the rules lay at this server's door, with its row and the RFC it cites. */
  readonly faults?: readonly ServerFault[];
  /** Rows that differ where the rules blame this server for nothing: allowed variation (or the client's doing). */
  readonly variation?: readonly number[];
}

export interface ServerFault {
  readonly index: number;
  readonly ruleId: string;
  readonly message: string;
  readonly specs: readonly string[];
}

const WRITE_OR_READ = new Set(['PUT', 'GET', 'HEAD']);

function findingsOf(findings: readonly Finding[]): CellFinding[] {
  // One story per fact: a folded finding restates its primary.
  return primaryFindings(findings).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...(f.party !== undefined ? { party: f.party } : {}), ...(f.specs.length ? { specs: f.specs.map((r) => (r.section ? `${r.spec} §${r.section}` : r.spec)) } : {}) }));
}

/** The body key: a multistatus by its entries (hrefs normalised, never ETag values), XML and iCalendar by meaning; other text is not compared (error pages differ in wording only). */
function bodyKeyOf(view: ExchangeView, shape: Shape): string {
  if (view.multistatus) return 'multistatus:' + shape.multistatus.join('\n');
  const body = view.exchange.response?.body;
  const key = body ? canonicalBody(body, view.resHeader('Content-Type')) : '';
  return key.startsWith('xml:') || key.startsWith('ical:') ? key : '';
}

function cellOf(input: CellInput): InteropCell {
  const ex = input.exchange;
  if (!ex) return { status: '-', conditions: [], etag: '', sync: '', findings: [], bodyKey: '', note: input.skipped ?? 'not sent', differs: [] };
  const findings = findingsOf(input.findings ?? []);
  if (!ex.response) {
    return { status: `error ${ex.error?.code ?? '?'}`, conditions: [], etag: '', sync: '', findings, bodyKey: '', note: ex.error?.message ?? 'no answer', differs: [] };
  }
  const view = viewOf(ex);
  // Status, decoded preconditions and multistatus entries as replay send compares them.
  const shape = shapeOf(ex, input.toRecordedPath ?? ((p) => p), []);
  const header = view.resHeader('ETag')?.trim();
  const etag = header ? (header.startsWith('W/') ? 'weak' : 'strong') : WRITE_OR_READ.has(view.method) && isSuccess(view.status) ? 'none' : '';
  const sync = view.responseSyncToken ? 'new token' : view.requestSyncToken !== undefined ? 'no token' : '';
  return { status: shape.status, conditions: shape.conditions, etag, sync, findings, bodyKey: bodyKeyOf(view, shape), differs: [] };
}

/** A cell's value for one aspect, as compared. */
function aspectValue(cell: InteropCell, aspect: Aspect): string {
  switch (aspect) {
    case 'status':
      return cell.status;
    case 'precondition':
      return cell.conditions.join(' ');
    case 'etag':
      return cell.etag;
    case 'sync':
      return cell.sync;
    case 'body':
      return cell.bodyKey;
    case 'findings':
      return [...new Set(cell.findings.map((f) => f.ruleId))].sort().join(' ');
  }
}

/** A cell that says nothing about the server (not sent, or its server unreachable) is left out of comparisons. */
function comparable(cell: InteropCell, column: InteropColumn): boolean {
  return !column.error && cell.status !== '-';
}

/**
 * Marks, in place, each cell's aspects that differ from the reference column's value, or with no
 * reference from the majority among the comparable cells (a tie goes to the leftmost value, so the
 * recording wins a one-to-one).
 */
function markDifferences(rows: readonly InteropRow[], columns: readonly InteropColumn[], reference?: number): void {
  for (const row of rows) {
    const live = row.cells.map((c, i) => comparable(c, columns[i]!));
    for (const aspect of ASPECTS) {
      let expected: string | undefined;
      if (reference !== undefined) {
        if (live[reference]) expected = aspectValue(row.cells[reference]!, aspect);
      } else {
        const counts = new Map<string, number>();
        row.cells.forEach((c, i) => {
          if (live[i]) counts.set(aspectValue(c, aspect), (counts.get(aspectValue(c, aspect)) ?? 0) + 1);
        });
        let best = 0;
        for (const [value, n] of counts) if (n > best) [expected, best] = [value, n];
      }
      if (expected === undefined) continue;
      row.cells.forEach((c, i) => {
        if (!live[i] || aspectValue(c, aspect) === expected) return;
        c.differs.push(aspect);
        if (aspect === 'findings') {
          const want = new Set(expected!.split(' ').filter(Boolean));
          const have = new Set(c.findings.map((f) => f.ruleId));
          c.findingsDiff = { extra: [...have].filter((r) => !want.has(r)).sort(), missing: [...want].filter((r) => !have.has(r)).sort() };
        }
      });
    }
  }
}

export function summarise(rows: readonly InteropRow[], columns: readonly InteropColumn[]): ServerSummary[] {
  return columns.map((col, i) => {
    const byKind: Record<Aspect | 'findingOnlyHere' | 'serverFault', number> = { status: 0, precondition: 0, etag: 0, sync: 0, body: 0, findings: 0, findingOnlyHere: 0, serverFault: 0 };
    let differing = 0;
    const faults: ServerFault[] = [];
    const variation: number[] = [];
    for (const row of rows) {
      const cell = row.cells[i]!;
      if (cell.differs.length) differing++;
      const blamed = cell.findings.filter((f) => f.party === 'server');
      for (const f of blamed) faults.push({ index: row.index, ruleId: f.ruleId, message: f.message, specs: f.specs ?? [] });
      if (cell.differs.length && blamed.length === 0) variation.push(row.index);
      for (const a of cell.differs) byKind[a]++;
      const others = new Set(row.cells.flatMap((c, j) => (j === i || !comparable(c, columns[j]!) ? [] : c.findings.map((f) => f.ruleId))));
      if (comparable(cell, col) && cell.findings.some((f) => !others.has(f.ruleId))) byKind.findingOnlyHere++;
      // What the rules call this server's own fault (the rest of the differences is allowed variation or the client's).
      if (blamed.length) byKind.serverFault++;
    }
    return { name: col.name, differing, byKind, faults, variation };
  });
}

/** The rows from each column's cell inputs (columns[i] ↔ inputs[i], each indexed like `recorded`). */
export function buildRows(recorded: readonly Exchange[], inputs: readonly (readonly CellInput[])[], columns: readonly InteropColumn[], reference?: number): InteropRow[] {
  const rows = recorded.map((ex, n) => ({
    index: n + 1,
    method: ex.request.method,
    path: ex.request.target,
    cells: inputs.map((column, c) => (columns[c]!.error ? { ...cellOf({}), status: '-', note: columns[c]!.error } : cellOf(column[n] ?? {}))),
  }));
  markDifferences(rows, columns, reference);
  return rows;
}

/** What the reports are made from (the HTML also gets the bodies, which the JSON leaves out). */
export interface InteropResultShape {
  readonly columns: readonly InteropColumn[];
  readonly rows: readonly InteropRow[];
  readonly summary: readonly ServerSummary[];
  readonly capabilities: readonly import('./capabilities.ts').Capabilities[];
  readonly reference?: string;
}
