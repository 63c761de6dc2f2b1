// `davscope interop FILE --target NAME=URL ...`: one recorded session sent to several servers at
// once, and one table of how each answered (Markdown, JSON or a self-contained HTML file).
import type { Exchange } from '../../rules/model/exchange.ts';
import { RecordingError } from '../recording/reader.ts';
import { authorizationRedacted } from '../recording/redact.ts';
import { loadRecording } from '../index.ts';
import { writePrivateFileSync } from '../private-files.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';
import type { Command } from './command.ts';
import { runInterop, type InteropTarget } from '../interop/run-interop.ts';
import { renderMarkdown } from '../interop/render-markdown.ts';
import { renderHtml } from '../interop/render-html.ts';
import { renderJson } from '../interop/report-json.ts';
import { parseInteropTargets, unknownColumn } from '../interop/target-options.ts';
import { TRAPS_RECORDING } from '../interop/traps.ts';

export const INTEROP_USAGE = `Usage: davscope interop [FILE] --target NAME=URL [--target NAME=URL ...] [options]

Sends the client side of FILE (a davscope recording) to every target at once, each in recorded
order (hrefs rebased, the ETags and sync tokens each server gives learned as in replay send),
probes each target once (OPTIONS, PROPFIND of the session's calendar, /.well-known/caldav), and
prints one table: a row per exchange, a column per server, the recording's own answers first.
A cell shows status, decoded precondition, ETag and sync-token behaviour and the findings of the
rules; cells that differ from the majority (or from --reference) stand out.

With no FILE, davscope's own trap scenario is sent: 16 requests recorded against Radicale 3 as
user "user" (MKCALENDAR without the slash, If-None-Match: * on an existing href, a duplicate UID,
an unknown sync token, a floating time-range, a multiget with a missing href, free-busy, a blind
create, a broken iCalendar body, a DELETE without If-Match), under /user/calendar/: give each
target its credentials with --auth and, where calendars live elsewhere, --rebase or a URL path.

Options:
  -t, --target NAME=URL     a server to send to (repeatable; NAME heads its column)
      --auth NAME=USER:PASSWORD
                            Basic credentials for target NAME, standing in for the ones the
                            recording redacted (repeatable)
      --rebase NAME=FROM=TO on target NAME, send paths under FROM to TO instead (a server that
                            keeps calendars elsewhere, e.g. xandikos=/user/calendar/=/user/calendars/calendar/);
                            repeatable, the first matching prefix wins
      --reference NAME      mark cells that differ from column NAME (default: from the majority)
      --recorded-name NAME  the name of the recording's column (default recorded)
      --format markdown|json|html
                            markdown (default), json ({"davscopeInterop": 1, ...}, see README) or
                            html (one self-contained file: rows expand to the bodies side by side)
  -o, --output OUT          write the report to OUT (mode 0600) instead of standard output
      --timeout SECONDS     give up on an answer after this long (default 60)
      --insecure            accept a target TLS certificate that does not verify
  -h, --help                show this help

A target that cannot be reached gets an error in its column; the others go on. Progress goes to
standard error when it is a terminal. Exit codes: 0 all servers agree, 1 some cell differs or a
target was unreachable, 2 unreadable recording or bad options.
`;

type Format = 'markdown' | 'json' | 'html';

interface InteropOptions {
  readonly file: string;
  readonly targets: readonly InteropTarget[];
  readonly format: Format;
  readonly output?: string;
  readonly reference?: string;
  readonly recordedName: string;
  readonly timeoutMs: number;
  readonly insecure: boolean;
}

function parse(argv: string[]): InteropOptions | 'help' {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string', short: 't', multiple: true },
      auth: { type: 'string', multiple: true },
      rebase: { type: 'string', multiple: true },
      reference: { type: 'string' },
      'recorded-name': { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      timeout: { type: 'string' },
      insecure: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError('give one recording file (or none, for davscope\'s trap scenario)');
  if (!values.target?.length) throw new UsageError('give at least one --target NAME=URL, the servers to send the recording to');
  const recordedName = values['recorded-name'] ?? 'recorded';
  const targets = parseInteropTargets({ target: '--target', auth: '--auth', rebase: '--rebase' }, values, [recordedName]);
  const format = (values.format ?? 'markdown') as Format;
  if (!['markdown', 'json', 'html'].includes(format)) throw new UsageError(`--format is markdown, json or html, not "${values.format}"`);
  const unknown = unknownColumn(values.reference, recordedName, targets);
  if (unknown) throw new UsageError(`--reference: ${unknown}`);
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!(seconds > 0)) throw new UsageError(`--timeout wants a number of seconds above 0, not "${values.timeout}"`);
  return {
    file: positionals[0] ?? TRAPS_RECORDING,
    targets,
    format,
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values.reference !== undefined ? { reference: values.reference } : {}),
    recordedName,
    timeoutMs: seconds * 1000,
    insecure: values.insecure ?? false,
  };
}

/** On a terminal, a line saying where each target is (after DAVSCOPE_PROGRESS_AFTER_MS, as lint does). */
function progressLine(targets: readonly InteropTarget[], total: number) {
  const done = new Map(targets.map((t) => [t.name, 0]));
  const started = Date.now();
  const after = Number(process.env.DAVSCOPE_PROGRESS_AFTER_MS ?? 500);
  const show = () => process.stderr.write(`\rdavscope interop: ${[...done].map(([name, n]) => `${name} ${n}/${total}`).join(', ')}, ${((Date.now() - started) / 1000).toFixed(1)} s…`);
  const timer = process.stderr.isTTY
    ? setInterval(() => {
        if (Date.now() - started >= after) show();
      }, 250)
    : undefined;
  return {
    update: (name: string, n: number) => void done.set(name, n),
    end: () => {
      if (!timer) return;
      clearInterval(timer);
      if (Date.now() - started < after) return;
      show();
      process.stderr.write('\r\x1b[K');
    },
  };
}

async function interop(opts: InteropOptions): Promise<number> {
  if (opts.file === TRAPS_RECORDING) process.stderr.write(`davscope interop: no FILE given: sending davscope's trap scenario (${TRAPS_RECORDING})\n`);
  let exchanges: Exchange[];
  let upstream: string | undefined;
  try {
    ({ exchanges, upstream } = await loadRecording(opts.file, (message) => process.stderr.write(`davscope interop: ${opts.file}: ${message}\n`)));
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    process.stderr.write(`davscope interop: ${err.message}\n`);
    return 2;
  }
  const redacted = exchanges.filter(authorizationRedacted).length;
  const withoutAuth = opts.targets.filter((t) => !t.authorization).map((t) => t.name);
  if (redacted > 0 && withoutAuth.length) {
    process.stderr.write(`davscope interop: ${redacted} request(s) carried credentials the recording redacted; ${withoutAuth.join(', ')} will likely answer 401: pass --auth NAME=USER:PASSWORD\n`);
  }
  const progress = progressLine(opts.targets, exchanges.length);
  let result;
  try {
    result = await runInterop(exchanges, opts.targets, {
      recordedName: opts.recordedName,
      recordedFrom: upstream ?? exchanges[0]?.upstream ?? opts.file,
      recordingFile: opts.file,
      ...(opts.reference !== undefined ? { reference: opts.reference } : {}),
      insecure: opts.insecure,
      timeoutMs: opts.timeoutMs,
      onProgress: (name, n) => progress.update(name, n),
    });
  } finally {
    progress.end();
  }
  for (const c of result.columns) if (c.error) process.stderr.write(`davscope interop: ${c.name} (${c.url}): ${c.error}; its column says so, the other targets were compared\n`);
  const source = opts.file === TRAPS_RECORDING ? "davscope's trap scenario (caldav-traps.jsonl)" : opts.file;
  const text = opts.format === 'json' ? renderJson(result, source) : opts.format === 'html' ? renderHtml(result, result.bodies, source) : renderMarkdown(result, source);
  if (opts.output !== undefined && opts.output !== '-') {
    try {
      writePrivateFileSync(opts.output, text);
    } catch (err) {
      process.stderr.write(`davscope interop: cannot write ${opts.output}: ${(err as Error).message}; choose another -o path\n`);
      return 2;
    }
    process.stderr.write(`davscope interop: ${result.rows.length} exchanges × ${result.columns.length} columns written to ${opts.output}\n`);
  } else {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
  }
  return result.columns.some((c) => c.error) || result.summary.some((s) => s.differing > 0) ? 1 : 0;
}

export const interopCommand: Command<InteropOptions> = { name: 'interop', usage: INTEROP_USAGE, parse, run: interop };
