// The user's rule configuration: off or a severity per rule id. A typo must not silently disable
// nothing, so unknown ids are errors that suggest the ids the user probably meant.
import type { Severity } from '../model/exchange.ts';

export type RuleSetting = 'off' | Severity;
export type RuleConfig = Readonly<Record<string, RuleSetting>>;

const SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid rule configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Known ids nearest to an unknown one: by edit distance, or sharing the part after the layer. */
export function closeMatches(id: string, known: readonly string[], max = 3): string[] {
  const name = id.slice(id.indexOf('/') + 1);
  return known
    .map((k) => ({ k, d: Math.min(editDistance(id, k), editDistance(name, k.slice(k.indexOf('/') + 1)) + 1) }))
    .filter(({ k, d }) => d <= Math.max(3, Math.floor(id.length / 3)) || k.endsWith(`/${name}`) || k.includes(name))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, max)
    .map(({ k }) => k);
}

/** Every problem in a configuration, as sentences; empty when it is valid. */
export function validateConfig(config: RuleConfig, knownIds: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(knownIds);
  for (const [id, setting] of Object.entries(config)) {
    if (!known.has(id)) {
      const near = closeMatches(id, knownIds);
      problems.push(`unknown rule id "${id}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`);
    }
    if (!SETTINGS.includes(setting as string)) problems.push(`rule "${id}": "${String(setting)}" is not one of off, info, warning, error`);
  }
  return problems;
}
