// What the filter bar can ask for, and whether a row passes it. Pure, so the same code runs in the
// page and in the Node tests; free text is matched case-insensitively on a cached haystack per row.
import type { Severity } from '../../rules/model/exchange.ts';
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import type { WireExchange } from '../../rules/model/wire.ts';
import { compileFilterText, FilterError, type FilterMatcher } from '../../rules/filter/language.ts';
import { subjectOfRow } from '../../rules/filter/subjects.ts';

export type StatusClass = '' | '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'failed' | 'pending';

export interface Filter {
  /** Free text over method, URL, status, headers and whatever body is loaded. */
  readonly text: string;
  /** A method, or '' for any. */
  readonly method: string;
  readonly status: StatusClass;
  /** At least this severity among the (unsilenced) findings; '' for any. */
  readonly severity: '' | Severity;
  /** A rule id, or a prefix ending in "/" (e.g. "caldav/"); '' for any. */
  readonly ruleId: string;
  readonly hasFindings: boolean;
  /** An expression in the filter language (rules/filter/language.ts), ANDed with the rest. */
  readonly expr: string;
}

export const EMPTY_FILTER: Filter = { text: '', method: '', status: '', severity: '', ruleId: '', hasFindings: false, expr: '' };

export function isEmptyFilter(f: Filter): boolean {
  return !f.text && !f.method && !f.status && !f.severity && !f.ruleId && !f.hasFindings && !f.expr.trim();
}

export type Counts = { error: number; warning: number; info: number };

/** Finding counts by severity, leaving out the rules silenced for this session. */
export function effectiveCounts(row: ExchangeRow, silenced: ReadonlySet<string>): Counts {
  if (silenced.size === 0) return { ...row.findings };
  const out: Counts = { error: 0, warning: 0, info: 0 };
  for (const [id, counts] of Object.entries(row.ruleFindings)) {
    if (silenced.has(id)) continue;
    out.error += counts.error ?? 0;
    out.warning += counts.warning ?? 0;
    out.info += counts.info ?? 0;
  }
  return out;
}

export function statusClassOf(row: ExchangeRow): StatusClass {
  if (row.error) return 'failed';
  if (row.status === undefined) return 'pending';
  const c = Math.floor(row.status / 100);
  return c >= 1 && c <= 5 ? (`${c}xx` as StatusClass) : 'failed';
}

function ruleMatches(row: ExchangeRow, ruleId: string, silenced: ReadonlySet<string>): boolean {
  const prefix = ruleId.endsWith('/');
  return row.ruleIds.some((id) => !silenced.has(id) && (prefix ? id.startsWith(ruleId) : id === ruleId));
}

/** The server's verdicts on an expression for the exchanges it held up to throughSeq (GET /api/search?filter=). */
export interface ServerFilterMatches {
  readonly filter: string;
  readonly ids: ReadonlySet<string>;
  readonly throughSeq: number;
}

/**
 * A matcher for one filter. `haystack(row)` supplies the lower-cased searchable text (cached by the
 * caller, since it is the costly part with tens of thousands of rows).
 */
export function compileFilter(
  f: Filter,
  silenced: ReadonlySet<string>,
  haystack: (row: ExchangeRow) => string,
  detail?: (row: ExchangeRow) => WireExchange | undefined,
  /** Ids the server found holding the text in bodies the page has not loaded. */
  serverMatches?: ReadonlySet<string>,
  /** The server's verdicts on the expression, for rows whose exchange is not loaded here. */
  serverFilter?: ServerFilterMatches,
): (row: ExchangeRow) => boolean {
  const text = f.text.trim().toLowerCase();
  const method = f.method.toUpperCase();
  // A broken expression filters nothing; the bar shows why (filterExprError).
  let expr: FilterMatcher | undefined;
  try {
    expr = f.expr.trim() ? compileFilterText(f.expr) : undefined;
  } catch {
    expr = undefined;
  }
  return (row) => {
    if (expr) {
      const loaded = detail?.(row);
      // A body or XML term cannot be judged from a row: the server judged the whole exchange.
      const judged = !loaded && serverFilter && row.seq <= serverFilter.throughSeq ? serverFilter.ids.has(row.id) : expr(subjectOfRow(row, loaded));
      if (!judged) return false;
    }
    if (method && row.method.toUpperCase() !== method) return false;
    if (f.status && statusClassOf(row) !== f.status) return false;
    if (f.ruleId && !ruleMatches(row, f.ruleId, silenced)) return false;
    if (f.hasFindings || f.severity) {
      const c = effectiveCounts(row, silenced);
      if (f.hasFindings && c.error + c.warning + c.info === 0) return false;
      if (f.severity === 'error' && c.error === 0) return false;
      if (f.severity === 'warning' && c.error + c.warning === 0) return false;
      if (f.severity === 'info' && c.error + c.warning + c.info === 0) return false;
    }
    if (text && !haystack(row).includes(text) && !serverMatches?.has(row.id)) return false;
    return true;
  };
}

/** What is wrong with an expression, with where, for the filter bar; undefined when it is fine. */
export function filterExprError(expr: string): { message: string; position: number } | undefined {
  try {
    compileFilterText(expr);
    return undefined;
  } catch (err) {
    if (err instanceof FilterError) return { message: err.message, position: err.position };
    throw err;
  }
}

/** The searchable text of a row without bodies: method, target, status, error, headers. */
export function rowHaystack(row: ExchangeRow): string {
  return `${row.method} ${row.target}\n${row.status ?? ''} ${row.statusText ?? ''} ${row.error?.code ?? ''}\n${row.headerText}`.toLowerCase();
}
