// The README and the commands' usage texts say the same: every flag a command takes is documented,
// and the proxy's flag table lists exactly the flags `davscope --help` does. Both are made by hand
// for readers, so this test keeps them in step.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../../proxy/commands/registry.ts';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));

/** The flags of README's proxy table: the first cell of each row under "| flag | default | meaning |". */
function readmeTableFlags(): Set<string> {
  const start = readme.indexOf('| flag | default | meaning |');
  expect(start, 'README has the proxy flag table').toBeGreaterThan(0);
  const rows = readme.slice(start).split('\n').slice(2);
  const table = rows.slice(0, rows.findIndex((r) => !r.startsWith('|')));
  return new Set(table.flatMap((r) => [...flagsIn(r.split('|')[1]!)]));
}

describe('README and usage', () => {
  it('lists in the proxy flag table exactly the flags of `davscope --help`', async () => {
    const proxy = await COMMANDS.find((c) => c.name === '')!.load();
    // --help and --version are about the command line itself, not the proxy.
    const usage = [...flagsIn(proxy.usage.slice(proxy.usage.indexOf('Options:')))].filter((f) => f !== '--help' && f !== '--version');
    const table = readmeTableFlags();
    expect(usage.filter((f) => !table.has(f)), 'in --help, missing from README').toEqual([]);
    expect([...table].filter((f) => !usage.includes(f)), 'in README, missing from --help').toEqual([]);
  });

  it('documents every command and every flag each one takes', async () => {
    for (const entry of COMMANDS.filter((c) => c.name !== '')) {
      expect(readme, entry.name).toContain(`davscope ${entry.name}`);
      const command = await entry.load();
      const missing = [...flagsIn(command.usage)].filter((f) => f !== '--help' && !readme.includes(f));
      expect(missing, `flags of davscope ${entry.name} missing from README`).toEqual([]);
    }
  });

  it('loads each command under the name the registry gives it', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name, entry.name).toBe(entry.name);
  });
});
