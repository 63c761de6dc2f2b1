// The replay server: answers recorded requests with their recorded responses, no upstream needed,
// so a session recorded once serves as a fixture in anyone's test suite.
import { sendOwnAnswer } from '../own-answer.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { pairs } from '../capture.ts';
import { BodyBuffer } from '../body-buffer.ts';
import { endToEndPairs, mapOrigin } from '../header-rewrite.ts';
import { ReplayMatcher, type Candidate } from './matcher.ts';

/** Requests bigger than this cannot match anything sensible and are not buffered further. */
const MAX_MATCH_BODY = 64 << 20;

export interface ReplayOptions {
  readonly exchanges: Iterable<Exchange>;
  readonly host: string;
  readonly port: number;
  /** Called on every request that matched nothing (after the error response went out). */
  readonly onMiss?: (method: string, target: string, candidates: readonly Candidate[]) => void;
  readonly onHit?: (method: string, target: string, recorded: Exchange) => void;
}

export interface ReplayServer {
  readonly url: string;
  readonly recorded: number;
  close(): Promise<void>;
}

export function describeMiss(method: string, target: string, candidates: readonly Candidate[]): string {
  const lines = [`davscope replay: no recorded exchange matches ${method} ${target}`];
  if (candidates.length === 0) lines.push('the recording holds no exchanges');
  else lines.push('nearest recorded candidates:');
  for (const c of candidates) {
    lines.push(`  #${c.exchange.seq} ${c.exchange.request.method} ${c.exchange.request.target}`);
    for (const d of c.differences) lines.push(`      ${d}`);
  }
  lines.push('replay matches on method, request-target, Depth, Content-Type and the body (XML by meaning, iCalendar without DTSTAMP and folding)');
  return lines.join('\n') + '\n';
}

function recordedOrigin(ex: Exchange): string | undefined {
  const host = getHeader(ex.request.headers, 'host');
  return host ? `http://${host}` : undefined;
}

function answer(res: http.ServerResponse, recorded: Exchange, hostHeader: string | undefined): void {
  if (!recorded.response) {
    const body = `davscope replay: this request failed when recorded (${recorded.error?.code ?? 'no response'}: ${recorded.error?.message ?? ''})\n`;
    res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'X-Davscope-Replay': 'recorded-error' });
    res.end(body);
    return;
  }
  const r = recorded.response;
  const bytes = r.body.kind === 'captured' ? Buffer.from(r.body.bytes.buffer, r.body.bytes.byteOffset, r.body.bytes.byteLength) : undefined;
  const truncated = r.body.kind === 'captured' && r.body.truncated;
  const from = recordedOrigin(recorded);
  const to = hostHeader ? `http://${hostHeader}` : undefined;
  const flat: string[] = [];
  for (const [name, value] of endToEndPairs(r.headers.flat())) {
    const lower = name.toLowerCase();
    if (truncated && lower === 'content-length') continue;
    flat.push(name, from && to && (lower === 'location' || lower === 'content-location') ? mapOrigin(value, from, to) : value);
  }
  if (truncated) flat.push('Content-Length', String(bytes!.length), 'X-Davscope-Replay', 'truncated-body');
  res.sendDate = false;
  res.writeHead(r.status, r.statusText, flat);
  res.end(bytes);
}

export async function startReplayServer(opts: ReplayOptions): Promise<ReplayServer> {
  const matcher = new ReplayMatcher(opts.exchanges);
  const server = http.createServer((req, res) => {
    const body = new BodyBuffer(MAX_MATCH_BODY);
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const headers = pairs(req.rawHeaders);
      const method = req.method ?? 'GET';
      const target = req.url ?? '/';
      const result = matcher.match({ method, target, headers, body: body.toBody(getHeader(headers, 'content-encoding')) });
      if (result.hit) {
        try {
          answer(res, result.exchange, req.headers.host);
        } catch (err) {
          // A recorded answer Node will not write (a hand-edited file): this request fails, not the server.
          const text = `davscope replay: recorded exchange #${result.exchange.seq} cannot be sent back: ${(err as Error).message}\n`;
          sendOwnAnswer(res, 502, 'BAD_RECORDED_ANSWER', text);
        }
        opts.onHit?.(method, target, result.exchange);
        return;
      }
      const text = describeMiss(method, target, result.candidates);
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Davscope-Replay': 'miss' });
      res.end(text, () => opts.onMiss?.(method, target, result.candidates));
    });
  });
  server.on('checkContinue', (req, res) => {
    res.writeContinue();
    server.emit('request', req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.host}:${opts.port} is already in use; choose another with --port`) : err),
    );
    server.listen(opts.port, opts.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    recorded: matcher.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
