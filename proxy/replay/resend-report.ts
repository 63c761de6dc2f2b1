// The side-by-side report of an interop re-send, as text (for a terminal), JSON (for tools) or
// Markdown (for an issue or a pull request).
import type { ResendRow } from './resend.ts';

export type ReportFormat = 'text' | 'json' | 'markdown';

export function summaryLine(rows: readonly ResendRow[]): string {
  const differing = rows.filter((r) => r.differences.length > 0).length;
  const skipped = rows.filter((r) => r.skipped).length;
  return `${rows.length} exchanges re-sent: ${differing === 0 ? 'no difference' : `${differing} differ`}${skipped ? `, ${skipped} skipped` : ''}`;
}

export function formatReport(rows: readonly ResendRow[], format: ReportFormat, recordedFrom: string, sentTo: string): string {
  if (format === 'json') {
    return JSON.stringify({ recordedFrom, sentTo, identical: rows.every((r) => r.differences.length === 0), exchanges: rows }, null, 2) + '\n';
  }
  const status = (r: ResendRow, side: 'recorded' | 'replayed') => r[side]?.status ?? '-';
  if (format === 'markdown') {
    const lines = [
      `## davscope interop re-send`,
      '',
      `Recorded against \`${recordedFrom}\`, re-sent to \`${sentTo}\`: ${summaryLine(rows)}.`,
      '',
      '| # | request | recorded | new server | differences |',
      '| --- | --- | --- | --- | --- |',
    ];
    for (const r of rows) {
      const diff = r.skipped ? `skipped: ${r.skipped}` : r.differences.length ? r.differences.join('<br>') : 'same';
      lines.push(`| ${r.index} | \`${r.method} ${r.target.replace(/\|/g, '\\|')}\` | ${status(r, 'recorded')} | ${status(r, 'replayed')} | ${diff.replace(/\|/g, '\\|')} |`);
    }
    return lines.join('\n') + '\n';
  }
  const width = Math.min(60, Math.max(...rows.map((r) => r.method.length + r.target.length + 1), 10));
  const lines = [`recorded against ${recordedFrom}, re-sent to ${sentTo}`, ''];
  lines.push(`${'#'.padStart(4)}  ${'request'.padEnd(width)}  recorded  new    `);
  for (const r of rows) {
    const req = `${r.method} ${r.target}`;
    const mark = r.skipped ? 'skipped' : r.differences.length ? 'DIFFERS' : 'same';
    lines.push(`${String(r.index).padStart(4)}  ${(req.length > width ? req.slice(0, width - 1) + '…' : req).padEnd(width)}  ${String(status(r, 'recorded')).padEnd(8)}  ${String(status(r, 'replayed')).padEnd(5)}  ${mark}`);
    if (r.skipped) lines.push(`        ${r.skipped}`);
    for (const d of r.differences) lines.push(`        ${d}`);
  }
  lines.push('', summaryLine(rows));
  return lines.join('\n') + '\n';
}
