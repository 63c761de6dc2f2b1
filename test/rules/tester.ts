// A rule tester in ESLint's manner: valid and invalid cases become vitest cases named as sentences,
// findings are counted exactly and matched on the fields each expectation names.
import { describe, expect, it } from 'vitest';
import type { Exchange, FindingLocation, Party, Severity } from '../../rules/model/exchange.ts';
import type { AnyRule, Rule } from '../../rules/engine/define-rule.ts';
import { CRASH_RULE_ID, createEngine, type DetailedFinding } from '../../rules/engine/engine.ts';

const PARTIES: readonly (Party | undefined)[] = ['client', 'server', 'both', 'unknown'];

export interface ValidCase {
  /** Completes "given ..., passes": e.g. "a PUT with If-None-Match: *". */
  readonly name: string;
  readonly exchange: Exchange;
  /** Earlier exchanges of the session, analysed first so the rule sees their context. */
  readonly history?: readonly Exchange[];
}

/** M: the rule's message ids, so a misspelt messageId is a type error. */
export interface ExpectedFinding<M extends string = string> {
  readonly messageId?: M;
  readonly severity?: Severity;
  /** Whose fault the finding says it is (the rule's party, or the report's own). */
  readonly party?: Party;
  /** Each key given must equal the report's placeholder value. */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly message?: string | RegExp;
  readonly fix?: string | RegExp;
  readonly explanation?: string | RegExp;
  readonly location?: Partial<FindingLocation>;
}

export interface InvalidCase<M extends string = string> extends ValidCase {
  /** Exactly these findings, in order. */
  readonly findings: readonly ExpectedFinding<NoInfer<M>>[];
}

export interface RuleCases<M extends string = string> {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase<M>[];
}

/** Freezes an object graph so a rule that mutates its input throws (strict mode) in tests. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  // Typed arrays with elements cannot be frozen; their bytes stay writable, the wrappers do not.
  if (ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

function analyse(rule: AnyRule, c: ValidCase): DetailedFinding[] {
  const engine = createEngine({ rules: [rule] });
  for (const h of c.history ?? []) engine.analyse(deepFreeze(h));
  const findings = engine.analyseDetailed(deepFreeze(c.exchange));
  const crash = findings.find((f) => f.ruleId === CRASH_RULE_ID);
  if (crash) throw new Error(crash.message);
  return findings;
}

function matches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

function describeFindings(findings: readonly DetailedFinding[]): string {
  return findings.length === 0 ? '(none)' : findings.map((f) => `  - [${f.severity}] ${f.messageId}: ${f.message}`).join('\n');
}

function checkFinding(actual: DetailedFinding, expected: ExpectedFinding, index: number): void {
  const where = `finding ${index + 1} (${actual.messageId}: ${actual.message})`;
  if (expected.messageId !== undefined) expect(actual.messageId, `${where}: messageId`).toBe(expected.messageId);
  if (expected.severity !== undefined) expect(actual.severity, `${where}: severity`).toBe(expected.severity);
  if (expected.party !== undefined) expect(actual.party, `${where}: party`).toBe(expected.party);
  if (expected.message !== undefined) expect(matches(actual.message, expected.message), `${where}: message should match ${String(expected.message)}`).toBe(true);
  if (expected.fix !== undefined) expect(matches(actual.fix, expected.fix), `${where}: fix "${actual.fix}" should match ${String(expected.fix)}`).toBe(true);
  if (expected.explanation !== undefined)
    expect(matches(actual.explanation, expected.explanation), `${where}: explanation should match ${String(expected.explanation)}`).toBe(true);
  for (const [k, v] of Object.entries(expected.data ?? {})) expect(actual.data?.[k], `${where}: data.${k}`).toBe(v);
  for (const [k, v] of Object.entries(expected.location ?? {})) expect((actual.location as Record<string, unknown> | undefined)?.[k], `${where}: location.${k}`).toBe(v);
}

function checkRendered(findings: readonly DetailedFinding[]): void {
  for (const f of findings) {
    expect(f.message, `unfilled placeholder in "${f.message}"`).not.toMatch(/\{\w+\}/);
    expect(f.fix, `unfilled placeholder in fix "${f.fix}"`).not.toMatch(/\{\w+\}/);
    expect(f.explanation.length, 'a finding needs an explanation').toBeGreaterThan(0);
    // Every finding says whose fault it is, so the page and lint can show and filter it.
    expect(PARTIES, `party of ${f.ruleId}/${f.messageId}`).toContain(f.party);
  }
}

/** Registers the vitest cases for one rule. */
export function run<M extends string>(rule: Rule<M>, cases: RuleCases<NoInfer<M>>): void {
  const anyRule = rule as unknown as AnyRule;
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(`given ${c.name}, passes`, () => {
        const findings = analyse(anyRule, c);
        expect(findings.length, `expected no findings, got:\n${describeFindings(findings)}`).toBe(0);
      });
    }
    for (const c of cases.invalid) {
      const ids = [...new Set(c.findings.map((f) => f.messageId ?? 'a finding'))].join(' and ');
      it(`given ${c.name}, reports ${ids}`, () => {
        expect(c.findings.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
        const findings = analyse(anyRule, c);
        expect(findings.length, `expected ${c.findings.length} finding(s), got:\n${describeFindings(findings)}`).toBe(c.findings.length);
        c.findings.forEach((e, i) => checkFinding(findings[i]!, e, i));
        checkRendered(findings);
      });
    }
    it('has an invalid case for every message id', () => {
      const covered = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
      const missing = (Object.keys(rule.messages) as M[]).filter((m) => !covered.has(m));
      expect(missing, `message ids without an invalid case naming them: ${missing.join(', ')}`).toEqual([]);
    });
    it('has at least one valid case', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
    });
  });
}
