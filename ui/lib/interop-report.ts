// Reads an interop report (`davscope interop --format json`, "davscopeInterop": 1) opened in the
// page into the shape the renderers share; anything else is not one.
import type { InteropResultShape } from '../../rules/interop/table.ts';
import type { Capabilities } from '../../rules/interop/capabilities.ts';

/** A response body of one cell, as text. */
interface InteropBody {
  readonly contentType?: string;
  readonly text: string;
}

export interface OpenedInterop {
  readonly recording: string;
  readonly result: InteropResultShape;
  /** bodies[row][column], when the report carries them (runs from the page do). */
  readonly bodies?: readonly (readonly (InteropBody | null)[])[];
}

function bodiesOf(v: unknown): OpenedInterop['bodies'] {
  if (!Array.isArray(v)) return undefined;
  const cell = (b: unknown): InteropBody | null =>
    b && typeof b === 'object' && typeof (b as InteropBody).text === 'string'
      ? { text: (b as InteropBody).text, ...(typeof (b as InteropBody).contentType === 'string' ? { contentType: (b as InteropBody).contentType! } : {}) }
      : null;
  return v.map((row) => (Array.isArray(row) ? row.map(cell) : []));
}

/** The report, or undefined when the text is not an interop report (a HAR that merely mentions one is not). */
export function interopReportOf(text: string): OpenedInterop | undefined {
  // Cheap before parsing: the page reads recordings and HAR files of hundreds of MB too.
  if (!/^\s*\{/.test(text) || !text.includes('"davscopeInterop"')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return interopReportFromValue(value);
}

/** The report from its parsed JSON (a file, or the last line of a run from the page); undefined for anything else. */
export function interopReportFromValue(value: unknown): OpenedInterop | undefined {
  if (!value || typeof value !== 'object' || !Object.hasOwn(value, 'davscopeInterop')) return undefined;
  const v = value as { davscopeInterop?: unknown; recording?: unknown; reference?: unknown; columns?: unknown; rows?: unknown; summary?: unknown; capabilities?: unknown; bodies?: unknown };
  if (v.davscopeInterop !== 1) throw new Error(`this page reads interop reports of version 1; this one says ${String(v.davscopeInterop)}`);
  if (!Array.isArray(v.columns) || !Array.isArray(v.rows) || !Array.isArray(v.summary)) throw new Error('this interop report has no columns, rows or summary');
  const columns = v.columns as InteropResultShape['columns'];
  const caps = (v.capabilities ?? {}) as Record<string, Capabilities>;
  const bodies = bodiesOf(v.bodies);
  return {
    ...(bodies ? { bodies } : {}),
    recording: typeof v.recording === 'string' ? v.recording : 'a recording',
    result: {
      columns,
      rows: v.rows as InteropResultShape['rows'],
      summary: v.summary as InteropResultShape['summary'],
      capabilities: columns.map((c) => caps[c.name] ?? ({} as Capabilities)),
      ...(typeof v.reference === 'string' ? { reference: v.reference } : {}),
    },
  };
}
