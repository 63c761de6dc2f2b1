// The interop report as one self-contained HTML file (inline CSS and a few lines of inline JS, no
// external fetch): differing cells carry the class "differs", and a click on a row opens the
// bodies side by side. Everything from traffic goes through escapeXml: text, never markup.
import type { InteropResultShape } from '../../rules/interop/table.ts';
import { capabilityRows, cellParts, faultLines, SUMMARY_KINDS } from '../../rules/interop/cell-text.ts';
import { escapeXml as esc } from '../../rules/lib/escape.ts';
import type { CellBody } from './run-interop.ts';

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}
tr.exchange{cursor:pointer}tr.exchange:hover{background:#f7f9ff}
td.differs{background:#fff0d6;border-left:4px solid #e08a00}
span.part{display:block}span.part.differs{font-weight:bold;color:#a44a00}
span.aspect-note{color:#666;font-style:italic}
td.error{background:#fde7e7;color:#8a1111}
tr.bodies>td{background:#fafafa}
.side{display:flex;gap:.6em;align-items:flex-start}
.side>div{flex:1;min-width:0}
.side pre{white-space:pre-wrap;word-break:break-all;font-size:12px;background:#fff;border:1px solid #ddd;padding:.4em;max-height:30em;overflow:auto}
.badge{font-size:12px;padding:0 .3em;border-radius:3px;background:#e6f4e6}
.badge.differs{background:#fff0d6;color:#a44a00}
code{font-size:13px}
@media (prefers-color-scheme:dark){body{background:#1b1b1b;color:#ddd}th{background:#2a2a2a}td.differs{background:#4a3510}tr.bodies>td{background:#222}.side pre{background:#111;border-color:#444}tr.exchange:hover{background:#26303f}}
`;

const JS = `
document.querySelectorAll('tr.exchange').forEach(function (row) {
  row.addEventListener('click', function () {
    var next = row.nextElementSibling;
    if (next && next.classList.contains('bodies')) { next.hidden = !next.hidden; row.setAttribute('aria-expanded', String(!next.hidden)); }
  });
});
`;

export function renderHtml(result: InteropResultShape, bodies: readonly (readonly CellBody[])[], recordingFile: string): string {
  const cols = result.columns;
  const head = cols.map((c) => `<th title="${esc(c.url)}">${esc(c.name)}</th>`).join('');
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>davscope interop: ${esc(recordingFile)}</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>davscope interop</h1><p>Recording <code>${esc(recordingFile)}</code> sent to ${cols.slice(1).map((c) => `<b>${esc(c.name)}</b> (<code>${esc(c.url)}</code>)`).join(', ')}. `);
  out.push(result.reference ? `Cells that differ from <b>${esc(result.reference)}</b> are highlighted.` : 'Cells that differ from the majority are highlighted.');
  out.push(' Click a row for the bodies side by side.</p>');
  const broken = cols.filter((c) => c.error);
  if (broken.length) out.push(`<ul class="errors">${broken.map((c) => `<li><b>${esc(c.name)}</b>: ${esc(c.error!)}</li>`).join('')}</ul>`);
  out.push(`<table id="exchanges"><thead><tr><th>#</th><th>request</th>${head}</tr></thead><tbody>`);
  result.rows.forEach((row, r) => {
    const cells = row.cells
      .map((cell, c) => {
        const cls = [cols[c]!.error || cell.status.startsWith('error') ? 'error' : '', cell.differs.length ? 'differs' : ''].filter(Boolean).join(' ');
        const parts = cellParts(cell).map((p) => `<span class="part aspect-${p.aspect}${p.differs ? ' differs' : ''}">${esc(p.text)}</span>`);
        return `<td${cls ? ` class="${cls}"` : ''} data-column="${esc(cols[c]!.name)}"${cell.differs.length ? ` data-differs="${cell.differs.join(' ')}"` : ''}>${parts.join('')}</td>`;
      })
      .join('');
    out.push(`<tr class="exchange" id="x${row.index}" aria-expanded="false"><td>${row.index}</td><td><code>${esc(row.method)} ${esc(row.path)}</code></td>${cells}</tr>`);
    const side = row.cells
      .map((cell, c) => {
        const body = bodies[r]?.[c];
        const badge = cell.status === '-' || cols[c]!.error ? '' : cell.differs.includes('body') ? '<span class="badge differs">differs by meaning</span>' : '<span class="badge">same meaning</span>';
        return `<div><b>${esc(cols[c]!.name)}</b> ${badge}${body?.contentType ? ` <small>${esc(body.contentType)}</small>` : ''}<pre>${body ? esc(body.text) : '(no body)'}</pre></div>`;
      })
      .join('');
    out.push(`<tr class="bodies" hidden><td colspan="${cols.length + 2}"><div class="side">${side}</div></td></tr>`);
  });
  out.push('</tbody></table>');
  out.push(`<h2>Summary</h2><table id="summary"><thead><tr><th>server</th><th>exchanges that differ</th>${SUMMARY_KINDS.map(([, l]) => `<th>${esc(l)}</th>`).join('')}</tr></thead><tbody>`);
  for (const s of result.summary) out.push(`<tr><td>${esc(s.name)}</td><td>${s.differing}</td>${SUMMARY_KINDS.map(([k]) => `<td>${s.byKind[k]}</td>`).join('')}</tr>`);
  out.push('</tbody></table>');
  for (const s of result.summary) {
    const { faults, variation } = faultLines(s);
    if (!faults.length && !variation) continue;
    out.push(`<div class="faults" data-server="${esc(s.name)}"><b>${esc(s.name)}</b>: ${faults.length ? 'where the rules call it at fault:' : 'no rule calls it at fault.'}<ul>${[...faults, ...(variation ? [variation] : [])].map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`);
  }
  out.push(`<h2>Capabilities</h2><table id="capabilities"><thead><tr><th></th>${head}</tr></thead><tbody>`);
  for (const row of capabilityRows(result)) out.push(`<tr><th>${esc(row.label)}</th>${row.values.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`);
  out.push(`</tbody></table><script>${JS}</script></body></html>\n`);
  return out.join('');
}
