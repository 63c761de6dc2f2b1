// The new-rule generator keeps the registry in id order, so a rule added by the recipe passes the
// catalogue test's "sorted by id" check without hand-editing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addToRegistry, importName } from './new-rule.ts';

const registry = readFileSync(fileURLToPath(new URL('../../rules/registry.ts', import.meta.url)), 'utf8');

describe('new-rule', () => {
  it('names the import after the id', () => {
    expect(importName('caldav/put-without-etag')).toBe('caldavPutWithoutEtag');
    expect(importName('http/auth-401-loop')).toBe('httpAuth401Loop');
  });

  for (const id of ['caldav/aaa-first', 'http/middle-rule', 'xml/zzz-last', 'ical/start-end-consistencz']) {
    it(`adds ${id} to the imports and the list, both still in id order`, () => {
      const out = addToRegistry(registry, id);
      const name = importName(id);
      expect(out).toContain(`import ${name} from './${id}.ts';`);
      const imported = out.split('\n').flatMap((l) => /^import \w+ from '\.\/(.*)\.ts';$/.exec(l)?.[1] ?? []);
      expect(imported).toContain(id);
      expect(imported).toEqual([...imported].sort());
      const list = out.slice(out.indexOf('export const allRules')).split('\n').slice(1).flatMap((l) => /^ {2}(\w+),$/.exec(l)?.[1] ?? []);
      expect(list).toContain(name);
      expect(list.length).toBe(imported.length);
      const idOf = new Map(out.split('\n').flatMap((l) => { const m = /^import (\w+) from '\.\/(.*)\.ts';$/.exec(l); return m ? [[m[1]!, m[2]!] as const] : []; }));
      const ids = list.map((n) => idOf.get(n)!);
      expect(ids).toEqual([...ids].sort());
    });
  }
});
