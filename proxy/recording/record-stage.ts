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

export async function openRecorder(path: string | undefined, opts: { upstream: string; keepSecrets?: boolean; warn: (line: string) => void }): Promise<Recorder | undefined> {
  if (path === undefined) return undefined;
  let writer: RecordingWriter | undefined;
  try {
    writer = await RecordingWriter.open(path, {
      upstream: opts.upstream,
      davscope: version(),
      redact: !opts.keepSecrets,
      onError: (err) => opts.warn(`davscope: warning: recording to ${path} stopped, traffic is still forwarded: ${err.message}`),
    });
  } catch (err) {
    opts.warn(`davscope: warning: cannot record to ${path}, traffic is still forwarded but not recorded: ${(err as Error).message}`);
  }
  return {
    stage: { name: 'record', run: (ex) => writer?.append(ex) },
    close: async () => writer?.close(),
  };
}
