// `davscope rules` lists the rule catalogue; `davscope rules ID` prints one rule's docs, so the ids
// named in findings and in davscope.config.json can be looked up from the terminal.
import { closeMatches } from '../../rules/index.ts';
import { allRules } from '../../rules/registry.ts';
import type { AnyRule } from '../../rules/engine/define-rule.ts';
import { UsageError } from '../usage.ts';
import type { Command } from './command.ts';

export const RULES_USAGE = `Usage: davscope rules [ID]

  davscope rules       list every rule: id, default severity, summary
  davscope rules ID    explain one rule: what it checks, why it matters, its messages and fixes, spec links
`;

/** Wraps prose at `width` columns after an indent, keeping blank-line paragraphs. */
function wrap(text: string, indent: string, width = 88): string {
  return text
    .split(/\n\s*\n/)
    .map((para) => {
      const words = para.replace(/\s+/g, ' ').trim().split(' ');
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && indent.length + line.length + 1 + w.length > width) {
          lines.push(indent + line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) lines.push(indent + line);
      return lines.join('\n');
    })
    .join('\n\n');
}

function describe(rule: AnyRule): string {
  const out = [`${rule.id}  (default severity: ${rule.severity})`, '', wrap(rule.docs.summary, '  '), '', wrap(rule.docs.details, '  '), ''];
  const messages = Object.entries(rule.messages);
  if (messages.length) {
    out.push('Messages:');
    for (const [id, m] of messages) out.push(`  ${id}: ${m.message}`, wrap(`fix: ${m.fix}`, '      '));
    out.push('');
  }
  if (rule.docs.specs.length) {
    out.push('Specs:');
    for (const s of rule.docs.specs) out.push(`  ${s.spec}${s.section ? ` §${s.section}` : ''}  ${s.url}`);
    out.push('');
  }
  out.push(`Configure it with --rule ${rule.id}=off|info|warning|error, or in davscope.config.json: {"rules": {"${rule.id}": "off"}}`);
  return out.join('\n') + '\n';
}

export const rulesCommand: Command<{ readonly id?: string }> = {
  name: 'rules',
  usage: RULES_USAGE,
  parse(argv) {
    if (argv.includes('-h') || argv.includes('--help')) return 'help';
    if (argv.length > 1 || argv[0]?.startsWith('-')) throw new UsageError(`unexpected ${argv.length > 1 ? `arguments ${argv.slice(1).join(' ')}` : `option ${argv[0]}`}`);
    return argv[0] === undefined ? {} : { id: argv[0] };
  },
  run: async ({ id }) => explain(id),
};

function explain(id: string | undefined): number {
  const sorted = [...allRules].sort((a, b) => a.id.localeCompare(b.id));
  if (id === undefined) {
    const width = Math.max(...sorted.map((r) => r.id.length));
    const lines = sorted.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.docs.summary}`);
    process.stdout.write(`${lines.join('\n')}\n\n${sorted.length} rules; \`davscope rules ID\` explains one.\n`);
    return 0;
  }
  const rule = sorted.find((r) => r.id === id);
  if (!rule) {
    const near = closeMatches(id, sorted.map((r) => r.id));
    process.stderr.write(`davscope rules: no rule "${id}"${near.length ? `; did you mean ${near.map((x) => `"${x}"`).join(', ')}?` : ''}\n`);
    return 2;
  }
  process.stdout.write(describe(rule));
  return 0;
}
