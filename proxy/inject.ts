// Requests the inspector sends (resend, composer) enter the proxy listener over an in-memory
// connection, so they take the one path every client request takes: guard, capture, responder,
// analysis, store, publishing, recording. Node's http server takes any Duplex as a connection.
import type http from 'node:http';
import { Duplex } from 'node:stream';
import type { Exchange, HeaderPair, Source } from '../rules/model/exchange.ts';

/** A request the inspector wants sent, already checked (see inspector-send.ts). */
export interface OutgoingRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

/** How an injected request is captured. */
export interface InjectMark {
  readonly source: Source;
  readonly basedOn?: string;
}

/** What the proxy's request handler knows of a request that arrived on an injected connection. */
export interface InjectedConnection extends InjectMark {
  /** Told the exchange once it is complete (captured and answered, before analysis). */
  completed(ex: Exchange): void;
}

export class Injector {
  private readonly connections = new WeakMap<object, InjectedConnection>();

  constructor(private readonly server: http.Server) {}

  /** The mark of a request that arrived on an injected connection, else undefined. */
  markOf(socket: object): InjectedConnection | undefined {
    return this.connections.get(socket);
  }

  /**
   * Writes the request into a fresh in-memory connection; resolves with the exchange once it is
   * complete (captured, answered), or rejects after `timeoutMs` when it never arrives or ends.
   */
  send(request: OutgoingRequest, mark: InjectMark, timeoutMs: number): Promise<Exchange> {
    const [client, server] = duplexPair();
    // The answer is in the capture; the client side only drains it.
    client.on('data', () => {});
    client.on('error', () => {});
    server.on('error', () => {});
    return new Promise<Exchange>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.destroy();
        reject(new Error(`no complete exchange within ${timeoutMs} ms`));
      }, timeoutMs);
      this.connections.set(server, {
        ...mark,
        completed: (ex) => {
          clearTimeout(timer);
          // One request per connection: the next tick lets the answer's last bytes drain first.
          setImmediate(() => client.destroy());
          resolve(ex);
        },
      });
      this.server.emit('connection', server);
      client.write(serialize(request));
    });
  }
}

/** The request as HTTP/1.1 bytes, exactly as the inspector composed it. */
export function serialize(request: OutgoingRequest): Buffer {
  let head = `${request.method} ${request.target} HTTP/1.1\r\n`;
  for (const [name, value] of request.headers) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  return request.body.length > 0 ? Buffer.concat([Buffer.from(head, 'latin1'), request.body]) : Buffer.from(head, 'latin1');
}

/** Two connected in-memory streams: what one writes, the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const sides: Duplex[] = [];
  const make = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
      destroy(err, callback) {
        const peer = other();
        if (!peer.destroyed) peer.destroy();
        callback(err);
      },
    });
  sides.push(make(() => sides[1]!), make(() => sides[0]!));
  return [sides[0]!, sides[1]!];
}
