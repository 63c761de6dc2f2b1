// Splits a file into lines as it streams, holding one line at a time, so a 1 GB recording reads in
// constant memory; an overlong line is skipped unread rather than buffered.
import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  readonly text: string;
  /** False for a last line with no newline after it (a write cut short). */
  readonly terminated: boolean;
}

export interface OverlongLine {
  readonly number: number;
  readonly overlong: true;
  readonly length: number;
  readonly terminated: boolean;
}

/**
 * The longest line (or HAR entry) read by default: a line is held whole while it is parsed, so this
 * bounds the memory a hostile or damaged file can take; a longer one is skipped unread and reported.
 * A recording made with the default --max-body stays far below it; --max-line raises it (V8 strings
 * stop near 512 MiB, so nothing longer could be parsed anyway).
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const MAX_LINE_LIMIT = 500 * 1024 * 1024;

export async function* readLines(path: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line | OverlongLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  let number = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      number++;
      const piece = chunk.subarray(start, nl);
      if (overlong || length + piece.length > maxLineBytes) {
        yield { number, overlong: true, length: length + piece.length, terminated: true };
      } else {
        parts.push(piece);
        yield { number, text: Buffer.concat(parts, length + piece.length).toString('utf8'), terminated: true };
      }
      parts = [];
      length = 0;
      overlong = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (!overlong && length + rest.length > maxLineBytes) {
        overlong = true;
        parts = [];
      }
      // Copy the tail: keeping a view would pin the whole 1 MiB read buffer.
      if (!overlong) parts.push(Buffer.from(rest));
      length += rest.length;
    }
  }
  if (length > 0 || overlong) {
    number++;
    if (overlong) yield { number, overlong: true, length, terminated: false };
    else yield { number, text: Buffer.concat(parts, length).toString('utf8'), terminated: false };
  }
}
