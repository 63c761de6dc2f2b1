// `davscope replay serve FILE` answers recorded requests with no upstream (fixtures for tests);
// `davscope replay send FILE --target URL` re-sends the client side to another server and compares.
import type { Exchange } from '../../rules/model/exchange.ts';
import { readRecording, RecordingError } from '../recording/reader.ts';
import { describeMiss, startReplayServer } from '../replay/replay-server.ts';
import { resend } from '../replay/resend.ts';
import { formatReport, type ReportFormat } from '../replay/resend-report.ts';
import { parseTarget } from '../cli-options.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';

export const REPLAY_USAGE = `Usage:
  davscope replay serve FILE [--port N] [--host ADDR] [--strict] [--quiet]
      Answer the requests recorded in FILE (a davscope recording) without any upstream.
      Requests match on method, request-target, Depth, Content-Type and body (XML by meaning,
      iCalendar without DTSTAMP and line folding); identical requests get their recorded
      answers in order, the last one repeating. A request that matches nothing gets a 502
      naming the nearest recorded candidates and how they differ.
      --port N      port to listen on (default 8090; 0 picks a free one)
      --host ADDR   address to listen on (default 127.0.0.1)
      --strict      exit with code 1 at the first unmatched request (for CI)
      --quiet       no line per request

  davscope replay send FILE --target URL [--format text|json|markdown] [--auth USER:PASSWORD] [--insecure]
      Re-send the client side of FILE to another server, in order, with hrefs rebased from the
      recorded base to URL's and the ETags and sync tokens the client had learned replaced by
      the new server's, then print a side-by-side report. Exits 1 when the servers differ.
      --auth U:P    Basic credentials to send (recordings hold redacted ones)
      --insecure    accept an upstream TLS certificate that does not verify
`;

async function loadAll(file: string): Promise<{ exchanges: Exchange[]; upstream?: string }> {
  const reader = readRecording(file, { onWarning: (w) => process.stderr.write(`davscope: ${file}: ${w.message}\n`) });
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, upstream: reader.header?.upstream };
}

async function serve(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string', short: 'p' }, host: { type: 'string' }, strict: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
  });
  if (positionals.length !== 1) throw new UsageError('replay serve wants exactly one recording file');
  const port = values.port === undefined ? 8090 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a whole number from 0 to 65535, not "${values.port}"`);
  const { exchanges } = await loadAll(positionals[0]);
  const truncated = exchanges.filter((e) => e.response?.body.kind === 'captured' && e.response.body.truncated).length;
  let stop: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (stop = resolve));
  const server = await startReplayServer({
    exchanges,
    host: values.host ?? '127.0.0.1',
    port,
    onHit: (method, target, recorded) => {
      if (!values.quiet) process.stdout.write(`replay ${method} ${target}  → #${recorded.seq} ${recorded.response?.status ?? recorded.error?.code}\n`);
    },
    onMiss: (method, target, candidates) => {
      process.stderr.write(describeMiss(method, target, candidates));
      if (values.strict) stop(1);
    },
  });
  process.stdout.write(`davscope replay serving ${exchanges.length} recorded exchanges from ${positionals[0]} at ${server.url}/\n`);
  if (truncated) process.stderr.write(`davscope: warning: ${truncated} recorded responses were truncated at the capture cap and are served short (record with a larger --max-body)\n`);
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const code = await done;
  if (code !== 0) process.stderr.write('davscope: --strict: stopping at the first unmatched request\n');
  await server.close();
  return code;
}

async function send(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: { target: { type: 'string', short: 't' }, format: { type: 'string' }, auth: { type: 'string' }, insecure: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('replay send wants exactly one recording file');
  if (!values.target) throw new UsageError('replay send needs --target URL, the server to send to');
  const format = (values.format ?? 'text') as ReportFormat;
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format is text, json or markdown, not "${values.format}"`);
  if (values.auth !== undefined && !values.auth.includes(':')) throw new UsageError('--auth wants USER:PASSWORD');
  const target = parseTarget(values.target);
  const { exchanges, upstream } = await loadAll(positionals[0]);
  const rows = await resend(exchanges, {
    target,
    insecure: values.insecure ?? false,
    ...(values.auth ? { authorization: 'Basic ' + Buffer.from(values.auth).toString('base64') } : {}),
  });
  const recordedFrom = upstream ?? exchanges[0]?.upstream ?? positionals[0];
  process.stdout.write(formatReport(rows, format, recordedFrom, target.href));
  return rows.some((r) => r.differences.length > 0) ? 1 : 0;
}

export async function replayCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'serve') return await serve(rest);
    if (sub === 'send') return await send(rest);
    if (sub === '--help' || sub === '-h' || sub === undefined) {
      process.stdout.write(REPLAY_USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown replay subcommand "${sub}": use serve or send`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`davscope: ${(err as Error).message}\n\n${REPLAY_USAGE}`);
      return 2;
    }
    if (err instanceof RecordingError) {
      process.stderr.write(`davscope: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
