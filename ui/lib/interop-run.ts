// Starts an interop run from the page (POST /api/interop) and reads its NDJSON answer as it comes:
// progress per target, warnings, then the report (the same JSON `davscope interop --format json`
// writes) or the reason it failed.
import { interopReportOf, type OpenedInterop } from './interop-report.ts';

export interface InteropRunAsk {
  /** Names or URLs typed into the page; the proxy accepts only its --interop-target servers. */
  readonly targets: readonly string[];
  /** Only these exchanges (the shown rows); all completed ones when absent. */
  readonly ids?: readonly string[];
  readonly reference?: string;
}

export interface InteropRunEnd {
  readonly report?: OpenedInterop;
  /** The report as JSON text, for saving. */
  readonly json?: string;
  readonly error?: string;
  readonly warnings: readonly string[];
}

type Line = { started?: unknown; progress?: { target: string; n: number; total: number }; warning?: string; report?: unknown; error?: string };

export async function runInteropFromPage(ask: InteropRunAsk, onProgress: (target: string, n: number, total: number) => void, fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<InteropRunEnd> {
  const warnings: string[] = [];
  let res: Response;
  try {
    res = await fetchFn('/api/interop', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ask) });
  } catch (err) {
    return { error: `davscope did not answer: ${(err as Error).message}`, warnings };
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown };
    return { error: typeof body.error === 'string' ? body.error : `davscope answered ${res.status}`, warnings };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { error: 'the run ended without a table (davscope stopped?)', warnings };
    pending += value;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = JSON.parse(pending.slice(0, nl)) as Line;
      pending = pending.slice(nl + 1);
      if (line.progress) onProgress(line.progress.target, line.progress.n, line.progress.total);
      if (typeof line.warning === 'string') warnings.push(line.warning);
      if (typeof line.error === 'string') return { error: line.error, warnings };
      if (line.report !== undefined) {
        const json = JSON.stringify(line.report, null, 2) + '\n';
        const report = interopReportOf(json);
        return report ? { report, json, warnings } : { error: 'davscope sent a report this page cannot read', warnings };
      }
    }
  }
}
