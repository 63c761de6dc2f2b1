// A command line the user got wrong is a UsageError; commands/command.ts turns it into the message,
// the usage and exit code 2 for every command alike.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeMatches } from '../rules/engine/config.ts';

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
    const close = closeMatches(given, flags, 1)[0];
    return `unknown option ${unknown[1]}${close ? `; did you mean --${close}?` : ''}`;
  }
  const missing = /^Option '(?:-\w, )?--([\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `--${missing[1]} needs a value`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}"`;
  return message.replace(/\. To specify a positional argument.*$/s, '');
}
