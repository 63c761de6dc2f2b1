// Parses and checks the command line of `davscope` (the proxy); a bad flag is a UsageError.
import { RUN_DEFAULTS } from './run-defaults.ts';
import { COMMANDS, usageLines } from './commands/registry.ts';
import { closeMatches } from '../rules/index.ts';
import { MAX_LINE_LIMIT } from './recording/lines.ts';
import type { DavscopeOptions } from './server.ts';
import { TOKEN_PATTERN } from './publish/ui-token.ts';

import { parseArgsOrUsage, UsageError } from './usage.ts';
import { isToken } from '../rules/model/headers.ts';
import { compileRequestFilter, FilterError } from '../rules/filter/request-filter.ts';
import { FAULT_FLAGS, FAULT_USAGE, faultsFromFlags } from './faults/fault-options.ts';
import { isIP } from 'node:net';
import { parseInteropTargets, PROXY_INTEROP_FLAGS, PROXY_INTEROP_USAGE, SESSION_COLUMN } from './interop/target-options.ts';
import type { InteropTarget } from './interop/run-interop.ts';


export const USAGE = `davscope: a debugging proxy and traffic inspector that knows CalDAV

Usage:
${usageLines()}

Point your CalDAV client at the proxy URL printed at start-up instead of the server;
open the inspector URL to see the traffic.

Options:
  -t, --target URL              the CalDAV server, http:// or https:// (a base path such as
                                http://host/dav/ is where clients should start; request paths
                                are forwarded exactly as the client sent them)
  -p, --port N                  proxy port (default 8088)
      --host ADDR               proxy listen address (default 127.0.0.1)
      --ui-port N               inspector UI and API port (default 8089)
      --ui-host ADDR            inspector listen address (default 127.0.0.1; anything else exposes
                                captured traffic, credentials included, to the network)
      --ui-token TOKEN          the inspector's page, API and WebSocket require TOKEN (8 to 256 of
                                A-Z a-z 0-9 . _ ~ -): open the URL printed at start-up, which carries
                                it once and leaves an HttpOnly cookie; scripts send
                                "Authorization: Bearer TOKEN" (generate one: openssl rand -hex 16);
                                DAVSCOPE_UI_TOKEN in the environment does the same and keeps the
                                token out of the process list
      --max-body SIZE           keep at most SIZE of each body for inspection; bodies are always
                                forwarded whole (default 4MiB; accepts 512k, 4MiB, 1g, bytes)
      --keep N                  exchanges kept in memory, oldest dropped first (default 10000)
      --upstream-connections N  most sockets open to the upstream at once (default auto: 4 while
                                the upstream closes connections after each response, as
                                Radicale does, since such servers refuse connects past ~8;
                                32 once it keeps them alive); a number fixes the bound
      --upstream-timeout SECS   answer 504 when the upstream stays silent this long (default 60)
      --client-timeout SECS     close a client connection that has not sent its request headers
                                within SECS, and answer 408 to one that stops sending its
                                request body that long (slowloris protection; default 30)
      --insecure                accept an upstream TLS certificate that does not verify
      --tls                     serve HTTPS on the proxy port, with a certificate for localhost,
                                127.0.0.1, ::1 and this machine's name issued by davscope's own CA
                                (made on first use in ~/.config/davscope, or $DAVSCOPE_CONFIG_DIR;
                                the inspector offers it for download, with how to trust it)
      --tls-name NAME           one more DNS name (*. wildcard allowed) or IP address the certificate
                                covers (repeatable)
      --tls-cert FILE           serve HTTPS with your own certificate (PEM) instead; with --tls-key
      --tls-key FILE            the private key (PEM) of --tls-cert
      --record FILE             append every completed exchange to FILE (davscope's recording
                                format, JSON Lines; lint, export and replay read it); credentials
                                are redacted
      --keep-secrets            keep Authorization, Cookie, URL passwords and query tokens in the
                                recording
      --redact-header NAME      one more header whose value is a credential, replaced entirely by
                                [redacted] in the recording and kept off the console (repeatable;
                                X-Auth-Token, X-Api-Key, Api-Key, X-Access-Token, X-CSRF-Token,
                                X-XSRF-Token and X-Amz-Security-Token are redacted already)
      --intercept FILTER        hold the requests FILTER picks before they are forwarded, for the
                                inspector to edit and continue, continue unchanged, or abort (the
                                client then gets 502); "" holds every request. FILTER words:
                                method:PUT,DELETE  path:/calendars/  header:If-Match
                                header:Depth=1  a bare word (method, path or headers contain it)
                                and -word to exclude; all must hold. The page has the same toggle
      --intercept-responses     hold the responses to those requests too, before they go back to
                                the client (status, headers and body can be edited)
      --intercept-timeout SECS  a held request or response nobody answers continues unchanged
                                after SECS, so clients never hang (default 60)
${FAULT_USAGE}
${PROXY_INTEROP_USAGE}
  -q, --quiet                   no console line per exchange
  -h, --help                    show this help
  -v, --version                 print the version

Examples:
  davscope --target http://127.0.0.1:5232
  davscope -t https://cloud.example.com/remote.php/dav/ --insecure -p 9000
  davscope -t http://127.0.0.1:5232 --record session.jsonl && davscope lint session.jsonl
`;

/** Sizes like 4MiB, 512k, 1g or plain bytes. */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${flag} wants a size such as 4MiB, 512k or 1048576, not "${text}"`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor);
}

/** --max-line SIZE for the commands that read files: at least 1 MiB, at most what V8 can parse. */
export function parseMaxLine(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = parseSize(text, '--max-line');
  if (n < 1 << 20 || n > MAX_LINE_LIMIT) throw new UsageError(`--max-line wants a size from 1MiB to 500MiB, not "${text}"`);
  return n;
}

function parseInteger(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} wants a whole number from ${min} to ${max}, not "${text}"`);
  }
  return Number(text);
}

/** What --tls and its companions ask for; the certificate itself is made or read at start. */
export type TlsRequest = { readonly kind: 'ca'; readonly names: readonly string[] } | { readonly kind: 'user'; readonly cert: string; readonly key: string };

function tlsRequest(on: boolean | undefined, names: string[] | undefined, cert: string | undefined, key: string | undefined): { tlsRequest?: TlsRequest } {
  if ((cert === undefined) !== (key === undefined)) throw new UsageError(cert === undefined ? '--tls-key needs --tls-cert FILE, the certificate it belongs to' : '--tls-cert needs --tls-key FILE, its private key');
  if (cert !== undefined && key !== undefined) {
    if (names?.length) throw new UsageError('--tls-name names go into the certificate davscope issues; with --tls-cert the certificate already says its names');
    return { tlsRequest: { kind: 'user', cert, key } };
  }
  if (names?.length && !on) throw new UsageError('--tls-name needs --tls (it adds a name to the certificate --tls makes)');
  return on ? { tlsRequest: { kind: 'ca', names: (names ?? []).map(certificateName) } } : {};
}

// A DNS name as certificates hold it: labels of letters, digits and inner hyphens, a leading *. for a wildcard.
const DNS_NAME = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A --tls-name as the certificate will hold it; anything else would be a name no client ever matches. */
function certificateName(text: string): string {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(bare)) return bare;
  if (bare.length <= 253 && DNS_NAME.test(bare)) return bare.toLowerCase();
  throw new UsageError(`--tls-name wants a host name (such as cal.example.test or *.example.test) or an IP address, not "${text}"`);
}

function parseConnections(text: string | undefined): number | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1024) {
    throw new UsageError(`--upstream-connections wants auto or a whole number from 1 to 1024, not "${text}"`);
  }
  return Number(text);
}

import { parseTarget } from './target-url.ts';
export { parseTarget };

/** The --redact-header values (proxy and export), checked to be header names. */
export function redactHeaderNames(values: readonly string[] | undefined): string[] {
  for (const v of values ?? []) {
    if (!isToken(v)) throw new UsageError(`--redact-header wants a header name such as X-Api-Key, not "${v}"`);
  }
  return [...(values ?? [])];
}

/** --interop-target and its companions: the only servers the page may send the session to. */
function interopTargetsOf(target: string[] | undefined, auth: string[] | undefined, rebase: string[] | undefined): { interopTargets?: InteropTarget[] } {
  if (!target?.length && (auth?.length || rebase?.length)) throw new UsageError(`${auth?.length ? '--interop-auth' : '--interop-rebase'} names an --interop-target: give --interop-target NAME=URL too`);
  const targets = parseInteropTargets({ target: '--interop-target', auth: '--interop-auth', rebase: '--interop-rebase' }, { target, auth, rebase }, [SESSION_COLUMN]);
  return targets.length ? { interopTargets: targets } : {};
}

/** A first word that is no command: the close match and the list of commands. */
function unknownCommand(word: string): string {
  const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!).filter(Boolean))];
  const close = closeMatches(word, names);
  return `no command "${word}"${close.length ? `; did you mean ${close.join(' or ')}?` : ''} The commands are ${names.join(', ')}; the proxy itself takes options only (davscope --target URL)`;
}

/** --intercept FILTER, checked now so a typo fails at start-up with the known words. */
function checkedFilter(text: string): string {
  try {
    compileRequestFilter(text);
  } catch (err) {
    if (err instanceof FilterError) throw new UsageError(`--intercept: ${err.message}`);
    throw err;
  }
  return text;
}

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: Omit<DavscopeOptions, 'target'> & { target?: URL; tlsRequest?: TlsRequest } };

export function parseCli(argv: string[]): CliRequest {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      target: { type: 'string', short: 't' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'ui-port': { type: 'string' },
      'ui-host': { type: 'string' },
      'ui-token': { type: 'string' },
      'max-body': { type: 'string' },
      keep: { type: 'string' },
      'upstream-connections': { type: 'string' },
      'upstream-timeout': { type: 'string' },
      'client-timeout': { type: 'string' },
      insecure: { type: 'boolean' },
      tls: { type: 'boolean' },
      'tls-name': { type: 'string', multiple: true },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      record: { type: 'string' },
      'keep-secrets': { type: 'boolean' },
      'redact-header': { type: 'string', multiple: true },
      intercept: { type: 'string' },
      'intercept-timeout': { type: 'string' },
      'intercept-responses': { type: 'boolean' },
      ...FAULT_FLAGS,
      ...PROXY_INTEROP_FLAGS,
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (positionals.length > 0) throw new UsageError(unknownCommand(positionals[0]!));
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  // DAVSCOPE_UI_TOKEN keeps the token out of the process list (/proc/PID/cmdline is world-readable).
  const uiToken = values['ui-token'] ?? (process.env.DAVSCOPE_UI_TOKEN || undefined);
  if (uiToken !== undefined && !TOKEN_PATTERN.test(uiToken)) {
    throw new UsageError('--ui-token wants 8 to 256 characters of A-Z a-z 0-9 . _ ~ - (try: openssl rand -hex 16)');
  }
  return {
    kind: 'run',
    options: {
      ...(values.target !== undefined ? { target: parseTarget(values.target) } : {}),
      port: parseInteger(values.port, '--port', 8088, 0, 65535),
      host: values.host ?? '127.0.0.1',
      uiPort: parseInteger(values['ui-port'], '--ui-port', 8089, 0, 65535),
      uiHost: values['ui-host'] ?? '127.0.0.1',
      ...(uiToken !== undefined ? { uiToken } : {}),
      maxBody: values['max-body'] === undefined ? RUN_DEFAULTS.maxBody : parseSize(values['max-body'], '--max-body'),
      keep: parseInteger(values.keep, '--keep', RUN_DEFAULTS.keep, 1, 10_000_000),
      storeBytes: RUN_DEFAULTS.storeBytes,
      upstreamConnections: parseConnections(values['upstream-connections']),
      upstreamTimeoutMs: parseInteger(values['upstream-timeout'], '--upstream-timeout', RUN_DEFAULTS.upstreamTimeoutMs / 1000, 1, 86_400) * 1000,
      clientHeaderTimeoutMs: parseInteger(values['client-timeout'], '--client-timeout', RUN_DEFAULTS.clientHeaderTimeoutMs / 1000, 1, 3600) * 1000,
      insecure: values.insecure ?? false,
      ...tlsRequest(values.tls, values['tls-name'], values['tls-cert'], values['tls-key']),
      ...(values.record !== undefined ? { record: values.record } : {}),
      keepSecrets: values['keep-secrets'] ?? false,
      redactHeaders: redactHeaderNames(values['redact-header']),
      ...(values.intercept !== undefined ? { intercept: checkedFilter(values.intercept) } : {}),
      interceptResponses: values['intercept-responses'] ?? false,
      ...faultsFromFlags(values.fault, values.faults),
      ...interopTargetsOf(values['interop-target'], values['interop-auth'], values['interop-rebase']),
      interceptTimeoutMs: parseInteger(values['intercept-timeout'], '--intercept-timeout', 60, 1, 86_400) * 1000,
      quiet: values.quiet ?? false,
    },
  };
}
