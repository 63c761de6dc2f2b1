// One shape for every davscope command, and one runner for all of them: --help prints the usage
// (exit 0), a usage error prints what is wrong and the usage (exit 2), and anything else a command
// cannot do is its own exit code or an error cli.ts reports (exit 1).
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
    process.stderr.write(`davscope${command.name ? ` ${command.name}` : ''}: ${err.message}\n\n${command.usage}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(command.usage);
    return 0;
  }
  return command.run(options);
}
