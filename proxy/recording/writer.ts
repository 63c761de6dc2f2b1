// Appends exchanges to a recording as they complete, one write call per line, so a process killed
// with SIGKILL loses only what had not been written yet and leaves at worst a torn last line.
import type { FileHandle } from 'node:fs/promises';
import { openPrivate } from '../private-files.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeLine, headerLine, recordingHeader, type RecordingHeader } from '../../rules/formats/recording/format.ts';
import { redactExchange } from './redact.ts';
import { SecretSet } from './secret-set.ts';

export interface RecordingWriterOptions {
  /** The upstream named in the header. */
  readonly upstream?: string;
  /** The davscope version named in the header. */
  readonly davscope?: string;
  /** Credentials are replaced by [redacted] unless this is false (--keep-secrets). */
  readonly redact?: boolean;
  /** More credential headers whose values are replaced entirely (--redact-header). */
  readonly redactHeaders?: readonly string[];
  /** Told once, about the first failed write; later exchanges are dropped without a word. */
  onError?(err: Error): void;
}

export class RecordingWriter {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Exchanges written so far. */
  written = 0;
  /** The write failure that stopped recording, if any. */
  failed: Error | undefined;
  /** Bytes of complete lines in the file: a failed write is cut back to here. */
  private size = 0;
  /**
   * Every credential seen so far, scrubbed from each later exchange (a password echoed in a body
   * after the request that carried it). Lines already written cannot be fixed: an earlier body that
   * held a secret before any header revealed it stays as it was.
   */
  private readonly secrets = new SecretSet();

  private constructor(
    readonly path: string,
    readonly header: RecordingHeader,
    private readonly fh: FileHandle,
    private readonly options: RecordingWriterOptions,
  ) {}

  /** Creates (or truncates) the file, mode 0600, and writes the header line; rejects when it cannot. */
  static async open(path: string, options: RecordingWriterOptions = {}): Promise<RecordingWriter> {
    const header = recordingHeader({ upstream: options.upstream, davscope: options.davscope, redacted: options.redact !== false });
    const fh = await openPrivate(path);
    const writer = new RecordingWriter(path, header, fh, options);
    try {
      await writer.writeAll(Buffer.from(headerLine(header)));
    } catch (err) {
      await fh.close().catch(() => {});
      throw err;
    }
    return writer;
  }

  /** Queues one exchange; resolves once its line is written (or dropped after a failure). Never rejects. */
  append(ex: Exchange): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        const line = exchangeLine(this.options.redact === false ? ex : redactExchange(ex, { secrets: this.secrets, headers: this.options.redactHeaders }));
        await this.writeAll(Buffer.from(line));
        this.written++;
      } catch (err) {
        this.failed = err as Error;
        // A full disk may have taken part of the line: cut it off so the file ends on a whole line
        // and stays readable (truncating frees space, so it works on a full disk too).
        await this.fh.truncate(this.size).catch(() => {});
        this.options.onError?.(this.failed);
      }
    });
    return this.chain;
  }

  /** Waits for queued lines, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    this.closed = true;
    await this.chain;
    await this.fh.close().catch(() => {});
  }

  private async writeAll(buf: Buffer): Promise<void> {
    // One write call per line; the loop only matters if the kernel accepts part of it.
    let offset = 0;
    while (offset < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, offset, buf.length - offset);
      offset += bytesWritten;
    }
    this.size += buf.length;
  }
}
