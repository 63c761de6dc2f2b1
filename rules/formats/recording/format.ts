// davscope's own recording format: JSON Lines, a versioned header line, then one wire-form exchange
// per line, because HAR loses raw bytes, truncation, transport errors and findings.
import type { Exchange } from '../../model/exchange.ts';
import { exchangeToWire } from '../../model/wire.ts';

export const RECORDING_FORMAT = 'davscope-recording';
/** The version this davscope writes; older versions load through the upgrade chain. */
export const RECORDING_VERSION = 1;

/** The first line of every recording. */
export interface RecordingHeader {
  readonly format: typeof RECORDING_FORMAT;
  readonly version: number;
  /** When the recording was started (ISO 8601). */
  readonly created: string;
  /** The upstream the proxy forwarded to, when there was one. */
  readonly upstream?: string;
  /** The davscope version that wrote the file. */
  readonly davscope?: string;
  /** Whether secrets were redacted (false only with --keep-secrets). */
  readonly redacted?: boolean;
}

export function recordingHeader(fields: { upstream?: string; davscope?: string; redacted: boolean; created?: Date }): RecordingHeader {
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    created: (fields.created ?? new Date()).toISOString(),
    ...(fields.upstream !== undefined ? { upstream: fields.upstream } : {}),
    ...(fields.davscope !== undefined ? { davscope: fields.davscope } : {}),
    redacted: fields.redacted,
  };
}

/** One line, newline included: JSON.stringify escapes every control character, so a line never
 *  contains a raw newline whatever the bodies hold. */
export function exchangeLine(ex: Exchange): string {
  // Request and response first, so a person reading the file with less sees what happened.
  const { id, seq, source, upstream, request, response, error, timings, findings, ...rest } = exchangeToWire(ex);
  return JSON.stringify({ id, seq, source, upstream, request, response, error, timings, findings, ...rest }) + '\n';
}

export function headerLine(header: RecordingHeader): string {
  return JSON.stringify(header) + '\n';
}
