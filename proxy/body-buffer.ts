// Copies a streamed body up to a cap while counting its true size, so huge bodies pass whole
// but only their head is kept for inspection.
import type { Body } from '../rules/model/exchange.ts';

export class BodyBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept >= this.cap) return;
    const take = Math.min(chunk.length, this.cap - this.kept);
    this.chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
    this.kept += take;
  }

  /** All the bytes, when none were cut by the cap (for re-sending a request). */
  whole(): Buffer | undefined {
    if (this.size > this.kept) return undefined;
    return Buffer.concat(this.chunks, this.kept);
  }

  /** The body as the model has it; aborted means the transfer stopped before its end. */
  toBody(contentEncoding: string | undefined, aborted = false): Body {
    if (this.size === 0) return aborted ? { kind: 'unavailable', size: 0, reason: 'aborted' } : { kind: 'none' };
    // A copy of its own: socket chunks are views of larger read buffers, and Buffer.concat would
    // place small bodies in Node's shared 8 KB pool, where one stored body keeps a whole slab alive.
    const bytes = Buffer.allocUnsafeSlow(this.kept);
    let offset = 0;
    for (const c of this.chunks) offset += c.copy(bytes, offset);
    this.chunks = [];
    const encoding = contentEncoding?.trim().toLowerCase();
    return {
      kind: 'captured',
      bytes,
      size: this.size,
      truncated: this.size > this.kept || aborted,
      ...(encoding && encoding !== 'identity' ? { contentEncoding: encoding } : {}),
    };
  }
}
