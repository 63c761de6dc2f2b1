// `davscope replay serve FILE` answers recorded requests with no upstream (fixtures for tests);
// `davscope replay send FILE --target URL` re-sends the client side to another server and compares.
import type { Exchange } from '../../rules/model/exchange.ts';
import { RecordingError } from '../recording/reader.ts';
import { authorizationRedacted } from '../recording/redact.ts';
import { loadRecording, startReplay } from '../index.ts';
import { FAULT_FLAGS, faultsFromFlags, type FaultOptions } from '../faults/fault-options.ts';
import { resend } from '../replay/resend.ts';
import { formatReport, type ReportFormat } from '../replay/resend-report.ts';
import { parseTarget } from '../cli-options.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';
import type { Command } from './command.ts';
import { REPLAY_USAGE } from './replay-usage.ts';


interface ServeOptions {
  readonly file: string;
  readonly port: number;
  readonly host: string;
  readonly uiPort: number;
  readonly uiHost: string;
  readonly faults?: FaultOptions;
  readonly strict: boolean;
  readonly quiet: boolean;
}

function parseServe(argv: string[]): ServeOptions | 'help' {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'ui-port': { type: 'string' },
      'ui-host': { type: 'string' },
      ...FAULT_FLAGS,
      strict: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError('give exactly one recording file');
  const portOf = (text: string | undefined, flag: string, fallback: number) => {
    const port = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} wants a whole number from 0 to 65535, not "${text}"`);
    return port;
  };
  return {
    file: positionals[0]!,
    port: portOf(values.port, '--port', 8090),
    host: values.host ?? '127.0.0.1',
    uiPort: portOf(values['ui-port'], '--ui-port', 8091),
    uiHost: values['ui-host'] ?? '127.0.0.1',
    ...faultsFromFlags(values.fault, values.faults),
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
  };
}

async function serve(opts: ServeOptions): Promise<number> {
  const replay = await startReplay({
    recording: opts.file,
    strict: opts.strict,
    port: opts.port,
    host: opts.host,
    uiPort: opts.uiPort,
    uiHost: opts.uiHost,
    ...(opts.faults ? { faults: opts.faults } : {}),
    onMiss: (said: string) => process.stderr.write(said),
    onWarning: (message: string) => process.stderr.write(`davscope: ${opts.file}: ${message}\n`),
    ...(opts.quiet ? {} : { onHit: (method: string, target: string, recorded: Exchange) => process.stdout.write(`replay ${method} ${target}  → #${recorded.seq} ${recorded.response?.status ?? recorded.error?.code}\n`) }),
  });
  process.stdout.write(
    `davscope replay serving ${replay.recorded} recorded exchanges from ${opts.file} at ${replay.proxyUrl}/\n` +
      `  inspect the replay at        ${replay.uiUrl}/ (each answer linked to the recorded exchange it came from)\n` +
      `  press Ctrl-C to stop\n`,
  );
  if (replay.truncated) process.stderr.write(`davscope: warning: ${replay.truncated} recorded responses were truncated at the capture cap and are served short (record with a larger --max-body)\n`);
  const code = await new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(0));
    process.once('SIGTERM', () => resolve(0));
    void replay.stopped.then(() => resolve(1));
  });
  if (code !== 0) process.stderr.write('davscope: --strict: stopping at the first unmatched request\n');
  await replay.close();
  return code;
}

interface SendOptions {
  readonly file: string;
  readonly target: URL;
  readonly format: ReportFormat;
  readonly auth?: string;
  readonly insecure: boolean;
}

function parseSend(argv: string[]): SendOptions | 'help' {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: { target: { type: 'string', short: 't' }, format: { type: 'string' }, auth: { type: 'string' }, insecure: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError('give exactly one recording file');
  if (!values.target) throw new UsageError('give --target URL, the server to send to');
  const format = (values.format ?? 'text') as ReportFormat;
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format is text, json or markdown, not "${values.format}"`);
  if (values.auth !== undefined && !values.auth.includes(':')) throw new UsageError('--auth wants USER:PASSWORD');
  return { file: positionals[0]!, target: parseTarget(values.target), format, ...(values.auth !== undefined ? { auth: values.auth } : {}), insecure: values.insecure ?? false };
}

async function send(opts: SendOptions): Promise<number> {
  const { exchanges, upstream } = await loadRecording(opts.file, (message) => process.stderr.write(`davscope: ${opts.file}: ${message}\n`));
  // Said before anything is sent: what happens to credentials the recording redacted.
  const redacted = exchanges.filter(authorizationRedacted).length;
  if (redacted > 0) {
    process.stderr.write(
      opts.auth
        ? `davscope replay send: ${redacted} request(s) carried credentials the recording redacted; --auth stands in for them (requests recorded without credentials go without)\n`
        : `davscope replay send: ${redacted} request(s) carried credentials the recording redacted; they go with [redacted] and will likely get 401: pass --auth USER:PASSWORD\n`,
    );
  }
  const rows = await resend(exchanges, {
    target: opts.target,
    insecure: opts.insecure ?? false,
    ...(opts.auth ? { authorization: 'Basic ' + Buffer.from(opts.auth).toString('base64') } : {}),
  });
  const recordedFrom = upstream ?? exchanges[0]?.upstream ?? opts.file;
  process.stdout.write(formatReport(rows, opts.format, recordedFrom, opts.target.href));
  return rows.some((r) => r.differences.length > 0) ? 1 : 0;
}

/** A recording that cannot be read at all is the user's to fix: said plainly, exit 2. */
function readable<O>(run: (opts: O) => Promise<number>): (opts: O) => Promise<number> {
  return async (opts) => {
    try {
      return await run(opts);
    } catch (err) {
      if (!(err instanceof RecordingError)) throw err;
      process.stderr.write(`davscope: ${err.message}\n`);
      return 2;
    }
  };
}

export const replayServeCommand: Command<ServeOptions> = { name: 'replay serve', usage: REPLAY_USAGE, parse: parseServe, run: readable(serve) };
export const replaySendCommand: Command<SendOptions> = { name: 'replay send', usage: REPLAY_USAGE, parse: parseSend, run: readable(send) };
