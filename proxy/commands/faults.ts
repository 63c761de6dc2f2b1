// `davscope faults` lists the preset faults: what each does, what a correct client does next and
// where that is written; `davscope faults NAME` prints one with its JSON, to start a --faults file.
import { PRESETS, presetNamed } from '../../rules/faults/presets.ts';
import { closeMatches } from '../../rules/index.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

export const FAULTS_USAGE = `Usage: davscope faults [NAME]

  davscope faults        list the preset faults: what each does, what a correct client does next
  davscope faults NAME   one preset in full, with its JSON (a start for a --faults file)

Turn presets on with --fault NAME (repeatable) on the proxy or replay serve, or in the page's
Faults panel; write your own in a --faults FILE.
`;

export const faultsCommand: Command<{ name?: string }> = {
  name: 'faults',
  usage: FAULTS_USAGE,
  parse(argv) {
    const { values, positionals } = parseArgsOrUsage({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) return 'help';
    if (positionals.length > 1) throw new UsageError('give at most one fault name');
    return positionals[0] === undefined ? {} : { name: positionals[0] };
  },
  async run({ name }) {
    if (name === undefined) {
      const width = Math.max(...PRESETS.map((p) => p.fault.name.length));
      for (const p of PRESETS) {
        process.stdout.write(`${p.fault.name.padEnd(width)}  ${p.does}\n${' '.repeat(width)}  correct client: ${p.correctClient} (${p.spec})\n`);
      }
      return 0;
    }
    const p = presetNamed(name);
    if (!p) {
      const close = closeMatches(name, PRESETS.map((x) => x.fault.name));
      process.stderr.write(`davscope faults: no preset named "${name}"${close.length ? `; did you mean ${close.join(' or ')}?` : ''}\n`);
      return 2;
    }
    process.stdout.write(`${p.fault.name}\n  does: ${p.does}\n  a correct client: ${p.correctClient}\n  see: ${p.spec}\n\n${JSON.stringify([p.fault], null, 2)}\n`);
    return 0;
  },
};
