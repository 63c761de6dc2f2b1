// Starts an interop run from the page (POST /api/interop) and reads its NDJSON answer as it comes:
// progress per target, warnings, then the report (the same JSON `davscope interop --format json`
// writes) or the reason it failed.
import { interopReportFromValue, type OpenedInterop } from './interop-report.ts';
import { readNdjson } from './ndjson.ts';
import { postForAnswer, refusal } from './post-json.ts';

export interface InteropRunAsk {
  /** Names or URLs typed into the page; the proxy accepts only its --interop-target servers. */
  readonly targets: readonly string[];
  /** Only these exchanges (the shown rows); all completed ones when absent. */
  readonly ids?: readonly string[];
  readonly reference?: string;
}

type Line = { progress?: { target: string; n: number; total: number }; warning?: string; report?: unknown; error?: string };

export async function runInteropFromPage(
  ask: InteropRunAsk,
  onProgress: (target: string, n: number, total: number) => void,
): Promise<{ readonly report?: OpenedInterop; readonly json?: string; readonly error?: string; readonly warnings: readonly string[] }> {
  const warnings: string[] = [];
  const sent = await postForAnswer('/api/interop', ask);
  if ('error' in sent) return { error: sent.error, warnings };
  if (!sent.res.ok || !sent.res.body) return { error: await refusal(sent.res), warnings };
  let end: { report?: OpenedInterop; json?: string; error?: string } = { error: 'the run ended without a table (davscope stopped?)' };
  await readNdjson(sent.res.body, (value) => {
    const line = value as Line;
    if (line.progress) onProgress(line.progress.target, line.progress.n, line.progress.total);
    if (typeof line.warning === 'string') warnings.push(line.warning);
    if (typeof line.error === 'string') end = { error: line.error };
    else if (line.report !== undefined) {
      const report = interopReportFromValue(line.report);
      // Saved as the command writes it, so the page (or davscope) opens it again.
      end = report ? { report, json: JSON.stringify(line.report, null, 2) + '\n' } : { error: 'davscope sent a report this page cannot read' };
    } else return false;
    return true;
  });
  return { ...end, warnings };
}
