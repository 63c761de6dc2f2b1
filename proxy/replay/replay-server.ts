// A bare replay server: the replay responder on its own port, with no capture or inspector. The
// embedded demo uses it as its stand-in upstream; `davscope replay serve` runs the replay
// responder inside davscope instead (proxy/server.ts), so its traffic reaches the inspector.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from '../../rules/model/exchange.ts';
import type { ExchangeTap } from '../responders/responder.ts';
import { replayResponder, type ReplayResponderOptions } from '../responders/replay.ts';

export { describeMiss } from '../responders/replay.ts';

export interface ReplayOptions extends ReplayResponderOptions {
  readonly exchanges: Iterable<Exchange>;
  readonly host: string;
  readonly port: number;
}

export interface ReplayServer {
  readonly url: string;
  readonly recorded: number;
  close(): Promise<void>;
}

/** Nobody watches a bare replay server's exchanges. */
const UNWATCHED: ExchangeTap = {
  id: '',
  requestHeaders: [],
  replaceRequestHead() {},
  annotate() {},
  requestChunk() {},
  requestEnd() {},
  responseHead() {},
  responseChunk() {},
  completeRequestBody: () => undefined,
  done() {},
};

export async function startReplayServer(opts: ReplayOptions): Promise<ReplayServer> {
  const responder = replayResponder(opts.exchanges, opts);
  const server = http.createServer((req, res) => responder.respond(req, res, UNWATCHED));
  server.on('checkContinue', (req, res) => responder.respond(req, res, UNWATCHED));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.host}:${opts.port} is already in use; choose another with --port`) : err),
    );
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    recorded: responder.recorded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
