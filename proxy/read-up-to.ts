// Reads a body stream until it ends or passes a bound, for the steps that want a small body whole
// before deciding (forwarding before taking an upstream socket, intercept before holding).
import type { Readable } from 'node:stream';

/**
 * Reads `stream` until it ends (`whole`: every chunk read) or passes `bound` bytes (the chunks
 * read so far, the stream paused for the caller to resume or pipe).
 */
export function readUpTo(stream: Readable, bound: number, next: (parts: Buffer[], whole: boolean) => void): void {
  const parts: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    parts.push(chunk);
    size += chunk.length;
    if (size > bound) {
      stream.pause();
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      next(parts, false);
    }
  };
  const onEnd = () => next(parts, true);
  stream.on('data', onData);
  stream.on('end', onEnd);
}
