// One shape for every davscope command, and one runner for all of them: --help prints the usage
// (exit 0), a usage error prints what is wrong and the usage (exit 2), and anything else a command
// cannot do is its own exit code or an error cli.ts reports (exit 1).
// (A usage error prints the reason and a pointer to --help.)
import { UsageError } from '../usage.ts';

export interface Command<O> {
  /** As typed after `davscope`: "lint", "replay serve"; "" for the proxy itself. */
  readonly name: string;
  readonly usage: string;
  /** The command line to options, or 'help'; throws UsageError when the line is wrong. */
  parse(argv: string[]): O | 'help';
  /** Does the work; resolves with the exit code. */
  run(options: O): Promise<number>;
}

export async function runCommand<O>(command: Command<O>, argv: string[]): Promise<number> {
  let options: O | 'help';
  try {
    options = command.parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    // The reason and where to look, not fifty lines of usage that bury it.
    const name = `davscope${command.name ? ` ${command.name}` : ''}`;
    process.stderr.write(`${name}: ${err.message}\nRun "${name} --help" for the options.\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(command.usage);
    return 0;
  }
  return command.run(options);
}
