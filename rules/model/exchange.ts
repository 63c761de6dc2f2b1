// The exchange model: one request and, once complete, exactly one of a response or a
// transport error. Pure data shared by the proxy, the rules, recordings and the UI.

/** A header as the wire had it: original case, duplicates and order kept. */
export type HeaderPair = readonly [name: string, value: string];
export type HeaderList = readonly HeaderPair[];

/** Why a body's bytes are not available (absent and unknown are never confused). */
export type UnavailableReason = 'aborted' | 'not-recorded' | 'evicted';

export type Body =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'captured';
      /** Bytes as they crossed the wire (still content-encoded), at most the capture cap. */
      readonly bytes: Uint8Array;
      /** The full size on the wire, which exceeds bytes.length when truncated. */
      readonly size: number;
      readonly truncated: boolean;
      /** Content-Encoding of the bytes (gzip, br, deflate), if any. */
      readonly contentEncoding?: string;
      /** The identity-decoded body, for inspection only, when it could be decoded. */
      readonly decoded?: Uint8Array;
    }
  | { readonly kind: 'unavailable'; readonly size?: number; readonly reason: UnavailableReason };

export interface Request {
  readonly method: string;
  /** The request-target exactly as the client sent it (path, query and even a #fragment). */
  readonly target: string;
  readonly httpVersion: string;
  readonly headers: HeaderList;
  readonly body: Body;
}

export interface Response {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly headers: HeaderList;
  readonly body: Body;
}

/** Where a transfer failed: reaching the upstream, sending the request, or receiving the response. */
export type TransportPhase = 'connect' | 'request' | 'response';

export interface TransportError {
  readonly phase: TransportPhase;
  /** The Node error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT...) or a davscope code (CLIENT_ABORTED). */
  readonly code: string;
  readonly message: string;
}

/** All times in milliseconds; offsets are from startedAt on one monotonic clock. */
export interface Timings {
  /** Wall-clock time the request arrived (epoch ms). */
  readonly startedAt: number;
  readonly requestEnd?: number;
  /** Time to first byte of the response head. */
  readonly responseStart?: number;
  readonly end?: number;
}

/**
 * How an exchange came to be: `live` a client's request through the proxy; `resent` sent again from
 * the inspector or by `replay send`; `composed` built in the inspector's composer; `replayed`
 * answered from a recording by `replay serve`; `injected` answered or altered by a fault; `import`
 * read from a HAR file that did not say.
 */
export type Source = 'live' | 'resent' | 'composed' | 'replayed' | 'injected' | 'import';

export const SOURCES: readonly Source[] = ['live', 'resent', 'composed', 'replayed', 'injected', 'import'];

/** A source read from a file: davscope 0.1 wrote `replay` for what is now `resent`; unknown words are `import`. */
export function sourceFrom(value: unknown): Source {
  if (value === 'replay') return 'resent';
  return SOURCES.includes(value as Source) ? (value as Source) : 'import';
}

/** What an intercepted request went through before it was forwarded (or not). */
export interface InterceptNote {
  /** continued: as the client sent it; edited: the user changed it (what is captured is what was sent);
   *  aborted: never forwarded, the client got 502; timeout: nobody answered, continued unchanged. */
  readonly outcome: 'continued' | 'edited' | 'aborted' | 'timeout';
  /** How long the request was held (ms). */
  readonly heldMs: number;
  /** For `edited`: the request line and headers as the client sent them. */
  readonly original?: { readonly method: string; readonly target: string; readonly headers: readonly HeaderPair[] };
}

export type Severity = 'error' | 'warning' | 'info';

export interface SpecRef {
  /** e.g. "RFC 4791" */
  readonly spec: string;
  /** e.g. "5.3.2" */
  readonly section?: string;
  readonly url: string;
}

/** What a finding points at, so a UI can highlight it. */
export interface FindingLocation {
  readonly side: 'request' | 'response';
  readonly header?: string;
  /** An XML element in Clark notation, e.g. "{DAV:}resource-must-be-null". */
  readonly xmlElement?: string;
  /** An iCalendar property or component name, e.g. "UID". */
  readonly icalProperty?: string;
}

/** Who broke the rule: the client (its request, or what it did next), the server (its answer),
 *  both, or unknown where the RFC does not say. */
export type Party = 'client' | 'server' | 'both' | 'unknown';
export const PARTIES: readonly Party[] = ['client', 'server', 'both', 'unknown'];

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly explanation: string;
  readonly fix: string;
  readonly specs: readonly SpecRef[];
  readonly location?: FindingLocation;
  /** Judged on the kept part of a body cut at the capture cap (what followed was not seen). */
  readonly partial?: true;
  /** Whose fault it is. Always set by the engine; absent only in files written before davscope said (read as unknown). */
  readonly party?: Party;
  /** Set when another finding on the exchange tells the same story: that finding's rule id. */
  readonly foldedInto?: string;
}

/** The findings that tell a story of their own: a folded one restates its primary (foldedInto), so
 *  counts, badges, cells and the filter language leave it out. */
export function primaryFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.foldedInto === undefined);
}

/** Whose faults the primary findings are, distinct and sorted. */
export function partiesOf(findings: readonly Finding[]): Party[] {
  return [...new Set(primaryFindings(findings).map((f) => f.party ?? 'unknown'))].sort();
}

export interface Exchange {
  readonly id: string;
  readonly seq: number;
  readonly source: Source;
  /** The upstream base URL the request was meant for (paths are shown relative to it). */
  readonly upstream: string;
  readonly request: Request;
  readonly response?: Response;
  readonly error?: TransportError;
  readonly timings: Timings;
  readonly findings: readonly Finding[];
  /** The exchange this one derives from: for `resent`, the id it was resent from; for `replayed`,
   *  the id of the recorded exchange that answered it. */
  readonly basedOn?: string;
  /** Set when the request was held by intercept. */
  readonly intercept?: InterceptNote;
  /** Set when the response was held by intercept before it went back to the client. */
  readonly interceptResponse?: InterceptResponseNote;
  /** The client reached davscope over TLS (--tls): what it sent was not in clear text on the network. */
  readonly clientTls?: true;
  /** Set when a fault touched the exchange (source `injected`): which, and what it did. */
  readonly fault?: FaultNote;
  /** For a `replayed` request no recorded exchange matched: the nearest ones and how they differ. */
  readonly replayMiss?: readonly ReplayCandidateNote[];
}

/** What the notes a responder leaves on an exchange can hold (see ExchangeTap.annotate). */
export type ExchangeNotes = Partial<Pick<Exchange, 'source' | 'basedOn' | 'intercept' | 'interceptResponse' | 'replayMiss' | 'fault'>>;

/** Which fault touched an exchange and what it did, e.g. "answered 412 without forwarding". */
export interface FaultNote {
  readonly name: string;
  readonly did: string;
}

/** What a held response went through: as InterceptNote, with the upstream's own head when edited
 *  (what is captured is what the client got). */
export interface InterceptResponseNote {
  readonly outcome: InterceptNote['outcome'];
  readonly heldMs: number;
  readonly original?: { readonly status: number; readonly statusText: string; readonly headers: readonly HeaderPair[] };
}

/** A recorded exchange that nearly answered a replayed request. */
export interface ReplayCandidateNote {
  readonly id: string;
  readonly seq: number;
  readonly method: string;
  readonly target: string;
  /** Each difference in a sentence, e.g. "Depth: 1 here, 0 recorded". */
  readonly differences: readonly string[];
}
