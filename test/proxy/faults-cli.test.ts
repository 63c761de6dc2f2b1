// The faults on the command line, run as a user runs them: `davscope faults` lists every preset
// with what a correct client does, one preset prints as a fault file, and a wrong name or a bad
// file is refused (exit 2) with what to write instead.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { davscope } from '../lint/davscope-cli.ts';
import { PRESETS } from '../../rules/faults/presets.ts';
import { checkFaults } from '../../rules/faults/spec.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-faults-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('davscope faults', () => {
  it('lists every preset with what it does and what a correct client does next', async () => {
    const r = await davscope(['faults']);
    expect(r.code).toBe(0);
    for (const p of PRESETS) expect(r.stdout).toContain(`${p.fault.name.padEnd(19)}  ${p.does}`);
    expect(r.stdout.match(/correct client: /g)?.length).toBe(PRESETS.length);
  });

  it('prints one preset with JSON that is a valid --faults file', async () => {
    const r = await davscope(['faults', 'sync-token-expired']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RFC 6578 §3.2');
    const json = r.stdout.slice(r.stdout.indexOf('['));
    expect(checkFaults(JSON.parse(json)).map((f) => f.name)).toEqual(['sync-token-expired']);
  });

  it('refuses an unknown preset with the close match, for faults and for --fault', async () => {
    const list = await davscope(['faults', 'bussy']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('did you mean busy?');
    const proxy = await davscope(['--target', 'http://127.0.0.1:9', '--fault', 'qouta']);
    expect(proxy.code).toBe(2);
    expect(proxy.stderr).toContain('no preset named "qouta"; did you mean quota?');
  });

  it('refuses a --faults file with the field and the reason, before listening', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ name: 'x', match: { methods: ['PUT'] }, action: { kind: 'answer', status: 42 } }]));
    const r = await davscope(['--target', 'http://127.0.0.1:9', '--faults', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--faults ${file}: faults[0].action.status: a status from 200 to 599`);
    writeFileSync(file, '{not json');
    expect((await davscope(['replay', 'serve', file, '--faults', file])).stderr).toContain(`--faults ${file}:`);
  });
});
