// The pipeline's last stage when --record is given: appends each completed, analysed exchange.
// Recording must never cost the user their traffic, so a file that cannot be written is warned
// about once and forwarding goes on.
import type { Stage } from '../pipeline.ts';
import { version } from '../version.ts';
import { RecordingWriter } from './writer.ts';

export interface Recorder {
  readonly stage: Stage;
  /** Waits for queued lines and closes the file. */
  close(): Promise<void>;
}

export interface RecorderOptions {
  readonly upstream: string;
  readonly keepSecrets?: boolean;
  /** More credential headers to redact (--redact-header). */
  readonly redactHeaders?: readonly string[];
  /** Console warnings (stderr). */
  readonly warn: (line: string) => void;
  /** The same warning for the inspector page, without the console prefix. */
  readonly notice?: (text: string) => void;
}

export async function openRecorder(path: string | undefined, opts: RecorderOptions): Promise<Recorder | undefined> {
  if (path === undefined) return undefined;
  let writer: RecordingWriter | undefined;
  const warn = (text: string) => {
    opts.warn(`davscope: warning: ${text}`);
    opts.notice?.(text);
  };
  try {
    writer = await RecordingWriter.open(path, {
      upstream: opts.upstream,
      davscope: version(),
      redact: !opts.keepSecrets,
      redactHeaders: opts.redactHeaders,
      onError: (err) => warn(`recording to ${path} stopped after ${writer?.written ?? 0} exchanges, traffic is still forwarded: ${err.message}`),
    });
  } catch (err) {
    warn(`cannot record to ${path}, traffic is still forwarded but not recorded: ${(err as Error).message}`);
  }
  return {
    stage: { name: 'record', run: (ex) => writer?.append(ex) },
    close: async () => writer?.close(),
  };
}
