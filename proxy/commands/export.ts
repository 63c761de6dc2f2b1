// `davscope export FILE --to har|http -o OUT`: converts a recording (or a HAR) for other tools;
// credentials are redacted unless --keep-secrets. Both formats are written one exchange at a time.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { makePrivateDirSync, PRIVATE_FILE_MODE, writePrivateFileSync } from '../private-files.ts';
import { join } from 'node:path';
import type { Exchange } from '../../rules/model/exchange.ts';
import { decodeUtf8 } from '../../rules/model/body.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { writeHar } from '../har/export.ts';
import { exchangeUrl } from '../../rules/formats/har/exchange-url.ts';
import { collectSecrets, redactExchange, REDACTED } from '../recording/redact.ts';
import { SecretSet } from '../recording/secret-set.ts';
import { version } from '../version.ts';
import { InputError, openInput } from './input.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';
import type { Command } from './command.ts';
import { parseMaxLine, redactHeaderNames } from '../cli-options.ts';

export const EXPORT_USAGE = `Usage: davscope export FILE --to har|http -o OUT [--keep-secrets] [--redact-header NAME]...

Converts FILE (a davscope recording, or a HAR file) for other tools:
  --to har  -o OUT.har   one HAR 1.2 file (browsers' devtools, HTTP Toolkit, Charles, Fiddler...
                         open it); findings and what HAR cannot hold go under "_davscope"
  --to http -o DIR       one .http file per exchange, which the VS Code REST Client and the
                         JetBrains HTTP client run as they are

Options:
      --to har|http      the output format
  -o, --output PATH      the file (har; "-" for standard output) or directory (http) to write
      --keep-secrets     keep Authorization, Cookie, URL passwords and query tokens (redacted
                         by default)
      --redact-header NAME
                         one more header whose value is a credential, replaced entirely by
                         [redacted] (repeatable; X-Auth-Token, X-Api-Key and the like are
                         redacted already)
      --max-line SIZE    skip, and report, a recording line or HAR entry longer than SIZE
                         without reading it into memory (default 64MiB)
  -h, --help             show this help
`;

/** Headers a request tool sets itself: replaying the recorded ones would be wrong or stale. */
const DROPPED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'expect']);

function slug(target: string): string {
  const path = target.split(/[?#]/)[0]!;
  const parts = path.split('/').filter(Boolean).slice(-2).join('-');
  return (parts.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'root').slice(0, 48);
}

/** `.body.ics`, `.body.xml`... so the file beside a request opens in the right editor. */
export function sideBodyName(ex: Exchange, baseName: string): string {
  const type = getHeader(ex.request.headers, 'content-type')?.toLowerCase() ?? '';
  const ext = type.includes('calendar') ? 'ics' : type.includes('xml') ? 'xml' : type.includes('json') ? 'json' : 'bin';
  return `${baseName}.body.${ext}`;
}

/**
 * A .http file is line-based and `###` starts a new request: any text put on one line (a target, a
 * header, a status text, a finding's message) has its line breaks and control characters made
 * visible, so nothing in a file can add a request to the export.
 */
function oneLine(text: string): string {
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The text of one .http file, and the raw body to put beside it when text cannot carry it. */
export function toHttpFile(ex: Exchange, index: number, baseName: string, source: string): { text: string; sideBody?: Uint8Array } {
  const req = ex.request;
  const lines: string[] = [oneLine(`### ${index} ${req.method} ${req.target.split('#')[0]}`)];
  lines.push(`# exported by davscope from ${source}, exchange ${index} (seq ${ex.seq}), started ${new Date(ex.timings.startedAt).toISOString()}`);
  if (ex.response) lines.push(oneLine(`# recorded answer: ${ex.response.status} ${ex.response.statusText}`.trimEnd()));
  else if (ex.error) lines.push(oneLine(`# recorded outcome: no response (${ex.error.phase} failed: ${ex.error.code})`));
  for (const f of ex.findings) lines.push(oneLine(`# ${f.severity} ${f.ruleId}: ${f.message}`));

  const variables: string[] = [];
  const headerLines: string[] = [];
  for (const [name, value] of req.headers) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    if ((lower === 'authorization' || lower === 'proxy-authorization') && value.includes(REDACTED)) {
      const basic = /^Basic\s+([^:\s]*):\[redacted\]$/i.exec(value);
      // "Basic user password" (space-separated) is the form both the VS Code REST Client and the
      // JetBrains HTTP client encode to base64 themselves.
      if (basic) {
        variables.push('@password = change-me');
        headerLines.push(`${name}: Basic ${basic[1]} {{password}}`);
      } else {
        variables.push('@token = change-me');
        headerLines.push(`${name}: ${value.split(/\s+/)[0]} {{token}}`);
      }
      continue;
    }
    if (value === REDACTED) {
      // A credential header (X-Api-Key, --redact-header): a variable to fill in, like the password.
      const variable = lower.replace(/[^a-z0-9]+/g, '_');
      variables.push(`@${variable} = change-me`);
      headerLines.push(`${name}: {{${variable}}}`);
      continue;
    }
    headerLines.push(oneLine(`${name}: ${value}`));
  }
  if (variables.length) lines.unshift(`# the credentials were redacted when exporting: set them here`, ...new Set(variables), '');

  lines.push(oneLine(`${req.method} ${exchangeUrl(ex)} HTTP/${req.httpVersion === '2.0' ? '1.1' : req.httpVersion}`), ...headerLines);
  const body = req.body;
  let sideBody: Uint8Array | undefined;
  if (body.kind === 'captured' && !body.truncated) {
    const text = body.contentEncoding ? undefined : decodeUtf8(body.bytes);
    // Inline only what every client sends back byte for byte: the tools re-join body lines with
    // their own line ends and trim the last one, so CRLF text (iCalendar needs it, RFC 5545 §3.1),
    // a final newline, binary, or a line that reads as ### or < goes in a file beside, sent as is.
    if (text !== undefined && !/[\r]/.test(text) && !/\n$/.test(text) && !/^###/m.test(text) && !/^<\s/.test(text) && text !== '') {
      lines.push('', text);
    } else {
      sideBody = body.bytes;
      lines.push('', `< ./${sideBodyName(ex, baseName)}`);
    }
  } else if (body.kind !== 'none') {
    const size = body.size !== undefined ? `${body.size} bytes` : 'size unknown';
    const why = body.kind === 'captured' ? `only its first ${body.bytes.length} bytes were recorded` : `it was not recorded (${body.reason})`;
    lines.push('', `# the request had a body (${size}) but ${why}: add it here`);
  }
  return { text: lines.join('\n') + '\n', ...(sideBody ? { sideBody } : {}) };
}

interface ExportOptions {
  file: string;
  to: 'har' | 'http';
  output: string;
  keepSecrets: boolean;
  redactHeaders: string[];
  maxLineBytes: number | undefined;
}

function parse(argv: string[]): ExportOptions | 'help' {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'keep-secrets': { type: 'boolean' },
      'redact-header': { type: 'string', multiple: true },
      'max-line': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `export reads one file, not ${positionals.length}` : 'give the recording to export');
  const to = values.to;
  if (to !== 'har' && to !== 'http') throw new UsageError(to === undefined ? 'say which format with --to har or --to http' : `--to is har or http, not "${to}"`);
  const output = values.output ?? (to === 'har' ? '-' : undefined);
  if (output === undefined) throw new UsageError('--to http needs a directory: -o DIR');
  return { file: positionals[0]!, to, output, keepSecrets: values['keep-secrets'] ?? false, redactHeaders: redactHeaderNames(values['redact-header']), maxLineBytes: parseMaxLine(values['max-line']) };
}

/** How an export redacts: undefined with --keep-secrets. */
interface Redaction {
  readonly secrets: SecretSet;
  readonly headers: readonly string[];
}

async function exportHar(exchanges: AsyncIterable<Exchange>, output: string, redaction: Redaction | undefined): Promise<number> {
  const toStdout = output === '-';
  // A temporary name until the end, so a failed export never leaves a half file under the real name.
  const tmp = toStdout ? '' : `${output}.partial-${process.pid}`;
  // A new file ('wx': a stale one from a crashed run with this pid is removed first), renamed over
  // any old output: 0600 either way.
  if (!toStdout) rmSync(tmp, { force: true });
  const stream = toStdout ? process.stdout : createWriteStream(tmp, { mode: PRIVATE_FILE_MODE, flags: 'wx' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  const write = (chunk: string) =>
    stream.write(chunk) ? undefined : Promise.race([new Promise<void>((r) => stream.once('drain', () => r())), failed]);
  try {
    const n = await writeHar(exchanges, write, { redact: redaction !== undefined, secrets: redaction?.secrets, redactHeaders: redaction?.headers, davscopeVersion: version() });
    // cli.ts exits with process.exit, which drops what a pipe has not taken yet.
    if (toStdout) await Promise.race([new Promise<void>((r) => process.stdout.write('', () => r())), failed]);
    else {
      await Promise.race([new Promise<void>((r) => stream.end(() => r())), failed]);
      renameSync(tmp, output);
    }
    return n;
  } catch (err) {
    if (!toStdout) {
      stream.destroy();
      rmSync(tmp, { force: true });
    }
    throw err;
  }
}

async function exportHttp(exchanges: AsyncIterable<Exchange>, dir: string, redaction: Redaction | undefined, source: string): Promise<number> {
  makePrivateDirSync(dir);
  let i = 0;
  for await (const raw of exchanges) {
    const ex = redaction ? redactExchange(raw, redaction) : raw;
    const base = `${String(i).padStart(4, '0')}-${ex.request.method.toLowerCase().replace(/[^a-z0-9]/g, '')}-${slug(ex.request.target)}`;
    const { text, sideBody } = toHttpFile(ex, i, base, source);
    if (sideBody) writePrivateFileSync(join(dir, sideBodyName(ex, base)), sideBody);
    writePrivateFileSync(join(dir, `${base}.http`), text);
    i++;
  }
  return i;
}

/**
 * A first pass over the file for the credentials of all its exchanges, so a password revealed by
 * exchange 5's Authorization is scrubbed from exchange 1's body too. It reads the file twice; an
 * export is offline, and a secret left in a shared file costs more.
 */
async function fileSecrets(file: string, headers: readonly string[], maxLineBytes: number | undefined): Promise<SecretSet> {
  const secrets = new SecretSet();
  for await (const ex of await openInput(file, { ...(maxLineBytes ? { maxLineBytes } : {}) })) collectSecrets(ex, secrets, headers);
  return secrets;
}

export const exportCommand: Command<ExportOptions> = { name: 'export', usage: EXPORT_USAGE, parse, run: exportFile };

async function exportFile(opts: ExportOptions): Promise<number> {
  let input;
  let n: number;
  try {
    const redaction = opts.keepSecrets ? undefined : { secrets: await fileSecrets(opts.file, opts.redactHeaders, opts.maxLineBytes), headers: opts.redactHeaders };
    input = await openInput(opts.file, { ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}) });
    n = opts.to === 'har' ? await exportHar(input, opts.output, redaction) : await exportHttp(input, opts.output, redaction, opts.file);
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`davscope export: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code && e.syscall) {
      process.stderr.write(`davscope export: cannot write ${opts.output}: ${e.message}\n`);
      return 1;
    }
    throw err;
  }
  for (const w of input.warnings) process.stderr.write(`davscope export: warning: ${opts.file}: ${w.message}\n`);
  if (opts.output !== '-') {
    process.stderr.write(`davscope export: wrote ${n} exchange${n === 1 ? '' : 's'} to ${opts.output}${opts.to === 'http' ? '/' : ''}${opts.keepSecrets ? ' (secrets kept)' : ''}\n`);
  }
  return input.warnings.some((w) => w.damaged) ? 2 : 0;
}
