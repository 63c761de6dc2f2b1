// Opens what lint and export read: a davscope recording or a HAR file, told apart by their first
// bytes, behind one streaming interface with warnings that name a line or an entry.
import { open } from 'node:fs/promises';
import type { Exchange } from '../../rules/model/exchange.ts';
import { readRecording, RecordingError } from '../recording/reader.ts';
import { readHar, HarError } from '../har/reader.ts';

export interface InputWarning {
  /** "line 7" or "entry 3". */
  readonly where: string;
  readonly message: string;
  /** A damaged part of the file; false for a torn last line, which a killed recorder leaves. */
  readonly damaged: boolean;
}

export interface ExchangeInput extends AsyncIterable<Exchange> {
  readonly kind: 'recording' | 'har';
  readonly path: string;
  readonly warnings: readonly InputWarning[];
}

/** The file cannot be read at all: missing, neither format, from a newer davscope, or a cut-short HAR. */
export class InputError extends Error {}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputError(e.code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${e.message}`);
  }
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    await fh.close();
  }
}

/** 'recording' when line 1 is a JSON object with a "format" field, 'har' when the file is some other JSON object. */
export async function detectKind(path: string): Promise<'recording' | 'har'> {
  const head = await firstBytes(path, 64 * 1024);
  let text = head.toString('utf8').replace(/^\ufeff/, '');
  if (text.trim() === '') throw new InputError(`${path} is empty: not a davscope recording or a HAR file`);
  const nl = text.indexOf('\n');
  if (nl >= 0) text = text.slice(0, nl);
  try {
    const first = JSON.parse(text) as unknown;
    if (typeof first === 'object' && first !== null && 'format' in first) return 'recording';
  } catch {
    // a HAR spread over lines, or a first line longer than the probe: decided below
  }
  // A recording whose header line was cut short still announces itself.
  if (/^\s*\{\s*"format"\s*:/.test(text)) return 'recording';
  if (text.trimStart().startsWith('{')) return 'har';
  throw new InputError(`${path} is neither a davscope recording nor a HAR file (it does not start with a JSON object)`);
}

/** maxLineBytes: the longest recording line or HAR entry read (--max-line); longer ones are skipped unread. */
export async function openInput(path: string, options: { maxLineBytes?: number } = {}): Promise<ExchangeInput> {
  const kind = await detectKind(path);
  if (kind === 'recording') {
    const reader = readRecording(path, { ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}) });
    return {
      kind,
      path,
      get warnings() {
        return reader.warnings.map((w) => ({ where: `line ${w.line}`, message: w.message, damaged: w.kind === 'corrupt-line' }));
      },
      async *[Symbol.asyncIterator]() {
        try {
          yield* reader;
        } catch (err) {
          throw err instanceof RecordingError ? new InputError(err.message) : err;
        }
      },
    };
  }
  const reader = readHar(path, { ...(options.maxLineBytes ? { maxEntryBytes: options.maxLineBytes } : {}) });
  return {
    kind,
    path,
    get warnings() {
      return reader.warnings.map((w) => ({ where: `entry ${w.entry}`, message: w.message, damaged: true }));
    },
    async *[Symbol.asyncIterator]() {
      try {
        yield* reader;
      } catch (err) {
        throw err instanceof HarError ? new InputError(err.message) : err;
      }
    },
  };
}
