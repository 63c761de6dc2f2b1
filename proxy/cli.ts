// Entry point of the `davscope` command: finds the command in commands/registry.ts and runs it
// through commands/command.ts (2 for usage errors, 1 for anything else, each with a message that
// says what to do).
import { runCommand } from './commands/command.ts';
import { findCommand } from './commands/registry.ts';
import { REPLAY_USAGE } from './commands/replay-usage.ts';
import { tuneHeap } from './heap-tuning.ts';

async function main(argv: string[]): Promise<number> {
  tuneHeap();
  // `davscope ... | head -3`: once the reader goes, writes fail with EPIPE. Console lines then stop
  // (writers check `destroyed`) and nothing else does: an unhandled stream error would end the process.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => stream.destroy());
  const found = findCommand(argv);
  if ('group' in found) {
    // `davscope replay` with no subcommand, or one it does not know.
    const help = argv[1] === '--help' || argv[1] === '-h';
    if (argv[1] !== undefined && !help) process.stderr.write(`davscope: unknown ${found.group} subcommand "${argv[1]}": use serve or send\n\n`);
    (help ? process.stdout : process.stderr).write(REPLAY_USAGE);
    return help ? 0 : 2;
  }
  return runCommand(await found.entry.load(), found.rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`davscope: ${err.message}\n`);
    process.exit(1);
  },
);
