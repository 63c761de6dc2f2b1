// How many sockets davscope opens to the upstream at once (--upstream-connections). A number is a
// fixed bound. The default, auto, follows what the upstream does with connections:
// - one that closes the connection after each response (Radicale, any HTTP/1.0 server) turns every
//   request into a new connect; past ~8 at once such a server's accept queue overflows and clients
//   see 1 s SYN retries that never happen without the proxy, so the bound stays low (4);
// - one that keeps connections alive is connected to once per socket, so the bound rises (32) and
//   requests run as much in parallel as the clients send them: with 4 sockets, 16 clients of a fast
//   upstream queued behind each other and the proxy halved their throughput.
import type http from 'node:http';

export const AUTO_LOW = 4;
export const AUTO_HIGH = 32;
/** Consecutive kept-alive responses before the bound rises; one closed connection lowers it again. */
const STREAK = 16;

export type UpstreamConnections = number | 'auto';

export class UpstreamSockets {
  private streak = 0;

  constructor(
    private readonly agent: http.Agent,
    readonly mode: UpstreamConnections,
  ) {
    this.set(mode === 'auto' ? AUTO_LOW : mode);
  }

  /** The bound in force now. */
  get bound(): number {
    return this.agent.maxSockets;
  }

  /** Called once per upstream response: whether its socket goes back to the pool for reuse. */
  observe(keptAlive: boolean): void {
    if (this.mode !== 'auto') return;
    if (!keptAlive) {
      this.streak = 0;
      if (this.bound !== AUTO_LOW) this.set(AUTO_LOW);
    } else if (++this.streak === STREAK && this.bound !== AUTO_HIGH) {
      this.set(AUTO_HIGH);
    }
  }

  private set(n: number): void {
    // http.Agent reads both on every request, so a change applies from the next one on.
    this.agent.maxSockets = n;
    this.agent.maxFreeSockets = n;
  }
}
