// Byte-level transparency of the forwarding, checked against an upstream that reports exactly what
// it received: request-target, methods, header case and order, bodies, interim and final responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { startEchoUpstream, type EchoUpstream, type Received } from '../harness/echo-upstream.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { bodyText, inspectableBytes } from '../../rules/model/body.ts';
import { exchangeFromWire } from '../../rules/model/wire.ts';

let upstream: EchoUpstream;
let proxy: DavscopeProcess;

beforeAll(async () => {
  upstream = await startEchoUpstream();
  proxy = await startDavscopeProcess(upstream.url, ['--max-body', '1k']);
});
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

function pairsOf(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

const lastReceived = (): Received => upstream.received[upstream.received.length - 1];

describe('forwarding', () => {
  it('forwards the request-target exactly as received, #fragment, double slashes and escapes included', async () => {
    for (const path of ['/litmus/frag/#ment', '/a//b/?q=1&x=%2F#f', '/cal/ev%40x.ics', '/%7Euser/./../x']) {
      const res = await request(proxy.proxyUrl, { method: 'DELETE', path });
      expect(res.status).toBe(207);
      expect(lastReceived().url).toBe(path);
    }
  });

  it('passes every method Node accepts, WebDAV and CalDAV verbs included', async () => {
    const methods = http.METHODS.filter((m) => m !== 'CONNECT');
    expect(methods).toEqual(expect.arrayContaining(['PROPFIND', 'PROPPATCH', 'MKCALENDAR', 'MKCOL', 'REPORT', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'ACL', 'SEARCH']));
    for (const method of methods) {
      const res = await request(proxy.proxyUrl, { method, path: '/m', headers: method === 'HEAD' ? {} : { 'Content-Length': '2' }, body: method === 'HEAD' ? undefined : 'ok' });
      expect(res.status, method).toBe(207);
      expect(lastReceived().method).toBe(method);
    }
  });

  it('keeps request header names, case and order, and points Host at the upstream', async () => {
    const sent = ['Host', 'example.invalid', 'X-MiXeD-CaSe', 'one', 'depth', '1', 'X-Dup', 'a', 'X-Dup', 'b', 'Content-Type', 'text/xml; charset="utf-8"', 'Content-Length', '4'];
    await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/h', headers: sent, body: '<x/>' });
    const got = pairsOf(lastReceived().rawHeaders);
    expect(got.filter(([n]) => n.toLowerCase() !== 'connection')).toEqual([
      ['Host', new URL(upstream.url).host],
      ['X-MiXeD-CaSe', 'one'],
      ['depth', '1'],
      ['X-Dup', 'a'],
      ['X-Dup', 'b'],
      ['Content-Type', 'text/xml; charset="utf-8"'],
      ['Content-Length', '4'],
    ]);
  });

  it('returns the status, reason phrase, header case, repeated headers and body unchanged', async () => {
    const res = await request(proxy.proxyUrl, { method: 'REPORT', path: '/r', headers: { 'Content-Length': '3' }, body: 'abc' });
    expect(res.status).toBe(207);
    expect(res.statusText).toBe('Multi-Status Custom');
    const got = pairsOf(res.rawHeaders).filter(([n]) => !/^(connection|keep-alive)$/i.test(n));
    expect(got.slice(0, 4)).toEqual([['Content-Type', 'application/json'], ['X-MiXeD-CaSe', 'yes'], ['X-Dup', 'a'], ['X-Dup', 'b']]);
    expect(got.some(([n]) => n.toLowerCase() === 'date')).toBe(false); // nothing added
    expect(JSON.parse(res.body.toString()).bodySha256).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('maps Location and Content-Location to the proxy, and Destination to the upstream', async () => {
    const res = await request(proxy.proxyUrl, { path: '/redirect' });
    expect(res.status).toBe(301);
    const headers = pairsOf(res.rawHeaders);
    expect(headers.find(([n]) => n === 'Location')?.[1]).toBe(`${proxy.proxyUrl}/cal/`);
    expect(headers.find(([n]) => n === 'Content-Location')?.[1]).toBe(`${proxy.proxyUrl}/cal/`);
    await request(proxy.proxyUrl, { method: 'MOVE', path: '/a.ics', headers: { Destination: `${proxy.proxyUrl}/b.ics`, Overwrite: 'F' } });
    expect(pairsOf(lastReceived().rawHeaders).find(([n]) => n === 'Destination')?.[1]).toBe(`${upstream.url}/b.ics`);
  });

  it('relays 100 Continue only once the upstream sends it, then the body', async () => {
    const port = new URL(proxy.proxyUrl).port;
    const result = await new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
      let continued = false;
      const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/expect', headers: { Expect: '100-continue', 'Content-Length': '5' }, agent: false });
      req.on('continue', () => {
        continued = true;
        req.end('hello');
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ continued, status: res.statusCode! }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(result).toEqual({ continued: true, status: 207 });
    expect(lastReceived().bodySha256).toBe(createHash('sha256').update('hello').digest('hex'));
  });

  it('streams a chunked request body through whole', async () => {
    const port = new URL(proxy.proxyUrl).port;
    const parts = ['<?xml version="1.0"?>', '<propfind xmlns="DAV:">', '<allprop/>', '</propfind>'];
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'PROPFIND', path: '/chunked', agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      for (const p of parts) req.write(p);
      req.end();
    });
    expect(lastReceived().bodySha256).toBe(createHash('sha256').update(parts.join('')).digest('hex'));
  });

  it('forwards compressed bodies untouched and decodes them for inspection only', async () => {
    const res = await request(proxy.proxyUrl, { path: '/gzip' });
    expect(res.body[0]).toBe(0x1f); // still gzip on the wire
    const summary = await proxy.waitForExchange((e) => e.target === '/gzip');
    const ex = exchangeFromWire(await proxy.exchange(summary.id));
    expect(ex.response!.body.kind === 'captured' && ex.response!.body.contentEncoding).toBe('gzip');
    expect(bodyText(ex.response!.body)).toContain('<multistatus xmlns="DAV:"/>');
  });

  it('forwards a body past --max-body whole and captures its head with the true size', async () => {
    const big = Buffer.alloc(100_000, 'x');
    await request(proxy.proxyUrl, { method: 'PUT', path: '/big', headers: { 'Content-Length': String(big.length) }, body: big });
    expect(lastReceived().bodyLength).toBe(100_000);
    const summary = await proxy.waitForExchange((e) => e.target === '/big');
    const ex = exchangeFromWire(await proxy.exchange(summary.id));
    expect(ex.request.body).toMatchObject({ kind: 'captured', size: 100_000, truncated: true });
    expect(inspectableBytes(ex.request.body)!.length).toBe(1024);
  });
});

describe('the inspector API', () => {
  it('pages exchanges after a seq, serves one in full, and says what is missing', async () => {
    const all = await proxy.exchanges();
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    const after = await proxy.exchanges().then(() => request(`${proxy.uiUrl}/api/exchanges?after=${all[2].seq}`));
    expect(JSON.parse(after.body.toString())[0].seq).toBe(all[3].seq);
    const missing = await request(`${proxy.uiUrl}/api/exchanges/999999`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error).toMatch(/no exchange/);
    const health = await request(`${proxy.uiUrl}/api/health`);
    expect(JSON.parse(health.body.toString())).toMatchObject({ ok: true, upstream: `${upstream.url}/` });
  });
});
