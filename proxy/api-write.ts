// The inspector's writable API: POSTs with JSON bodies on the inspector port (send, and the intercept
// actions). Behind the same Host check and token as the rest, plus two of its own: the Origin, when a
// browser sends one, must be the inspector's, and the body must be application/json, which a page on
// another site cannot post without a CORS preflight that davscope never grants.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface WriteRoute {
  /** e.g. "/api/send", or a pattern with one capture for an id. */
  readonly path: string | RegExp;
  /** A JSON answer, or (a download) one the route writes itself. */
  run(body: unknown, match: readonly string[]): Promise<{ status: number; value: unknown } | { stream: (res: ServerResponse) => Promise<void> }>;
}

export interface WriteApiContext {
  readonly routes: readonly WriteRoute[];
  /** Whether a browser Origin is the inspector's own (publish/origin.ts). */
  readonly allowOrigin: (origin: string, host: string | undefined) => boolean;
  /** Largest JSON body accepted, in bytes. */
  readonly maxJson: number;
}

/** Answers POSTs to the write routes; returns false for anything else. */
export function handleWriteApi(req: IncomingMessage, res: ServerResponse, ctx: WriteApiContext): boolean {
  if (req.method !== 'POST') return false;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  let route: WriteRoute | undefined;
  let match: readonly string[] = [];
  for (const r of ctx.routes) {
    const m = typeof r.path === 'string' ? (r.path === path ? [path] : null) : r.path.exec(path);
    if (m) {
      route = r;
      match = m.map((s) => decodeURIComponent(s));
      break;
    }
  }
  if (!route) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !ctx.allowOrigin(origin, req.headers.host)) {
    json(res, 403, { error: `davscope acts only for its own inspector page, not for a page from ${origin}` });
    req.resume();
    return true;
  }
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    json(res, 415, { error: 'send the request as Content-Type: application/json' });
    req.resume();
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > ctx.maxJson) over = true;
    else chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (over) return json(res, 413, { error: `the JSON body is over ${ctx.maxJson} bytes; raise --max-body to send larger bodies` });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      return json(res, 400, { error: `the body is not JSON: ${(err as Error).message}` });
    }
    route.run(body, match).then(
      (answer) => {
        if ('status' in answer) return json(res, answer.status, answer.value);
        answer.stream(res).catch(() => res.destroy());
      },
      (err: Error) => json(res, 502, { error: err.message }),
    );
  });
  return true;
}

export function json(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
