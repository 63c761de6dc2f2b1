// The catalogue test: every rule file is registered, documented, tested, and named by its id; README is in sync.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/registry.ts';
import { renderCatalogue } from '../../rules/catalogue-page.ts';
import type { AnyRule } from '../../rules/engine/define-rule.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LAYERS = ['http', 'webdav', 'caldav', 'ical', 'xml'];

function isRule(x: unknown): x is AnyRule {
  return typeof x === 'object' && x !== null && typeof (x as AnyRule).id === 'string' && typeof (x as AnyRule).check === 'function';
}

/** A layer folder holds rules and nothing else: parsers live in rules/parse/, helpers in rules/lib/. */
async function ruleFiles(): Promise<{ file: string; rule: AnyRule; exports: string[] }[]> {
  const out: { file: string; rule: AnyRule; exports: string[] }[] = [];
  for (const layer of LAYERS) {
    const dir = `${root}rules/${layer}`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const mod = (await import(`${dir}/${name}`)) as Record<string, unknown>;
      out.push({ file: `rules/${layer}/${name}`, rule: mod.default as AnyRule, exports: Object.keys(mod) });
    }
  }
  return out;
}

describe('rule catalogue', () => {
  it('has one rule per file in each layer folder, its default export and only export', async () => {
    for (const { file, rule, exports } of await ruleFiles()) {
      expect(exports, file).toEqual(['default']);
      expect(isRule(rule), `${file} exports a rule`).toBe(true);
    }
  });

  it('registers every rule file', async () => {
    const registered = new Set(allRules);
    const missing = (await ruleFiles()).filter(({ rule }) => !registered.has(rule)).map(({ file }) => file);
    expect(missing, 'rule files not in rules/registry.ts').toEqual([]);
  });

  it('keeps the registry sorted by id', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('has unique ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('names each rule file by its id, in a known layer', async () => {
    for (const { file, rule } of await ruleFiles()) expect(file, `rule ${rule.id}`).toBe(`rules/${rule.id}.ts`);
    for (const rule of allRules) expect(LAYERS, rule.id).toContain(rule.id.split('/')[0]);
  });

  it('documents every rule: summary, at least one spec reference, details, and messages with fixes', () => {
    for (const rule of allRules) {
      expect(rule.docs.summary.trim().length, `${rule.id} summary`).toBeGreaterThan(10);
      expect(rule.docs.specs.length, `${rule.id} specs`).toBeGreaterThan(0);
      for (const s of rule.docs.specs) expect(s.url, `${rule.id} spec url`).toMatch(/^https:\/\//);
      expect(rule.docs.details.trim().length, `${rule.id} details`).toBeGreaterThan(40);
      expect(Object.keys(rule.messages).length, `${rule.id} messages`).toBeGreaterThan(0);
      for (const [id, m] of Object.entries(rule.messages)) {
        expect(m.message.trim(), `${rule.id}/${id} message`).not.toBe('');
        expect(m.fix.trim(), `${rule.id}/${id} fix`).not.toBe('');
      }
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(['client', 'server', 'both', 'unknown', 'by-side'], `${rule.id} party`).toContain(rule.party);
    }
  });

  it('has a test file for every rule', () => {
    const missing = allRules.map((r) => `test/rules/${r.id}.test.ts`).filter((f) => !existsSync(`${root}${f}`));
    expect(missing).toEqual([]);
  });

  it('starts every rule file with a comment saying what it is for', async () => {
    for (const { file } of await ruleFiles()) expect(readFileSync(`${root}${file}`, 'utf8'), file).toMatch(/^\/\/ \S/);
  });

  it('keeps rules/README.md in sync with the registry', () => {
    const expected = renderCatalogue(allRules);
    const actual = existsSync(`${root}rules/README.md`) ? readFileSync(`${root}rules/README.md`, 'utf8') : '';
    expect(actual === expected, 'rules/README.md is out of date: run `npx tsx test/rules/write-catalogue.ts`').toBe(true);
  });
});
