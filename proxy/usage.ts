// A command line the user got wrong: every davscope command says what is wrong, prints its usage
// and exits 2; --help prints the usage and exits 0. One mechanism for all of them.
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

/**
 * Runs a command's parser: its options, or the exit code when there is nothing to run (0 after
 * printing the usage for --help, 2 after a usage error and the usage).
 */
export function commandOptions<O extends object>(argv: string[], parse: (argv: string[]) => O | 'help', name: string, usage: string): O | number {
  try {
    const opts = parse(argv);
    if (opts !== 'help') return opts;
    process.stdout.write(usage);
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${name}: ${err.message}\n\n${usage}`);
    return 2;
  }
}
