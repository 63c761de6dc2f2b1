// Pipelined requests on one client connection are forwarded one at a time, in the order sent.
// Node's server hands over every pipelined request at once; forwarded as they come, on several
// upstream sockets, a PUT then a DELETE of the same resource could reach the upstream the other
// way round (RFC 9112 §9.3.2 lets only safe methods be processed in parallel). A client that does
// not pipeline never waits: its previous exchange has ended before its next request arrives.

export class ConnectionTurns {
  private readonly waiting = new WeakMap<object, (() => void)[]>();

  /** Runs `start` now, or once every earlier request on `connection` has left. */
  enter(connection: object, start: () => void): void {
    const queue = this.waiting.get(connection);
    if (queue) return void queue.push(start);
    this.waiting.set(connection, []);
    start();
  }

  /** The request whose turn it is on `connection` has ended (exactly once per entered request). */
  leave(connection: object): void {
    const next = this.waiting.get(connection)?.shift();
    if (next) next();
    else this.waiting.delete(connection);
  }
}
