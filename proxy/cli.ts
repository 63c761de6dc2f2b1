// Entry point of the `davscope` command: picks the subcommand and maps failures to exit codes
// (2 for usage errors, 1 for anything else), each with a message that says what to do.
import { runCommand } from './commands/run.ts';
import { tuneHeap } from './heap-tuning.ts';

type Command = (argv: string[]) => Promise<number>;

/** Subcommands by name; the proxy itself runs when the first argument is not one of them. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  export: () => import('./commands/export.ts').then((m) => m.exportCommand),
  lint: () => import('./commands/lint.ts').then((m) => m.lintCommand),
  rules: () => import('./commands/rules.ts').then((m) => m.rulesCommand),
  replay: () => import('./commands/replay.ts').then((m) => m.replayCommand),
};

async function main(argv: string[]): Promise<number> {
  tuneHeap();
  // `davscope ... | head -3`: once the reader goes, writes fail with EPIPE. Console lines then stop
  // (writers check `destroyed`) and nothing else does: an unhandled stream error would end the process.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => stream.destroy());
  const load = argv.length > 0 ? COMMANDS[argv[0]] : undefined;
  if (load) return (await load())(argv.slice(1));
  return runCommand(argv);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`davscope: ${err.message}\n`);
    process.exit(1);
  },
);
