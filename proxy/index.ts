// davscope as a library, for test suites: start the proxy in front of a server, replay a recording as
// fixtures, lint exchanges or a file. These are the functions davscope's own commands run (replay
// serve is startReplay, lint --format json is lintFile's report), so a test sees what a user sees.
import type { Exchange, Finding, Party, Severity } from '../rules/model/exchange.ts';
import type { RuleConfig } from '../rules/engine/config.ts';
import { createEngine } from '../rules/engine/engine.ts';
import { allRules } from '../rules/registry.ts';
import { exchangeUrl } from '../rules/formats/har/exchange-url.ts';
import { compileFilterText, type FilterMatcher } from '../rules/filter/language.ts';
import { subjectOfExchange } from '../rules/filter/subjects.ts';
import { openInput, type InputWarning } from './commands/input.ts';
import { startDavscope, type Davscope } from './server.ts';
import { readRecording } from './recording/reader.ts';
import { describeMiss } from './responders/replay.ts';
import { RUN_DEFAULTS } from './run-defaults.ts';
import type { FaultOptions } from './faults/fault-options.ts';

export type { Exchange, Finding, Party, Severity, RuleConfig, InputWarning };

export interface ProxyOptions {
  /** The CalDAV server to forward to, e.g. http://127.0.0.1:5232/. */
  readonly target: string | URL;
  /** The port clients use; 0 (the default here) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** The inspector's port; 0 (the default here) picks a free one. */
  readonly uiPort?: number;
  readonly uiHost?: string;
  /** Keep at most this many bytes of each body for inspection (bodies are always forwarded whole). */
  readonly maxBody?: number;
  /** Exchanges kept in memory, oldest dropped first. */
  readonly keep?: number;
  /** Append every exchange to this recording file (credentials redacted unless keepSecrets). */
  readonly record?: string;
  readonly keepSecrets?: boolean;
  /** Per-rule severity or 'off', by rule id. */
  readonly rules?: RuleConfig;
  /** Fault presets turned on from the start, by name (davscope faults lists them). */
  readonly faults?: readonly string[];
  /** Accept an upstream TLS certificate that does not verify. */
  readonly insecure?: boolean;
  /** Print each exchange on standard output, as the command does (default: quiet). */
  readonly log?: boolean;
  /** The inspector's page, API and WebSocket require this token (--ui-token). */
  readonly uiToken?: string;
  /** More credential headers redacted in the recording and kept off the console (--redact-header). */
  readonly redactHeaders?: readonly string[];
  /** Most sockets open to the upstream at once, or 'auto' (--upstream-connections). Spelt out rather
   *  than imported: the public declarations stay free of Node's types (a consumer needs no @types/node). */
  readonly upstreamConnections?: number | 'auto';
  /** Answer 504 when the upstream stays silent this long, in ms (--upstream-timeout, in seconds there). */
  readonly upstreamTimeoutMs?: number;
  /** Close a client that sends no request headers this long, in ms (--client-timeout). */
  readonly clientTimeoutMs?: number;
  /** Hold the requests this filter picks for the inspector (--intercept; '' holds all). */
  readonly intercept?: string;
  /** Hold the responses to those requests too (--intercept-responses). */
  readonly interceptResponses?: boolean;
  /** A held request nobody answers continues unchanged after this long, in ms (--intercept-timeout). */
  readonly interceptTimeoutMs?: number;
}

export interface RunningProxy {
  /** Point the client here. */
  readonly proxyUrl: string;
  /** The inspector. */
  readonly uiUrl: string;
  /** Every exchange so far, oldest first, each with its findings (waits for those under way). */
  exchanges(): Promise<Exchange[]>;
  /** Every finding so far, with the exchange it is on. */
  findings(): Promise<{ readonly exchange: Exchange; readonly finding: Finding }[]>;
  close(): Promise<void>;
}

export interface ReplayOptions {
  /** A davscope recording (--record, or Save in the inspector). */
  readonly recording: string;
  /** Treat a request the recording does not hold as the end: `stopped` resolves with it (every miss
   *  gets a 502 that says why, strict or not; `replay serve --strict` exits there). */
  readonly strict?: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly uiPort?: number;
  readonly uiHost?: string;
  /** Fault presets by name, or presets and faults read from a --faults file. */
  readonly faults?: readonly string[] | FaultOptions;
  /** Told of each request answered from the recording. */
  readonly onHit?: (method: string, target: string, recorded: Exchange) => void;
  /** Told of each request the recording does not hold, in words (with the nearest candidates). */
  readonly onMiss?: (said: string) => void;
  /** Told of what cannot be read in the recording (a damaged line). */
  readonly onWarning?: (message: string) => void;
}

export interface RunningReplay extends RunningProxy {
  /** The requests the recording did not hold, each with its nearest recorded candidates, in words. */
  misses(): readonly string[];
  /** Resolves with the first miss when strict (the replay then stops listening); never resolves otherwise. */
  readonly stopped: Promise<string>;
  /** How many recorded exchanges it answers from. */
  readonly recorded: number;
  /** How many of their responses were cut at the capture cap (they are served short). */
  readonly truncated: number;
}

/** The JSON `davscope lint --format json` prints. */
export interface LintReport {
  readonly exchanges: number;
  readonly findings: readonly LintFinding[];
}

export interface LintFinding {
  /** Counted from 1, as the inspector numbers exchanges. */
  readonly exchange: number;
  readonly method: string;
  readonly url: string;
  readonly status: number | null;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly party: Party;
  readonly partial?: true;
  readonly foldedInto?: string;
}

/** Starts davscope in front of a server; `close()` stops it. */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const app = await startDavscope({
    ...RUN_DEFAULTS,
    target: new URL(options.target),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    uiHost: options.uiHost ?? '127.0.0.1',
    uiPort: options.uiPort ?? 0,
    ...(options.maxBody !== undefined ? { maxBody: options.maxBody } : {}),
    ...(options.keep !== undefined ? { keep: options.keep } : {}),
    insecure: options.insecure ?? false,
    quiet: options.log !== true,
    ...(options.record !== undefined ? { record: options.record, keepSecrets: options.keepSecrets ?? false } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.faults?.length ? { faults: { enabled: options.faults } } : {}),
    ...(options.uiToken !== undefined ? { uiToken: options.uiToken } : {}),
    ...(options.redactHeaders ? { redactHeaders: options.redactHeaders } : {}),
    ...(options.upstreamConnections !== undefined ? { upstreamConnections: options.upstreamConnections } : {}),
    ...(options.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.clientTimeoutMs !== undefined ? { clientHeaderTimeoutMs: options.clientTimeoutMs } : {}),
    ...(options.intercept !== undefined ? { intercept: options.intercept } : {}),
    ...(options.interceptResponses !== undefined ? { interceptResponses: options.interceptResponses } : {}),
    ...(options.interceptTimeoutMs !== undefined ? { interceptTimeoutMs: options.interceptTimeoutMs } : {}),
  });
  return running(app);
}

/** Serves a recording as fixtures: the same replay as `davscope replay serve`. */
export async function startReplay(options: ReplayOptions): Promise<RunningReplay> {
  const { exchanges, upstream } = await loadRecording(options.recording, options.onWarning);
  const misses: string[] = [];
  let stop: (miss: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const app = await startDavscope({
    ...RUN_DEFAULTS,
    target: recordedTarget(upstream ?? exchanges[0]?.upstream),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    uiHost: options.uiHost ?? '127.0.0.1',
    uiPort: options.uiPort ?? 0,
    insecure: false,
    quiet: true,
    ...(faultsOf(options.faults) ? { faults: faultsOf(options.faults)! } : {}),
    replay: {
      exchanges,
      ...(options.onHit ? { onHit: options.onHit } : {}),
      onMiss: (method, target, candidates) => {
        const said = describeMiss(method, target, candidates);
        misses.push(said);
        options.onMiss?.(said);
        if (options.strict && misses.length === 1) stop(said);
      },
    },
  });
  const base = running(app);
  // Strict: the replay ends at the first miss (the client saw its 502), as `replay serve --strict` does.
  void stopped.then(() => base.close());
  const truncated = exchanges.filter((e) => e.response?.body.kind === 'captured' && e.response.body.truncated).length;
  return { ...base, misses: () => misses, stopped, recorded: exchanges.length, truncated };
}

export interface LintOptions {
  /** Per-rule severity or 'off', by rule id (lint's --rule; an unknown id throws with close matches). */
  readonly rules?: RuleConfig;
  /** Report only the exchanges this expression picks, in the inspector's filter language (lint's
   *  --filter, e.g. 'method:PUT status:4xx'); the rules still read the whole session. */
  readonly filter?: string;
}

/** What the rules say about these exchanges, in session order (the JSON of `lint --format json`). */
export function lintExchanges(exchanges: Iterable<Exchange>, options: LintOptions = {}): LintReport {
  const step = lintStep(options.rules, options.filter !== undefined ? compileFilterText(options.filter) : undefined);
  const findings: LintFinding[] = [];
  let n = 0;
  for (const ex of exchanges) {
    n++;
    for (const f of step(ex)) findings.push(lintFinding(n, ex, f));
  }
  return { exchanges: n, findings };
}

/** `davscope lint FILE --format json` on a recording or a HAR file, read as a stream; what cannot be
 *  read in a damaged file is in `warnings` (a file that cannot be read at all throws). It does not
 *  read davscope.config.json: pass `rules`. */
export async function lintFile(file: string, options: LintOptions = {}): Promise<LintReport & { readonly warnings: readonly InputWarning[] }> {
  const step = lintStep(options.rules, options.filter !== undefined ? compileFilterText(options.filter) : undefined);
  const input = await openInput(file);
  const findings: LintFinding[] = [];
  let n = 0;
  for await (const ex of input) {
    n++;
    for (const f of step(ex)) findings.push(lintFinding(n, ex, f));
  }
  return { exchanges: n, findings, warnings: input.warnings };
}

/** The rules, configured, as a function of one exchange after another (they keep session state):
 *  its findings, or none when `filter` does not pick it. `davscope lint` runs its loop on this. */
export function lintStep(rules: RuleConfig | undefined, filter: FilterMatcher | undefined): (ex: Exchange) => Finding[] {
  const engine = createEngine({ rules: allRules, ...(rules ? { config: rules } : {}) });
  return (ex) => {
    const findings = engine.analyse(ex);
    return findings.length && filter && !filter(subjectOfExchange({ ...ex, findings })) ? [] : findings;
  };
}

/** One finding as `lint --format json` writes it. */
export function lintFinding(index: number, ex: Exchange, f: Finding): LintFinding {
  return {
    exchange: index,
    method: ex.request.method,
    url: exchangeUrl(ex),
    status: ex.response?.status ?? null,
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    party: f.party ?? 'unknown',
    ...(f.partial ? { partial: true as const } : {}),
    ...(f.foldedInto !== undefined ? { foldedInto: f.foldedInto } : {}),
  };
}

/** Every exchange of a recording, and the upstream its header names. */
export async function loadRecording(file: string, onWarning?: (message: string) => void): Promise<{ exchanges: Exchange[]; upstream?: string }> {
  const reader = readRecording(file, onWarning ? { onWarning: (w) => onWarning(w.message) } : {});
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, ...(reader.header?.upstream ? { upstream: reader.header.upstream } : {}) };
}

/** The recorded upstream, for the inspector to name; any http URL will do when the file has none. */
export function recordedTarget(upstream: string | undefined): URL {
  try {
    if (upstream) return new URL(upstream);
  } catch {
    // a hand-edited header: fall back
  }
  return new URL('http://replay.invalid/');
}

function faultsOf(faults: ReplayOptions['faults']): FaultOptions | undefined {
  if (faults === undefined) return undefined;
  if (Array.isArray(faults)) return faults.length ? { enabled: faults } : undefined;
  return faults as FaultOptions;
}

function running(app: Davscope): RunningProxy {
  let closing: Promise<void> | undefined;
  const exchanges = async () => {
    await app.idle();
    return [...app.store.exchanges()];
  };
  return {
    proxyUrl: app.proxyUrl,
    uiUrl: app.uiUrl,
    exchanges,
    findings: async () => (await exchanges()).flatMap((exchange) => exchange.findings.map((finding) => ({ exchange, finding }))),
    // Once, however often it is called (a strict replay closes itself at its first miss).
    close: () => (closing ??= app.close()),
  };
}
