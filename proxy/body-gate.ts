// Request bodies up to a bound are read whole before an upstream socket is taken. Upstream sockets
// are few (4 with Radicale), and a client that sends its headers and then stalls would otherwise
// hold one until it went away, so N stalled uploads blocked every other client. CalDAV bodies are
// small, so this costs little; a global budget keeps memory bounded whatever the number of
// clients, and larger bodies (or any body once the budget is spent) stream as before, where the
// body idle timeout bounds how long a stalled one holds its socket.

const BUFFER_PER_REQUEST = 1 << 20;
const BUFFER_TOTAL = 64 << 20;

export class BodyGate {
  private reserved = 0;

  constructor(
    readonly perRequest = BUFFER_PER_REQUEST,
    readonly total = BUFFER_TOTAL,
  ) {}

  /**
   * Room for a body of `length` bytes (undefined: chunked, size unknown, reserve the per-request
   * bound); returns the bytes reserved, 0 when the body should stream instead.
   */
  reserve(length: number | undefined): number {
    const want = length ?? this.perRequest;
    if (want > this.perRequest || this.reserved + want > this.total) return 0;
    this.reserved += want;
    return want;
  }

  release(n: number): void {
    this.reserved -= n;
  }
}
