// The interop report as Markdown (for an issue or a pull request): the table with differing parts
// in bold and marked ⚠, the summary per server, and the capabilities.
import type { InteropResultShape } from '../../rules/interop/table.ts';
import { capabilityRows, cellParts, faultLines, SUMMARY_KINDS } from '../../rules/interop/cell-text.ts';

/** Table-cell safe: no pipe or newline breaks the row, no HTML from traffic is rendered. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

export function renderMarkdown(result: InteropResultShape, recordingFile: string): string {
  const names = result.columns.map((c) => md(c.name));
  const lines = [
    '## davscope interop',
    '',
    `Recording \`${md(recordingFile)}\` sent to ${result.columns.slice(1).map((c) => `**${md(c.name)}** (\`${md(c.url)}\`)`).join(', ')}. ` +
      (result.reference ? `Cells that differ from **${md(result.reference)}** are in bold and marked ⚠.` : 'Cells that differ from the majority are in bold and marked ⚠.'),
    '',
  ];
  for (const c of result.columns) if (c.error) lines.push(`- **${md(c.name)}**: ${md(c.error)}`);
  if (result.columns.some((c) => c.error)) lines.push('');
  lines.push(`| # | request | ${names.join(' | ')} |`, `| --- | --- | ${names.map(() => '---').join(' | ')} |`);
  for (const row of result.rows) {
    const cells = row.cells.map((cell) => {
      const parts = cellParts(cell).map((p) => (p.differs ? `**${md(p.text)}**` : md(p.text)));
      return (cell.differs.length ? '⚠ ' : '') + parts.join('<br>');
    });
    lines.push(`| ${row.index} | \`${md(row.method)} ${md(row.path)}\` | ${cells.join(' | ')} |`);
  }
  lines.push('', '### Summary', '', `| server | exchanges that differ | ${SUMMARY_KINDS.map(([, label]) => label).join(' | ')} |`, `| --- | --- | ${SUMMARY_KINDS.map(() => '---').join(' | ')} |`);
  for (const s of result.summary) lines.push(`| ${md(s.name)} | ${s.differing} | ${SUMMARY_KINDS.map(([k]) => s.byKind[k]).join(' | ')} |`);
  for (const s of result.summary) {
    const { faults, variation } = faultLines(s);
    if (!faults.length && !variation) continue;
    lines.push('', `**${md(s.name)}**: ${faults.length ? 'where the rules call it at fault:' : 'no rule calls it at fault.'}`, '');
    for (const f of faults) lines.push(`- ${md(f)}`);
    if (variation) lines.push(`- ${md(variation)}`);
  }
  lines.push('', '### Capabilities', '', `| | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---').join(' | ')} |`);
  for (const r of capabilityRows(result)) lines.push(`| ${r.label} | ${r.values.map(md).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
