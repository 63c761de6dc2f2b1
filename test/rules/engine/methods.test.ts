// Rules that declare their methods are left out of the engine's plan for every other method: the
// declaration is a rule's only method guard, and the engine must behave as if they had said nothing.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../../rules/engine/engine.ts';
import { defineRule } from '../../../rules/engine/define-rule.ts';
import { allRules } from '../../../rules/registry.ts';
import type { Exchange } from '../../../rules/model/exchange.ts';
import { readRecording } from '../../../proxy/recording/reader.ts';
import { del, get, mkcalendar, options, propfind, put, report } from '../factories.ts';

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PROPFIND', 'PROPPATCH', 'REPORT', 'MKCOL', 'MKCALENDAR', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'ACL', 'SEARCH', 'PATCH', 'BREW'];

function counting(id: string, methods: readonly string[] | undefined, seen: string[]) {
  return defineRule({
    id,
    severity: 'info', party: 'client',
    ...(methods ? { methods } : {}),
    docs: { summary: 's', specs: [], details: 'd' },
    messages: { m: { message: '{method} seen by ' + id, fix: 'f' } },
    check(view) {
      seen.push(`${id} ${view.method}`);
      return [{ messageId: 'm', data: { method: view.method } }];
    },
  });
}

describe('rules with declared methods', () => {
  it('are called only for those methods, in registration order with the others, and counted only when called', () => {
    const seen: string[] = [];
    const engine = createEngine({ rules: [counting('test/all-1', undefined, seen), counting('test/put', ['PUT'], seen), counting('test/all-2', undefined, seen), counting('test/put-get', ['GET', 'PUT'], seen)] });
    expect(engine.analyse(put({ seq: 1 })).map((f) => f.ruleId)).toEqual(['test/all-1', 'test/put', 'test/all-2', 'test/put-get']);
    expect(engine.analyse(get({ seq: 2 })).map((f) => f.ruleId)).toEqual(['test/all-1', 'test/all-2', 'test/put-get']);
    expect(engine.analyse(propfind({ seq: 3 })).map((f) => f.ruleId)).toEqual(['test/all-1', 'test/all-2']);
    // A method no rule names, in any case as sent (the view upper-cases it).
    const withMethod = (ex: Exchange, method: string): Exchange => ({ ...ex, request: { ...ex.request, method } });
    expect(engine.analyse(withMethod(put({ seq: 4 }), 'brew')).map((f) => f.ruleId)).toEqual(['test/all-1', 'test/all-2']);
    expect(engine.analyse(withMethod(put({ seq: 5 }), 'put')).map((f) => f.ruleId)).toEqual(['test/all-1', 'test/put', 'test/all-2', 'test/put-get']);
    const calls = Object.fromEntries(engine.stats().map((s) => [s.ruleId, s.calls]));
    expect(calls).toEqual({ 'test/all-1': 5, 'test/all-2': 5, 'test/put': 2, 'test/put-get': 3 });
  });

  it('are declared in upper case, without repeats', () => {
    for (const rule of allRules) {
      if (!rule.methods) continue;
      expect(rule.methods.length, rule.id).toBeGreaterThan(0);
      for (const m of rule.methods) expect(m, rule.id).toBe(m.toUpperCase());
      expect(new Set(rule.methods).size, rule.id).toBe(rule.methods.length);
    }
  });

  it('are the only method guard: the engine reports nothing from a rule for a method it did not declare, on every exchange of the corpus and a mixed session (each re-sent with every method)', async () => {
    const declared = new Map(allRules.filter((r) => r.methods !== undefined).map((r) => [r.id, r.methods!]));
    expect(declared.size).toBeGreaterThan(30);
    const sessions: Exchange[][] = [];
    const dir = fileURLToPath(new URL('../../corpus/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      const exs: Exchange[] = [];
      for await (const ex of readRecording(dir + file)) exs.push(ex);
      sessions.push(exs);
    }
    sessions.push([options({ seq: 1 }), propfind({ seq: 2 }), mkcalendar({ seq: 3 }), put({ seq: 4 }), get({ seq: 5 }), report({ seq: 6 }), del({ seq: 7 })]);
    let checked = 0;
    const wrong: string[] = [];
    for (const exs of sessions) {
      for (const method of METHODS) {
        // A session of its own per method, so what the rules learn stays consistent within it.
        const engine = createEngine({ rules: allRules });
        for (const ex of exs) {
          for (const f of engine.analyse({ ...ex, request: { ...ex.request, method } })) {
            checked++;
            const methods = declared.get(f.ruleId);
            if (methods && !methods.includes(method)) wrong.push(`${f.ruleId} reported ${f.messageId} for ${method} ${ex.request.target}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1_000);
  });
});
