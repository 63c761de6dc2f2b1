// A plain upstream for byte-level tests: echoes what it received, stores and serves blobs without
// parsing them, and misbehaves on request (resets, redirects, compressed bodies).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  bodyLength: number;
  bodySha256: string;
}

export interface EchoUpstream {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startEchoUpstream(tls?: { key: string; cert: string }): Promise<EchoUpstream> {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-echo-'));
  const received: Received[] = [];
  const blobs = new Map<string, string>();
  let origin = '';

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = req.url ?? '/';
    res.sendDate = false; // so a Date on the client's side could only have been added by the proxy
    if (req.method === 'PUT' && path.startsWith('/blob/')) {
      const file = join(dir, String(blobs.size));
      const hash = createHash('sha256');
      let n = 0;
      req.on('data', (c: Buffer) => { hash.update(c); n += c.length; });
      req.pipe(createWriteStream(file)).on('finish', () => {
        blobs.set(path, file);
        const sha = hash.digest('hex');
        received.push({ method: 'PUT', url: path, rawHeaders: req.rawHeaders, bodyLength: n, bodySha256: sha });
        res.writeHead(201, { 'Content-Type': 'text/plain', 'X-Sha256': sha });
        res.end(`stored ${n} bytes\n`);
      });
      return;
    }
    if (req.method === 'GET' && blobs.has(path)) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      createReadStream(blobs.get(path)!).pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rec = { method: req.method!, url: path, rawHeaders: req.rawHeaders, bodyLength: body.length, bodySha256: createHash('sha256').update(body).digest('hex') };
      received.push(rec);
      if (path === '/reset-mid-response') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
        res.write('only part of it');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      if (path === '/stall') return; // never answers
      if (path.startsWith('/redirect')) {
        res.writeHead(301, [ 'Location', `${origin}/cal/`, 'Content-Location', `${origin}/cal/`, 'Content-Length', '0' ]);
        res.end();
        return;
      }
      if (path === '/gzip') {
        const payload = zlib.gzipSync(Buffer.from('<?xml version="1.0"?><multistatus xmlns="DAV:"/>'));
        res.writeHead(207, { 'Content-Type': 'application/xml', 'Content-Encoding': 'gzip', 'Content-Length': payload.length });
        res.end(payload);
        return;
      }
      const json = JSON.stringify(rec);
      // Mixed-case names and a repeated header: a transparent proxy keeps both as they are.
      res.writeHead(207, 'Multi-Status Custom', ['Content-Type', 'application/json', 'X-MiXeD-CaSe', 'yes', 'X-Dup', 'a', 'X-Dup', 'b', 'Content-Length', String(Buffer.byteLength(json))]);
      res.end(json);
    });
  };

  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
