// Wires one davscope instance: the proxy listener, capture, the analysis pipeline, the store and
// the inspector's HTTP server. The CLI and the tests both start davscope through here.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';
import type { TlsMaterial } from './tls/davscope-ca.ts';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine, type RuleConfig } from '../rules/index.ts';
import { allRules } from '../rules/registry.ts';
import { Analyser } from './analysis/analyser.ts';
import { handleApi } from './api.ts';
import { handleWriteApi, type WriteRoute } from './api-write.ts';
import { interopRoute } from './interop/page-run.ts';
import type { InteropTarget } from './interop/run-interop.ts';
import { Injector } from './inject.ts';
import { ComposeSource } from './compose-api.ts';
import { checkExportRequest, writeExport } from './export-api.ts';
import { InterceptHolds } from './intercept/holds.ts';
import { interceptRoutes } from './intercept/routes.ts';
import { interceptResponder } from './responders/intercept.ts';
import { replayResponder, type ReplayResponderOptions } from './responders/replay.ts';
import { faultsResponder } from './responders/faults.ts';
import { FaultSet } from './faults/fault-set.ts';
import { parseFaultOptions } from './faults/fault-options.ts';
import { compileRequestFilter } from '../rules/filter/request-filter.ts';
import type { FaultSpec } from '../rules/faults/spec.ts';
import type { Exchange } from '../rules/model/exchange.ts';
import { checkSendRequest } from './inspector-send.ts';
import { summarize } from '../rules/model/wire.ts';
import { captureExchange, pairs } from './capture.ts';
import { exchangeLines } from './console-log.ts';
import { BodyGate } from './body-gate.ts';
import { answerClientError } from './client-error.ts';
import { ConnectionTurns } from './connection-turns.ts';
import { forwardResponder } from './responders/forward.ts';
import { sendOwnAnswer } from './own-answer.ts';
import { Pipeline, type Stage } from './pipeline.ts';
import { openRecorder } from './recording/record-stage.ts';
import { isInspectorHost, isInspectorOrigin } from './publish/origin.ts';
import { Publisher } from './publish/publisher.ts';
import { createStaticUi, NOT_BUILT } from './publish/static-ui.ts';
import { createUiAuth, TOKEN_PATTERN } from './publish/ui-token.ts';
import { RUNTIME, version } from './version.ts';
import { ExchangeStore } from './store.ts';
import { UpstreamSockets, type UpstreamConnections } from './upstream-sockets.ts';

export interface DavscopeOptions {
  readonly target: URL;
  readonly host: string;
  readonly port: number;
  readonly uiHost: string;
  readonly uiPort: number;
  readonly maxBody: number;
  readonly keep: number;
  readonly storeBytes: number;
  readonly insecure: boolean;
  readonly quiet: boolean;
  /** A fixed bound on upstream sockets, or auto (see upstream-sockets.ts). */
  readonly upstreamConnections: UpstreamConnections;
  readonly upstreamTimeoutMs: number;
  /** A client connection that has not sent its request headers in this time is closed (slowloris). */
  readonly clientHeaderTimeoutMs?: number;
  /** Where console lines go (stdout by default). */
  readonly log?: (line: string) => void;
  readonly color?: boolean;
  /** Per-rule severity or off, by rule id (unknown ids are an error that lists close matches). */
  readonly rules?: RuleConfig;
  /** Append every completed exchange to this file, in davscope's recording format (--record). */
  readonly record?: string;
  /** Keep credentials in the recording instead of redacting them (--keep-secrets). */
  readonly keepSecrets?: boolean;
  /** More credential headers whose values recordings and the console never show (--redact-header). */
  readonly redactHeaders?: readonly string[];
  /** The inspector's page, API and WebSocket require this token (--ui-token). */
  readonly uiToken?: string;
  /** Hold the requests this filter picks for the inspector (--intercept; "" holds all). */
  readonly intercept?: string;
  /** Hold the responses to the requests the filter picks too (--intercept-responses). */
  readonly interceptResponses?: boolean;
  /** A held request nobody answers continues unchanged after this long (--intercept-timeout). */
  readonly interceptTimeoutMs?: number;
  /** Answer from these recorded exchanges instead of forwarding (`replay serve`); `target` is then
   *  only the name the inspector shows. */
  readonly replay?: { readonly exchanges: Iterable<Exchange> } & ReplayResponderOptions;
  /** Faults: presets turned on by name (--fault) and faults from a file (--faults), on at start. */
  readonly faults?: { readonly enabled?: readonly string[]; readonly fromFile?: readonly FaultSpec[] };
  /** Serve HTTPS on the proxy port with this certificate (--tls, or --tls-cert/--tls-key). */
  readonly tls?: TlsMaterial;
  /** Servers the page may send the session to for an interop table (--interop-target); no others. */
  readonly interopTargets?: readonly InteropTarget[];
  /** This is the embedded demo (no --target): the page says so. */
  readonly demo?: boolean;
  /** Analyse in a worker thread (default) so analysis never slows forwarding. */
  readonly analysisWorker?: boolean;
  /** Most exchanges waiting for analysis before new ones are marked as not analysed. */
  readonly analysisBacklog?: number;
}

function validateRuleConfig(rules: RuleConfig | undefined): void {
  if (rules) createEngine({ rules: allRules, config: rules });
}

export interface Davscope {
  readonly proxyUrl: string;
  readonly uiUrl: string;
  readonly store: ExchangeStore;
  /** Resolves once every exchange under way has completed and been analysed and stored (a request
   *  still held by intercept or still streaming is waited for). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A TLS server on the proxy port whose decrypted connections the HTTP server handles. A failed
 *  handshake (a client that does not trust the CA, plain HTTP sent to the port) is said once per
 *  connection and ends only that connection. */
function tlsFront(material: TlsMaterial, proxy: http.Server, warn: (line: string) => void, handshakeTimeoutMs: number): tls.Server {
  let server: tls.Server;
  try {
    // A client that never finishes the handshake is dropped like one that never sends its headers.
    server = tls.createServer({ cert: material.cert, key: material.key, ALPNProtocols: ['http/1.1'], handshakeTimeout: handshakeTimeoutMs }, (socket) => proxy.emit('connection', socket));
  } catch (err) {
    throw new Error(`the TLS certificate and key cannot serve HTTPS (${(err as Error).message}): check that --tls-key is the key of --tls-cert`);
  }
  server.on('tlsClientError', (err, socket) => {
    warn(`davscope: TLS handshake with ${socket.remoteAddress ?? 'a client'} failed: ${err.message}${/unknown ca|certificate unknown|bad certificate/i.test(err.message) ? ' (the client does not trust the certificate: give it the CA, see the inspector)' : /http request|wrong version/i.test(err.message) ? ' (the client spoke plain HTTP to the TLS port: use https://)' : ''}`);
    socket.destroy();
  });
  return server;
}

function listen(server: net.Server, port: number, host: string, what: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`${what} port ${host}:${port} is already in use; choose another with ${flag}`));
      else if (err.code === 'EACCES') reject(new Error(`no permission to listen on ${host}:${port}; choose a port above 1023 with ${flag}`));
      else reject(err);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function urlOf(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startDavscope(opts: DavscopeOptions): Promise<Davscope> {
  const log = opts.log ?? ((line: string) => void (process.stdout.destroyed || process.stdout.write(line + '\n')));
  const warn = (line: string) => void (process.stderr.destroyed || process.stderr.write(line + '\n'));
  // davscope's CA certificate, offered by the inspector to the clients that must trust it.
  const caPem = opts.tls?.caPath ? readFileSync(opts.tls.caPath, 'utf8') : undefined;
  // Checked here so a bad --rule fails at start-up with its close matches, not inside the worker.
  validateRuleConfig(opts.rules);
  if (opts.uiToken !== undefined && !TOKEN_PATTERN.test(opts.uiToken)) throw new Error('the UI token must be 8 to 256 of A-Z a-z 0-9 . _ ~ -');
  // These too before anything starts: a throw later would leave the analysis worker running.
  if (opts.intercept !== undefined) compileRequestFilter(opts.intercept);
  if (opts.faults?.enabled?.length) parseFaultOptions(opts.faults.enabled, undefined);
  // Warnings the inspector page shows as banners; those raised before the publisher exists wait here.
  const earlyNotices: string[] = [];
  let notice: (text: string) => void = (text) => void earlyNotices.push(text);
  const analyser = new Analyser({
    ...(opts.rules ? { rules: opts.rules } : {}),
    maxDecoded: Math.max(opts.maxBody * 4, 16 << 20),
    maxBacklog: opts.analysisBacklog ?? 20_000,
    useWorker: opts.analysisWorker ?? true,
    warn,
  });
  const store = new ExchangeStore({ maxExchanges: opts.keep, maxBytes: opts.storeBytes });
  const AgentClass = opts.target.protocol === 'https:' ? https.Agent : http.Agent;
  const agent = new AgentClass({ keepAlive: true });
  const sockets = new UpstreamSockets(agent, opts.upstreamConnections);
  // requestTimeout 0: a 200 MB upload may take long; slow or silent clients are caught by the
  // header timeout and, once the headers are in, by the same bound between body chunks.
  const clientTimeoutMs = opts.clientHeaderTimeoutMs ?? 30_000;
  const holds = new InterceptHolds({ enabled: opts.intercept !== undefined, filter: opts.intercept ?? '', timeoutMs: opts.interceptTimeoutMs ?? 60_000, responses: opts.interceptResponses ?? false });
  const forward = forwardResponder({
    upstream: opts.target,
    agent,
    timeoutMs: opts.upstreamTimeoutMs,
    bodyIdleMs: clientTimeoutMs,
    gate: new BodyGate(),
    insecure: opts.insecure,
    onSocketReuse: (kept) => sockets.observe(kept),
  });
  const answering = opts.replay ? replayResponder(opts.replay.exchanges, opts.replay) : forward;
  const faults = new FaultSet(opts.faults ?? {});
  const responder = interceptResponder(faultsResponder(answering, faults, { maxBody: opts.maxBody }), holds, { maxBody: opts.maxBody });

  const recorder = await openRecorder(opts.record, { upstream: opts.target.href, keepSecrets: opts.keepSecrets, redactHeaders: opts.redactHeaders, warn, notice: (text) => notice(text) });
  const stages: Stage[] = [
    { name: 'store', run: (ex) => void store.add(ex) },
    { name: 'console', run: (ex) => void (opts.quiet || exchangeLines(ex, opts.color ?? false, opts.redactHeaders).forEach((l) => log(l))) },
    ...(recorder ? [recorder.stage] : []),
  ];
  const pipeline = new Pipeline(stages, warn, (ex) => analyser.submit(ex));
  await analyser.ready();

  let seq = 0;
  const upstream = opts.target.href;
  let proxyUrl = '';
  let uiPort = 0;
  const auth = opts.uiToken === undefined ? undefined : createUiAuth(opts.uiToken, () => uiPort);
  const publisher = new Publisher({
    store,
    lastSeq: () => seq,
    info: () => ({ upstream, proxyUrl, keep: opts.keep, version: version(), ...(opts.demo ? { demo: true } : {}), ...(opts.tls ? { tls: { ca: caPem !== undefined } } : {}), ...(opts.interopTargets?.length ? { interopTargets: opts.interopTargets.map((t) => ({ name: t.name, url: t.url.href })) } : {}) }),
    intercept: () => holds.state(),
    faults: () => faults.state(),
    allowOrigin: (origin, host) => isInspectorOrigin(origin, host, opts.uiHost, uiPort),
    ...(auth ? { auth } : {}),
    warn,
  });
  notice = (text) => publisher.notice({ level: 'warning', text });
  holds.onChange((state) => publisher.intercept(state));
  faults.onChange((state) => publisher.faults(state));
  earlyNotices.splice(0).forEach(notice);
  // Event-loop delay over the last 10 s window, for /api/health (the soak benchmark samples it).
  // The histogram records whole timer intervals, so the resolution is taken off each figure.
  const LOOP_RESOLUTION_MS = 10;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  let loopWindow = { mean: 0, p50: 0, p99: 0, max: 0 };
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - LOOP_RESOLUTION_MS) * 100) / 100);
  const loopTimer = setInterval(() => {
    loopWindow = { mean: ms(loopDelay.mean), p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
    loopDelay.reset();
  }, 10_000);
  loopTimer.unref();
  const turns = new ConnectionTurns();
  // Exchanges whose capture has not completed: a client can have the whole answer a moment before
  // the response's 'finish' completes the capture, so idle() waits for these too.
  let underWay = 0;
  const whenNoneUnderWay: (() => void)[] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const n = ++seq;
    // Read once, for the capture and for the inspector's "started" row alike.
    const startedAt = Date.now();
    const headers = pairs(req.rawHeaders);
    // A request the inspector sent (resend, composer) says so; the responder answers it like any other.
    const injected = injector.markOf(req.socket);
    const source = injected?.source ?? responder.source;
    // The "started" row is skipped outright when no inspector is connected (the hot path).
    if (publisher.clientCount > 0) publisher.started({ id: String(n), seq: n, source, upstream, method: req.method ?? 'GET', target: req.url ?? '/', startedAt, headers });
    const context = {
      seq: n, upstream, source, maxBody: opts.maxBody, startedAt, headers,
      ...(injected?.basedOn !== undefined ? { basedOn: injected.basedOn } : {}),
      ...((req.socket as { encrypted?: boolean }).encrypted ? { clientTls: true } : {}),
    };
    // A count, not a promise per request: the forwarding path pays one increment and one listener.
    underWay++;
    let settled = false;
    // Whatever happens to the exchange, it is no longer under way once its response is closed.
    const settle = () => {
      if (settled) return;
      settled = true;
      if (--underWay === 0) for (const wake of whenNoneUnderWay.splice(0)) wake();
    };
    res.once('close', settle);
    const tap = captureExchange(req, context, (ex) => {
      settle();
      turns.leave(req.socket);
      // Called from the forwarder's socket events: a failure here must not become an uncaught one.
      try {
        injected?.completed(ex);
        publisher.completed(ex);
        pipeline.push(ex);
      } catch (err) {
        warn(`davscope: publishing exchange #${ex.id} failed: ${(err as Error).stack ?? err}`);
      }
    });
    turns.enter(req.socket, () => responder.respond(req, res, tap));
  };
  // The last guard: a bug of davscope's own on one request answers that request, never ends the process.
  const onRequestGuarded = (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      onRequest(req, res);
    } catch (err) {
      warn(`davscope: internal error on a ${req.method} request: ${(err as Error).stack ?? err}`);
      sendOwnAnswer(res, 502, 'EPROXY', `davscope: internal error, the request was not forwarded: ${(err as Error).message}\n`, true);
    }
  };
  const proxy = http.createServer({ requestTimeout: 0, headersTimeout: clientTimeoutMs, connectionsCheckingInterval: Math.min(1000, clientTimeoutMs) });
  const injector = new Injector(proxy);
  // Every header line reaches the forwarder (Node keeps 2,000 by default while its parser frames
  // the body by all of them); request-guard.ts answers 431 past MAX_HEADER_LINES.
  proxy.maxHeadersCount = 0;
  proxy.on('clientError', answerClientError);
  proxy.on('request', onRequestGuarded);
  // Without this listener Node would answer 100 Continue itself, before the upstream had its say.
  proxy.on('checkContinue', onRequestGuarded);
  proxy.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\ndavscope is a reverse proxy: point the client at it as if it were the server, not as an HTTP proxy.\n');
  });

  const composer = new ComposeSource(store);
  const writeRoutes: WriteRoute[] = [
    {
      path: '/api/send',
      async run(body) {
        const checked = checkSendRequest(body, { upstream: opts.target, proxyHost: new URL(proxyUrl).host, maxBody: opts.maxBody, exchange: (id) => store.get(id) });
        if (!checked.ok) return { status: checked.status, value: { error: checked.error, ...(checked.needsCredentials ? { needsCredentials: checked.needsCredentials } : {}) } };
        const ex = await injector.send(checked.request, checked.mark, opts.upstreamTimeoutMs + clientTimeoutMs);
        return { status: 200, value: summarize(ex) };
      },
    },
  ];

  writeRoutes.push({
    path: '/api/export',
    async run(body) {
      const asked = checkExportRequest(body);
      if ('error' in asked) return { status: 400, value: asked };
      // Fixed now: both of the export's passes (secrets, then lines) read the same exchanges.
      const ids = new Set(asked.ids ?? store.rows().map((r) => r.id));
      return { stream: (res) => writeExport(res, () => store.exchanges(ids), asked, { upstream, ...(opts.redactHeaders ? { redactHeaders: opts.redactHeaders } : {}) }) };
    },
  });
  writeRoutes.push({
    path: '/api/faults',
    async run(body) {
      const v = (body ?? {}) as { name?: unknown; enabled?: unknown };
      if (typeof v.name !== 'string' || typeof v.enabled !== 'boolean') return { status: 400, value: { error: 'send {"name": "busy", "enabled": true}' } };
      if (!faults.toggle(v.name, v.enabled)) return { status: 404, value: { error: `no fault named ${v.name}; GET /api/faults lists them` } };
      return { status: 200, value: faults.state() };
    },
  });
  writeRoutes.push(
    interopRoute({
      targets: opts.interopTargets ?? [],
      // The store holds completed exchanges only (each is added once analysed).
      exchanges: (ids) => [...store.exchanges(ids)],
      upstream,
      insecure: opts.insecure,
      timeoutMs: opts.upstreamTimeoutMs,
      ...(opts.redactHeaders ? { redactHeaders: opts.redactHeaders } : {}),
    }),
  );
  writeRoutes.push(...interceptRoutes(holds, { upstream: opts.target, proxyHost: () => new URL(proxyUrl).host, maxBody: opts.maxBody }));

  const staticUi = createStaticUi();
  if (!staticUi.built) warn(NOT_BUILT.trimEnd());
  const ui = http.createServer((req, res) => {
    try {
      answerInspector(req, res);
    } catch (err) {
      // A malformed path or escape from a page or a script: its answer, never the process.
      sendOwnAnswer(res, 400, 'BAD_INSPECTOR_REQUEST', `davscope: the inspector cannot answer this request: ${(err as Error).message}\n`);
    }
  });
  const answerInspector = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!isInspectorHost(req.headers.host, opts.uiHost)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`davscope: the inspector answers only to its own address, not to Host ${JSON.stringify(req.headers.host ?? '')} (protection against DNS rebinding); open it by IP address or localhost, or name the host with --ui-host\n`);
      return;
    }
    if (auth?.gate(req, res)) return;
    const health = () => ({
      upstream,
      runtime: RUNTIME,
      upstreamConnections: { setting: sockets.mode, bound: sockets.bound },
      exchanges: store.size,
      dropped: store.dropped,
      analysisBacklog: analyser.backlog,
      memory: process.memoryUsage(),
      eventLoopDelayMs: { windowSeconds: 10, ...loopWindow },
      inspectorClients: { connected: publisher.clientCount, ...publisher.stats },
    });
    if (handleWriteApi(req, res, { routes: writeRoutes, allowOrigin: (origin, host) => isInspectorOrigin(origin, host, opts.uiHost, uiPort), maxJson: opts.maxBody * 2 + (1 << 20) })) return;
    if (handleApi(req, res, { store, health, intercept: () => holds.state(), faults: () => faults.state(), compose: () => composer.templates(), caPem })) return;
    if (staticUi.handle(req, res)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('davscope: no such page; the inspector is at / and its API under /api/ (try /api/exchanges)\n');
  };

  ui.on('upgrade', (req, socket, head) => {
    try {
      if (!publisher.handleUpgrade(req, socket, head)) socket.destroy();
    } catch {
      socket.destroy();
    }
  });

  // With TLS a TLS server takes the port and hands each decrypted connection to the same HTTP server,
  // so the guard, capture and the inspector's in-memory connections (inject.ts) are one path.
  const front = opts.tls ? tlsFront(opts.tls, proxy, warn, clientTimeoutMs) : proxy;
  const scheme = opts.tls ? 'https' : 'http';
  const port = await listen(front, opts.port, opts.host, 'the proxy', '--port');
  proxyUrl = urlOf(opts.host, port, scheme) + opts.target.pathname;
  try {
    uiPort = await listen(ui, opts.uiPort, opts.uiHost, 'the UI', '--ui-port');
  } catch (err) {
    front.close();
    throw err;
  }

  return {
    proxyUrl: urlOf(opts.host, port, scheme),
    uiUrl: urlOf(opts.uiHost, uiPort),
    store,
    async idle() {
      // Exchanges still being captured, then everything pushed through analysis and the stages.
      while (underWay > 0) await new Promise<void>((resolve) => whenNoneUnderWay.push(resolve));
      await pipeline.idle();
    },
    async close() {
      // WebSocket sockets left the HTTP server's bookkeeping at upgrade: end them first or close() waits on them.
      holds.close();
      publisher.close();
      clearInterval(loopTimer);
      loopDelay.disable();
      if (front !== proxy) front.close();
      await Promise.all(
        [proxy, ui].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      agent.destroy();
      await pipeline.idle();
      await analyser.close();
      await recorder?.close();
    },
  };
}
