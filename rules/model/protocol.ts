// The inspector's WebSocket protocol, shared by the proxy (proxy/publish/) and the UI (ui/store/):
// a snapshot on connect, then numbered deltas in batches. Pure types and helpers, no Node, no DOM.
import { partiesOf, primaryFindings, type Exchange, type Party, type Severity, type Source } from './exchange.ts';
import { summarize, type ExchangeSummary } from './wire.ts';

/** Bumped on any incompatible change; a client that sees another number reloads the page. */
export const PROTOCOL_VERSION = 1;

/** Where the WebSocket lives on the inspector's port. */
export const WS_PATH = '/ws';

/** Close code for "you fell behind or asked for too much: reconnect and take a fresh snapshot". */
export const CLOSE_RESYNC = 4000;

/** Where an exchange is in its life: its request arrived; its response is done; the rules ran. */
export type RowState = 'started' | 'completed' | 'analysed';

/**
 * One row of the list: the summary plus what the list filters on without fetching the exchange.
 * Headers travel as one text block because free-text search is their only use before the detail
 * is opened; bodies never travel here (they are fetched from /api/exchanges/:id on demand).
 */
export interface ExchangeRow extends ExchangeSummary {
  readonly state: RowState;
  /** The upstream base URL, so paths can be shown relative to it. */
  readonly upstream: string;
  /** Distinct rule ids of the findings, sorted. */
  readonly ruleIds: readonly string[];
  /** rule id → its findings here counted by severity, so silencing a rule can recount the badges. */
  readonly ruleFindings: Readonly<Record<string, SeverityCounts>>;
  /** "Name: value" lines of the request headers, then the response headers. */
  readonly headerText: string;
  /** Whose faults the (unfolded) findings are, distinct and sorted; absent on rows of older servers. */
  readonly parties?: readonly Party[];
}

export type Delta =
  | { readonly n: number; readonly type: 'started'; readonly row: ExchangeRow }
  | { readonly n: number; readonly type: 'completed'; readonly row: ExchangeRow }
  | { readonly n: number; readonly type: 'analysed'; readonly row: ExchangeRow }
  | { readonly n: number; readonly type: 'cleared' };

/** Facts about the running proxy the screen needs (the empty state names the proxy URL). */
export interface ServerInfo {
  readonly upstream: string;
  readonly proxyUrl: string;
  /** Exchanges the server keeps; the client keeps no more, oldest dropped first. */
  readonly keep: number;
  readonly version: string;
  /** The embedded demo is running (no --target): the page says so. */
  readonly demo?: boolean;
  /** The proxy port serves HTTPS; ca: with davscope's own CA (GET /api/tls/ca.pem), which clients must trust. */
  readonly tls?: { readonly ca: boolean };
  /** The servers the page may send the session to for an interop table (--interop-target). */
  readonly interopTargets?: readonly { readonly name: string; readonly url: string }[];
}

/** Something the user must know about the proxy itself (the recording stopped...), shown as a banner. */
export interface Notice {
  readonly level: 'warning';
  readonly text: string;
}

/** A request intercept is holding, as the page lists it. */
export interface HeldRequest {
  /** The exchange id the request will have. */
  readonly id: string;
  /** What is held: the request before it is forwarded, or the response before it goes back. */
  readonly phase: 'request' | 'response';
  /** The request's method and target (in both phases). */
  readonly method: string;
  readonly target: string;
  /** For a held response: the upstream's status. */
  readonly status?: number;
  readonly statusText?: string;
  /** The held message's headers: the request's, or the response's. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body, UTF-8 text or base64; absent when it was not read (see editable). */
  readonly body?: { readonly encoding: 'utf8' | 'base64'; readonly data: string };
  /** False when the body is over --max-body: it can be continued unchanged or aborted, not edited. */
  readonly editable: boolean;
  /** Why it cannot be edited, in a sentence for the page. */
  readonly reason?: string;
  readonly heldSince: number;
  /** When it continues unchanged if nobody answers (epoch ms). */
  readonly continuesAt: number;
}

/** Whether intercept is on, its filter, and what it holds. */
export interface InterceptState {
  readonly enabled: boolean;
  readonly filter: string;
  /** Whether the responses to the picked requests are held too. */
  readonly responses: boolean;
  readonly timeoutMs: number;
  readonly held: readonly HeldRequest[];
}

/** A fault as the page lists it: on or off, how often it matched and fired, what it does. */
export interface FaultState {
  readonly name: string;
  readonly enabled: boolean;
  readonly fired: number;
  readonly seen: number;
  /** One of davscope's presets (else from a --faults file). */
  readonly preset: boolean;
  readonly does: string;
  /** For a preset: what a correct client does next, and where that is written. */
  readonly correctClient?: string;
  readonly spec?: string;
}

export type ServerMessage =
  /** The whole state, consistent with delta number `n`: apply deltas numbered n+1 onwards. */
  | { readonly type: 'snapshot'; readonly protocol: number; readonly n: number; readonly info: ServerInfo; readonly rows: readonly ExchangeRow[]; readonly notices?: readonly Notice[]; readonly intercept?: InterceptState; readonly faults?: readonly FaultState[] }
  /** The faults changed (one was turned on or off, or fired). */
  | { readonly type: 'faults'; readonly faults: readonly FaultState[] }
  /** Intercept's state changed (a request held or released, the toggle or filter changed). */
  | { readonly type: 'intercept'; readonly intercept: InterceptState }
  /** A notice raised since the snapshot (notices are not numbered deltas: they never need a resync). */
  | { readonly type: 'notice'; readonly notice: Notice }
  /** Deltas in order since the last batch, one message per flush tick. */
  | { readonly type: 'batch'; readonly deltas: readonly Delta[] }
  /** The server stopped sending to this client (it fell behind); reconnect for a snapshot. */
  | { readonly type: 'resync'; readonly reason: string };

export type ClientMessage =
  /** The client saw a gap in delta numbers: send a fresh snapshot on this connection. */
  | { readonly type: 'snapshot' }
  /** Empty the server's store (the "clear" button). */
  | { readonly type: 'clear' };

function headerLines(headers: readonly (readonly [string, string])[] | undefined): string {
  let s = '';
  for (const [k, v] of headers ?? []) s += `${k}: ${v}\n`;
  return s;
}

export type SeverityCounts = Readonly<Partial<Record<Severity, number>>>;

/** The row of an exchange; `state` says how far along it is. */
export function rowOf(ex: Exchange, state: RowState): ExchangeRow {
  const ruleFindings: Record<string, Partial<Record<Severity, number>>> = {};
  // The badges count stories, not rules.
  for (const f of primaryFindings(ex.findings)) {
    const counts = (ruleFindings[f.ruleId] ??= {});
    counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  }
  return {
    ...summarize(ex),
    state,
    upstream: ex.upstream,
    ruleIds: Object.keys(ruleFindings).sort(),
    ruleFindings,
    headerText: headerLines(ex.request.headers) + headerLines(ex.response?.headers),
    parties: partiesOf(ex.findings),
  };
}

/** The row of a request that just arrived, before anything of the response is known. */
export function startedRow(init: { id: string; seq: number; source?: Source; upstream: string; method: string; target: string; startedAt: number; headers: readonly (readonly [string, string])[] }): ExchangeRow {
  return {
    id: init.id,
    seq: init.seq,
    source: init.source ?? 'live',
    method: init.method,
    target: init.target,
    startedAt: init.startedAt,
    findings: { error: 0, warning: 0, info: 0 },
    state: 'started',
    upstream: init.upstream,
    ruleIds: [],
    ruleFindings: {},
    headerText: headerLines(init.headers),
  };
}

/** Parses a server message, or says why it is not one (a client must never act on garbage). */
export function parseServerMessage(text: string): ServerMessage | { readonly type: 'invalid'; readonly reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'invalid', reason: 'not JSON' };
  }
  const t = (value as { type?: unknown } | null)?.type;
  if (t === 'snapshot' || t === 'batch' || t === 'resync') return value as ServerMessage;
  if (t === 'faults') {
    if (Array.isArray((value as { faults?: unknown }).faults)) return value as ServerMessage;
    return { type: 'invalid', reason: 'a faults message without a list' };
  }
  if (t === 'intercept') {
    const state = (value as { intercept?: { enabled?: unknown; held?: unknown } }).intercept;
    if (typeof state?.enabled === 'boolean' && Array.isArray(state.held)) return value as ServerMessage;
    return { type: 'invalid', reason: 'an intercept message without a state' };
  }
  if (t === 'notice') {
    const text = (value as { notice?: { text?: unknown } }).notice?.text;
    if (typeof text === 'string') return { type: 'notice', notice: { level: 'warning', text } };
    return { type: 'invalid', reason: 'a notice without text' };
  }
  return { type: 'invalid', reason: `unknown message type ${JSON.stringify(t)}` };
}

/** Parses a client message; anything else is ignored by the server. */
export function parseClientMessage(text: string): ClientMessage | undefined {
  try {
    const v = JSON.parse(text) as { type?: unknown } | null;
    if (v?.type === 'snapshot' || v?.type === 'clear') return { type: v.type };
  } catch {
    // fall through: garbage is ignored
  }
  return undefined;
}
