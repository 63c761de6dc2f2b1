// The WebSocket protocol end to end in Node: a real davscope (in process) in front of an echoing
// upstream, real `ws` clients and the UI's own store and connection code; slow, dead and foreign clients.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import { Publisher } from '../../proxy/publish/publisher.ts';
import { createStaticUi, NOT_BUILT } from '../../proxy/publish/static-ui.ts';
import { isInspectorHost, isInspectorOrigin } from '../../proxy/publish/origin.ts';
import { ExchangeStore } from '../../proxy/store.ts';
import { WS_PATH, type Delta, type ServerMessage } from '../../rules/model/protocol.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { InspectorStore } from '../../ui/store/inspector-store.ts';
import { connect, type SocketLike } from '../../ui/store/connection.ts';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { request } from '../harness/net.ts';
import { startRawUpstream } from '../harness/raw-upstream.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { ensureUiBuilt } from '../harness/chromium.ts';

let upstream: EchoUpstream;
let app: Davscope;

beforeAll(async () => {
  await ensureUiBuilt();
  upstream = await startEchoUpstream();
  app = await startDavscope({
    target: new URL(upstream.url),
    host: '127.0.0.1',
    port: 0,
    uiHost: '127.0.0.1',
    uiPort: 0,
    maxBody: 1 << 20,
    keep: 1000,
    storeBytes: 64 << 20,
    insecure: false,
    quiet: true,
    upstreamConnections: 4,
    upstreamTimeoutMs: 10_000,
  });
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
});

/** A ws client that records every server message. */
function client(url: string, origin: string | undefined, opts: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(url, { ...(origin ? { origin } : {}), ...opts });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake answered ${res.statusCode}`)));
  });
  return { ws, messages, opened };
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const deltasOf = (msgs: ServerMessage[]): Delta[] => msgs.flatMap((m) => (m.type === 'batch' ? m.deltas : []));
const wsUrl = () => app.uiUrl.replace('http:', 'ws:') + WS_PATH;

describe('the inspector WebSocket', () => {
  it('sends a snapshot on connect, then deltas numbered without gaps up to the analysed row', async () => {
    const c = client(wsUrl(), app.uiUrl);
    await c.opened;
    await until(() => c.messages.length > 0, 'the snapshot');
    const snap = c.messages[0]!;
    expect(snap.type).toBe('snapshot');
    if (snap.type !== 'snapshot') return;
    expect(snap.info.proxyUrl).toBe(app.proxyUrl + '/');

    const res = await request(`${app.proxyUrl}/anon/cal/e1.ics`, { method: 'PUT', headers: { 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCALENDAR\r\nSECRET-BODY-MARKER\r\nEND:VCALENDAR\r\n' });
    expect(res.status).toBeGreaterThanOrEqual(200);
    await until(() => deltasOf(c.messages).some((d) => d.type === 'analysed'), 'the analysed delta');
    const deltas = deltasOf(c.messages);
    // Stages reached within one flush window are sent once, in the latest state (see below).
    const types = deltas.map((d) => d.type).join(',');
    expect(['started,completed,analysed', 'started,analysed', 'completed,analysed', 'analysed']).toContain(types);
    expect(deltas.map((d) => d.n)).toEqual(deltas.map((_, i) => snap.n + 1 + i));
    const analysed = deltas.at(-1) as Extract<Delta, { type: 'analysed' }>;
    expect(analysed.row).toMatchObject({ method: 'PUT', target: '/anon/cal/e1.ics', status: res.status, state: 'analysed' });
    expect(analysed.row.ruleIds).toContain('caldav/put-create-without-if-none-match');
    // Bodies are fetched from the API on demand, never pushed.
    expect(JSON.stringify(c.messages)).not.toContain('SECRET-BODY-MARKER');
    c.ws.close();
  });

  it('shows a request in flight as started, and sends an exchange that finishes within a flush window once', async () => {
    const c = client(wsUrl(), app.uiUrl);
    await c.opened;
    await until(() => c.messages.length > 0, 'the snapshot');
    const stalled = http.request(`${app.proxyUrl}/stall`, { method: 'PROPFIND' });
    stalled.on('error', () => {});
    stalled.end();
    await until(() => deltasOf(c.messages).some((d) => d.type === 'started' && d.row.target === '/stall'), 'the started row of the stalled request');

    const quick = 20;
    await Promise.all(Array.from({ length: quick }, (_, i) => request(`${app.proxyUrl}/quick/${i}`, { method: 'PROPFIND' })));
    const ofQuick = () => deltasOf(c.messages).filter((d) => d.type !== 'cleared' && d.row.target.startsWith('/quick/'));
    await until(() => new Set(ofQuick().flatMap((d) => (d.type === 'analysed' ? [d.row.id] : []))).size === quick, 'every quick exchange analysed');
    const perId = new Map<string, string[]>();
    for (const d of ofQuick()) if (d.type !== 'cleared') perId.set(d.row.id, [...(perId.get(d.row.id) ?? []), d.type]);
    for (const types of perId.values()) expect(types.at(-1)).toBe('analysed');
    // Three states each, but fewer rows sent: the window coalesced some of them.
    expect(ofQuick().length).toBeLessThan(3 * quick);
    const all = deltasOf(c.messages);
    expect(all.map((d) => d.n)).toEqual(all.map((_, i) => all[0]!.n + i));
    stalled.destroy();
    c.ws.close();
  });

  it('a client that reports a gap gets a fresh snapshot on the same connection', async () => {
    const c = client(wsUrl(), app.uiUrl);
    await c.opened;
    await until(() => c.messages.length === 1, 'the snapshot');
    c.ws.send(JSON.stringify({ type: 'snapshot' }));
    await until(() => c.messages.length === 2, 'the second snapshot');
    expect(c.messages[1]!.type).toBe('snapshot');
    c.ws.close();
  });

  it('refuses a page of another origin, and a client sending no Origin', async () => {
    await expect(client(wsUrl(), 'http://evil.example').opened).rejects.toThrow(/403/);
    await expect(client(wsUrl(), undefined).opened).rejects.toThrow(/403/);
    const port = new URL(app.uiUrl).port;
    await expect(client(wsUrl(), `http://127.0.0.1:${Number(port) + 1}`).opened).rejects.toThrow(/403/);
  });

  it('the UI store follows live traffic through its connection, and clear empties every client', async () => {
    const store = new InspectorStore();
    const other = new InspectorStore();
    const make = (url: string) => new WebSocket(url, { origin: app.uiUrl }) as unknown as SocketLike;
    const conn = connect(store, wsUrl(), { createSocket: make });
    const conn2 = connect(other, wsUrl(), { createSocket: make });
    await until(() => store.status === 'live' && other.status === 'live', 'both connected');
    const before = store.live.size;
    for (let i = 0; i < 5; i++) await request(`${app.proxyUrl}/anon/x${i}`, { method: 'PROPFIND', headers: { Depth: '0' } });
    await until(() => store.live.size === before + 5 && other.live.size === before + 5, 'five new rows in both stores');
    expect(store.live.all.slice(-5).map((r) => r.target)).toEqual(['/anon/x0', '/anon/x1', '/anon/x2', '/anon/x3', '/anon/x4']);
    expect(conn.send({ type: 'clear' })).toBe(true);
    await until(() => store.live.size === 0 && other.live.size === 0, 'both cleared');
    expect(app.store.size).toBe(0);
    expect(other.counters.cleared).toBe(1);
    conn.close();
    conn2.close();
  });
});

describe('clear', () => {
  it('keeps out an exchange that was under way when the list was cleared, whenever it ends', async () => {
    // An upstream that holds /held until released, so the exchange is under way across the clear.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const raw = await startRawUpstream({
      answer: (req) => (req.target === '/held' ? (socket) => void gate.then(() => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nheld')) : 'default'),
    });
    const held = await startDavscope(davscopeOptions(raw.url));
    try {
      const store = new InspectorStore();
      const conn = connect(store, held.uiUrl.replace('http:', 'ws:') + WS_PATH, { createSocket: (url: string) => new WebSocket(url, { origin: held.uiUrl }) as unknown as SocketLike });
      await until(() => store.status === 'live', 'connected');
      const answer = request(`${held.proxyUrl}/held`);
      await until(() => store.live.all.toArray().some((r) => r.target === '/held'), 'the held request listed');
      expect(conn.send({ type: 'clear' })).toBe(true);
      await until(() => store.live.size === 0, 'cleared');
      // It ends now: captured, analysed and recorded as usual, but it started before the clear.
      release();
      expect((await answer).status).toBe(200);
      await held.idle();
      await request(`${held.proxyUrl}/after-clear`);
      await until(() => store.live.all.toArray().some((r) => r.target === '/after-clear' && r.state === 'analysed'), 'the next request listed');
      expect(store.live.all.toArray().map((r) => r.target)).toEqual(['/after-clear']);
      expect(held.store.rows().map((r) => r.target)).toEqual(['/after-clear']);
      conn.close();
    } finally {
      release();
      await held.close();
      await raw.close();
    }
  });
});

describe('the publisher under pressure', () => {
  const stores: { pub: Publisher; server: http.Server }[] = [];
  let seq = 0;

  /** A publisher on its own HTTP server over its own store. */
  async function startPublisher(opts: { pingMs: number; maxBufferedBytes?: number }) {
    const store = new ExchangeStore({ maxExchanges: 100_000, maxBytes: 1 << 30 });
    const server = http.createServer();
    const pub = new Publisher({ store, info: () => ({ upstream: 'u', proxyUrl: 'p', keep: 100_000, version: '0' }), allowOrigin: () => true, flushMs: 5, ...opts });
    server.on('upgrade', (req, socket, head) => void (pub.handleUpgrade(req, socket, head) || socket.destroy()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stores.push({ pub, server });
    const add = (headerBytes: number) => {
      seq++;
      const ex: Exchange = {
        id: String(seq), seq, source: 'live', upstream: 'u',
        request: { method: 'REPORT', target: `/r/${seq}`, httpVersion: '1.1', headers: [['X-Pad', 'x'.repeat(headerBytes)]], body: { kind: 'none' } },
        response: { status: 207, statusText: 'Multi-Status', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
        timings: { startedAt: 0, end: 1 }, findings: [],
      };
      store.add(ex);
    };
    return { pub, add, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${WS_PATH}` };
  }

  afterAll(async () => {
    for (const { pub, server } of stores) {
      pub.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('drops a client that stops reading and tells it to resync, instead of buffering without bound', async () => {
    // Pings far apart: this client cannot answer them while paused, and must be dropped as slow, not dead.
    const { pub, add, url } = await startPublisher({ pingMs: 600_000, maxBufferedBytes: 256 << 10 });
    const slow = client(url, 'http://x');
    const fast = client(url, 'http://x');
    await Promise.all([slow.opened, fast.opened]);
    await until(() => slow.messages.length === 1 && fast.messages.length === 1, 'snapshots');
    const first = seq;
    // Stop reading: the server's send buffer for this client can only grow from here.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const closed = new Promise<number>((r) => slow.ws.once('close', (code) => r(code)));
    for (let i = 0; i < 2000 && pub.stats.droppedSlow === 0; i++) {
      for (let j = 0; j < 20; j++) add(16 << 10);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(pub.stats.droppedSlow).toBe(1);
    expect(pub.clientCount).toBe(1);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(4000);
    expect(slow.messages.at(-1)).toEqual({ type: 'resync', reason: 'fell behind' });
    // The reader kept up and kept every delta in order.
    await until(() => deltasOf(fast.messages).length === seq - first, 'all deltas for the fast client');
    const ns = deltasOf(fast.messages).map((d) => d.n);
    expect(ns).toEqual(ns.map((_, i) => ns[0]! + i));
    fast.ws.close();
  });

  it('terminates a client that stops answering pings', async () => {
    const { pub, url } = await startPublisher({ pingMs: 100 });
    const dead = client(url, 'http://x', { autoPong: false });
    await dead.opened;
    await new Promise<void>((r) => dead.ws.once('close', () => r()));
    expect(pub.stats.droppedDead).toBe(1);
  });

  it('keeps a client that answers pings', async () => {
    // A second between pings: a pong delayed by a busy machine must not count as death.
    const { pub, url } = await startPublisher({ pingMs: 1000 });
    const alive = client(url, 'http://x');
    await alive.opened;
    await new Promise((r) => setTimeout(r, 3500));
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    expect(pub.stats.droppedDead).toBe(0);
    alive.ws.close();
  });
});

describe('the Origin check', () => {
  it('accepts only the inspector origin, refusing rebound DNS names', () => {
    expect(isInspectorOrigin('http://127.0.0.1:8089', '127.0.0.1:8089', '127.0.0.1', 8089)).toBe(true);
    expect(isInspectorOrigin('http://localhost:8089', 'localhost:8089', '127.0.0.1', 8089)).toBe(true);
    expect(isInspectorOrigin('http://evil.example:8089', 'evil.example:8089', '127.0.0.1', 8089)).toBe(false);
    expect(isInspectorOrigin('http://evil.example:8089', 'evil.example:8089', '0.0.0.0', 8089)).toBe(false);
    expect(isInspectorOrigin('http://192.168.1.5:8089', '192.168.1.5:8089', '0.0.0.0', 8089)).toBe(true);
    expect(isInspectorOrigin('http://127.0.0.1:8089', '127.0.0.1:8090', '127.0.0.1', 8089)).toBe(false);
    expect(isInspectorOrigin('https://127.0.0.1:8089', '127.0.0.1:8089', '127.0.0.1', 8089)).toBe(false);
    expect(isInspectorOrigin('null', '127.0.0.1:8089', '127.0.0.1', 8089)).toBe(false);
  });
});

describe('the Host check on the inspector port', () => {
  it('refuses a foreign DNS name (a rebinding page), for the API and the page alike', async () => {
    for (const path of ['/api/exchanges', '/']) {
      const res = await request(`${app.uiUrl}${path}`, { headers: { Host: `evil.example:${new URL(app.uiUrl).port}` } });
      expect(res.status).toBe(403);
      expect(res.body.toString()).toContain('DNS rebinding');
    }
    expect((await request(`${app.uiUrl}/api/exchanges`, { headers: { Host: `localhost:${new URL(app.uiUrl).port}` } })).status).toBe(200);
  });

  it('accepts addresses, localhost, and the name given with --ui-host', () => {
    expect(isInspectorHost('127.0.0.1:8089', '127.0.0.1')).toBe(true);
    expect(isInspectorHost('[::1]:8089', '127.0.0.1')).toBe(true);
    expect(isInspectorHost('192.168.1.5:8089', '0.0.0.0')).toBe(true);
    expect(isInspectorHost('evil.example:8089', '0.0.0.0')).toBe(false);
    expect(isInspectorHost('devbox.lan:8089', 'devbox.lan')).toBe(true);
    expect(isInspectorHost(undefined, '127.0.0.1')).toBe(false);
  });
});

describe('serving the built UI', () => {
  it('serves the page and its assets with their content types, nosniff and a strict CSP', async () => {
    const page = await request(`${app.uiUrl}/`);
    expect(page.status).toBe(200);
    const h = Object.fromEntries(page.rawHeaders.flatMap((v, i, a) => (i % 2 ? [] : [[v.toLowerCase(), a[i + 1]]])));
    expect(h['content-type']).toBe('text/html; charset=utf-8');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['content-security-policy']).toContain("script-src 'self'");
    expect(h['content-security-policy']).not.toContain('unsafe-inline');
    expect(h['content-security-policy']).not.toContain('unsafe-eval');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body.toString())?.[1];
    expect(script).toBeDefined();
    const js = await request(`${app.uiUrl}${script}`);
    expect(js.status).toBe(200);
    expect(js.rawHeaders[js.rawHeaders.findIndex((v) => v.toLowerCase() === 'content-type') + 1]).toBe('text/javascript; charset=utf-8');
    // The page has no inline script for the CSP to forbid.
    expect(page.body.toString()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('never serves a file outside the UI folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await request(`${app.uiUrl}${path}`, { path });
      expect(res.status).toBe(404);
    }
  });

  it('says what to run when the UI has not been built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'davscope-noui-'));
    const ui = createStaticUi(dir);
    expect(ui.built).toBe(false);
    const server = http.createServer((req, res) => void (ui.handle(req, res) || res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(503);
    expect(res.body.toString()).toBe(NOT_BUILT);
    expect(NOT_BUILT).toContain('npm run build:ui');
    // Built while running: the next page load is served, no restart needed.
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(ui.built).toBe(true);
    expect((await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).status).toBe(200);
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });
});
