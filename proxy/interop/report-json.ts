// The interop report as versioned JSON ("davscopeInterop": 1; README's "davscope interop" section
// documents the shape). Bodies are left out: the HTML report shows them.
import type { InteropResultShape } from '../../rules/interop/table.ts';

export const INTEROP_JSON_VERSION = 1;

export function renderJson(result: InteropResultShape, recordingFile: string): string {
  return (
    JSON.stringify(
      {
        davscopeInterop: INTEROP_JSON_VERSION,
        recording: recordingFile,
        ...(result.reference ? { reference: result.reference } : {}),
        columns: result.columns,
        rows: result.rows,
        summary: result.summary,
        capabilities: Object.fromEntries(result.columns.map((c, i) => [c.name, result.capabilities[i]])),
      },
      null,
      2,
    ) + '\n'
  );
}
