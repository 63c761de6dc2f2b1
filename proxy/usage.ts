// A command line the user got wrong is a UsageError; commands/command.ts turns it into the message,
// the usage and exit code 2 for every command alike.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** node:util's parseArgs, its errors as UsageError in davscope's words: an unknown flag with its
 *  close match, a missing value with the flag that wants it. */
export function parseArgsOrUsage<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(inOurWords((err as Error).message, Object.keys(config.options ?? {})));
  }
}

function inOurWords(message: string, flags: readonly string[]): string {
  const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message);
  if (unknown) {
    const given = unknown[1]!.replace(/^-+/, '');
    const close = closest(given, flags);
    return `unknown option ${unknown[1]}${close ? `; did you mean --${close}?` : ''}`;
  }
  const missing = /^Option '(?:-\w, )?--([\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `--${missing[1]} needs a value`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}"`;
  return message.replace(/\. To specify a positional argument.*$/s, '');
}

/** The flag at the smallest edit distance, when it is close enough to be a typo. */
function closest(given: string, flags: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const f of flags) {
    const d = distance(given, f);
    if (d < bestD) {
      best = f;
      bestD = d;
    }
  }
  return bestD <= Math.max(2, Math.floor(given.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
