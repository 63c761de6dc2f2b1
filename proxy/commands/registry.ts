// Every davscope command, in the order the top-level usage lists them. The dispatch in cli.ts and
// the "Usage:" lines of `davscope --help` are made from this list; each command's module is loaded
// only when it runs, so `davscope` starts without loading the others.
import type { Command } from './command.ts';

export interface CommandEntry {
  /** As typed after `davscope` ("" for the proxy itself). */
  readonly name: string;
  /** The rest of its usage line: arguments and the options that matter most. */
  readonly synopsis: string;
  /** One line for the top-level usage. */
  readonly summary: string;
  load(): Promise<Command<unknown>>;
}

const lazy = <O>(load: () => Promise<Command<O>>) => load as () => Promise<Command<unknown>>;

export const COMMANDS: readonly CommandEntry[] = [
  { name: '', synopsis: '', summary: 'a demo: proxy a replay of a recorded Radicale session, UI included', load: lazy(() => import('./run.ts').then((m) => m.proxyCommand)) },
  { name: '', synopsis: '--target URL [options]', summary: 'proxy the CalDAV server at URL; capture and analyse every exchange', load: lazy(() => import('./run.ts').then((m) => m.proxyCommand)) },
  { name: 'lint', synopsis: 'FILE', summary: 'check a recording or HAR file with the CalDAV rules', load: lazy(() => import('./lint.ts').then((m) => m.lintCommand)) },
  { name: 'export', synopsis: 'FILE --to har|http -o OUT', summary: 'convert a recording to HAR or .http files', load: lazy(() => import('./export.ts').then((m) => m.exportCommand)) },
  { name: 'rules', synopsis: '[ID]', summary: 'list the rules, or explain one', load: lazy(() => import('./rules.ts').then((m) => m.rulesCommand)) },
  { name: 'faults', synopsis: '[NAME]', summary: 'list the preset faults (--fault NAME) and what a correct client does next', load: lazy(() => import('./faults.ts').then((m) => m.faultsCommand)) },
  { name: 'replay serve', synopsis: 'FILE', summary: 'answer the requests recorded in FILE, no server needed (fixtures)', load: lazy(() => import('./replay.ts').then((m) => m.replayServeCommand)) },
  { name: 'replay send', synopsis: 'FILE -t URL', summary: "re-send a recording's client side to another server and compare", load: lazy(() => import('./replay.ts').then((m) => m.replaySendCommand)) },
  { name: 'interop', synopsis: 'FILE -t NAME=URL', summary: 'send a recording to several servers at once; one table of how each answered', load: lazy(() => import('./interop.ts').then((m) => m.interopCommand)) },
];

/** The command argv names, and the arguments left for it; the proxy when no name matches. */
export function findCommand(argv: readonly string[]): { entry: CommandEntry; rest: string[] } | { group: string } {
  const two = `${argv[0] ?? ''} ${argv[1] ?? ''}`;
  const byTwo = COMMANDS.find((c) => c.name.includes(' ') && c.name === two);
  if (byTwo) return { entry: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name !== '' && c.name === argv[0]);
  if (byOne) return { entry: byOne, rest: argv.slice(1) };
  // A group ("replay") without a subcommand it knows.
  if (argv[0] && COMMANDS.some((c) => c.name.startsWith(`${argv[0]} `))) return { group: argv[0] };
  return { entry: COMMANDS.find((c) => c.name === '')!, rest: argv.slice() };
}

/** The "Usage:" lines of `davscope --help`, aligned. */
export function usageLines(): string {
  const lines = COMMANDS.map((c) => ['davscope' + (c.name ? ` ${c.name}` : '') + (c.synopsis ? ` ${c.synopsis}` : ''), c.summary] as const);
  lines.push(['davscope --help', 'this text']);
  // One column for the summaries; a longer command line keeps three spaces before its summary.
  const COLUMN = 34;
  return lines.map(([l, s]) => `  ${l.length < COLUMN ? l.padEnd(COLUMN) : `${l}   `}${s}`).join('\n');
}
