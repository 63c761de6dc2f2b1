// A command line the user got wrong is a UsageError; commands/command.ts turns it into the message,
// the usage and exit code 2 for every command alike.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** node:util's parseArgs, its errors as UsageError, without Node's hint about "--" (the usage says it). */
export function parseArgsOrUsage<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}
