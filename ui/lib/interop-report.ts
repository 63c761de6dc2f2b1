// Reads an interop report (`davscope interop --format json`, "davscopeInterop": 1) opened in the
// page into the shape the renderers share; anything else is not one.
import type { InteropResultShape } from '../../rules/interop/table.ts';
import type { Capabilities } from '../../rules/interop/capabilities.ts';

export interface OpenedInterop {
  readonly recording: string;
  readonly result: InteropResultShape;
}

/** The report, or undefined when the text is not an interop report davscope can read. */
export function interopReportOf(text: string): OpenedInterop | undefined {
  if (!/^\s*\{/.test(text) || !text.includes('"davscopeInterop"')) return undefined;
  let v: { davscopeInterop?: unknown; recording?: unknown; reference?: unknown; columns?: unknown; rows?: unknown; summary?: unknown; capabilities?: unknown };
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    return undefined;
  }
  if (v.davscopeInterop !== 1) throw new Error(`this page reads interop reports of version 1; this one says ${String(v.davscopeInterop)}`);
  if (!Array.isArray(v.columns) || !Array.isArray(v.rows) || !Array.isArray(v.summary)) throw new Error('this interop report has no columns, rows or summary');
  const columns = v.columns as InteropResultShape['columns'];
  const caps = (v.capabilities ?? {}) as Record<string, Capabilities>;
  return {
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
