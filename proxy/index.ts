// davscope as a library, for test suites: start the proxy in front of a server, replay a recording as
// fixtures, lint exchanges or a file. These are the functions davscope's own commands run (replay
// serve is startReplay, lint --format json is lintFile's report), so a test sees what a user sees.
import type { Exchange, Finding, Party, Severity } from '../rules/model/exchange.ts';
import type { RuleConfig } from '../rules/engine/config.ts';
import { createEngine } from '../rules/engine/engine.ts';
import { allRules } from '../rules/registry.ts';
import { exchangeUrl } from '../rules/formats/har/exchange-url.ts';
import { startDavscope, type Davscope } from './server.ts';
import { readRecording } from './recording/reader.ts';
import { describeMiss } from './responders/replay.ts';
import { RUN_DEFAULTS } from './run-defaults.ts';
import type { FaultOptions } from './faults/fault-options.ts';

export type { Exchange, Finding, Party, Severity, RuleConfig };

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
  /** Resolves with the first miss when strict (the replay then stopped); never resolves otherwise. */
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
  const truncated = exchanges.filter((e) => e.response?.body.kind === 'captured' && e.response.body.truncated).length;
  return { ...base, misses: () => misses, stopped, recorded: exchanges.length, truncated };
}

/** What the rules say about these exchanges, in session order (the JSON of `lint --format json`). */
export function lintExchanges(exchanges: Iterable<Exchange>, options: { readonly rules?: RuleConfig } = {}): LintReport {
  const engine = createEngine({ rules: allRules, ...(options.rules ? { config: options.rules } : {}) });
  const findings: LintFinding[] = [];
  let n = 0;
  for (const ex of exchanges) {
    n++;
    for (const f of engine.analyse(ex)) findings.push(lintFinding(n, ex, f));
  }
  return { exchanges: n, findings };
}

/** lintExchanges over a recording or HAR file. */
export async function lintFile(file: string, options: { readonly rules?: RuleConfig } = {}): Promise<LintReport> {
  const { exchanges } = await loadRecording(file);
  return lintExchanges(exchanges, options);
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
  const exchanges = async () => {
    await app.idle();
    return app.store.rows(-Infinity, Infinity).flatMap((r) => app.store.get(r.id) ?? []);
  };
  return {
    proxyUrl: app.proxyUrl,
    uiUrl: app.uiUrl,
    exchanges,
    findings: async () => (await exchanges()).flatMap((exchange) => exchange.findings.map((finding) => ({ exchange, finding }))),
    close: () => app.close(),
  };
}
