// Faults against a byte-exact upstream: each action does what it says, the upstream sees what it
// should (nothing, for an answer in its place), and every touched exchange is captured as injected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { request } from '../harness/net.ts';
import type { FaultSpec } from '../../rules/faults/spec.ts';
import type { FaultState } from '../../rules/model/protocol.ts';
import type { Exchange } from '../../rules/model/exchange.ts';

const SYNC_ANSWER = `<?xml version="1.0"?>\n<D:multistatus xmlns:D="DAV:"><D:response><D:href>/c/1.ics</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/c/2.ics</D:href><D:propstat><D:prop><D:getetag>"2"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:sync-token>http://x/sync/9</D:sync-token></D:multistatus>`;
const BIG = 'z'.repeat(10_000);

const own: FaultSpec[] = [
  { name: 'slow-get', match: { path: '/slow' }, action: { kind: 'delay', ms: 300 } },
  { name: 'trickle', match: { path: '/big' }, action: { kind: 'throttle', bytesPerSecond: 20_000 } },
  { name: 'hang-up', match: { path: '/hang-up' }, action: { kind: 'reset', when: 'before-answer' } },
  { name: 'third-time', match: { path: '/counted', nth: 3 }, action: { kind: 'answer', status: 500, body: 'third' } },
  // The drop preset's action, on one path (the preset would also cut the REPORTs above).
  { name: 'drop-once', match: { path: '/drop', times: 1 }, action: { kind: 'reset', when: 'mid-body' } },
  { name: 'rewrite', match: { path: '/rewrite' }, action: { kind: 'alter', status: 404, setHeaders: [['X-Fault', 'yes']], truncateBody: 2 } },
];

let upstream: RawUpstream;
let app: Davscope;

beforeAll(async () => {
  upstream = await startRawUpstream({
    answer: (req) => {
      if (req.method === 'REPORT') return `HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(SYNC_ANSWER)}\r\n\r\n${SYNC_ANSWER}`;
      if (req.method === 'PUT') return 'HTTP/1.1 201 Created\r\nETag: "e1"\r\nContent-Length: 0\r\n\r\n';
      if (req.target === '/big' || req.target === '/drop') return `HTTP/1.1 200 OK\r\nContent-Length: ${BIG.length}\r\n\r\n${BIG}`;
      return 'default';
    },
  });
  app = await startDavscope(davscopeOptions(upstream.url, { analysisWorker: false, faults: { enabled: ['concurrent-edit', 'etag-withheld', 'sync-truncated'], fromFile: own } }));
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
});

async function lastExchange() {
  await app.idle();
  const row = app.store.rows(-Infinity, Infinity).at(-1)!;
  return app.store.get(row.id)!;
}

describe('faults in front of an upstream', () => {
  it('concurrent-edit answers 412 in the server place: nothing reaches it, the exchange says injected', async () => {
    const before = upstream.requests().length;
    const res = await request(app.proxyUrl, { method: 'PUT', path: '/c/a.ics', headers: { 'If-Match': '"e0"' }, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' });
    expect(res.status).toBe(412);
    expect(upstream.requests().length).toBe(before);
    const ex = await lastExchange();
    expect(ex).toMatchObject({ source: 'injected', fault: { name: 'concurrent-edit', did: 'answered 412 without forwarding' }, response: { status: 412 } });
    expect(Buffer.from((ex.request.body as { bytes: Uint8Array }).bytes).toString()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });

  it('etag-withheld forwards a PUT and drops the ETag from the answer the client gets (and the capture)', async () => {
    const res = await request(app.proxyUrl, { method: 'PUT', path: '/c/b.ics', body: 'x' });
    expect(res.status).toBe(201);
    expect(res.rawHeaders.map((h) => h.toLowerCase())).not.toContain('etag');
    expect(upstream.requests().at(-1)?.target).toBe('/c/b.ics');
    const ex = await lastExchange();
    expect(ex.response?.headers.some(([n]) => n.toLowerCase() === 'etag')).toBe(false);
    expect(ex.fault?.name).toBe('etag-withheld');
  });

  it('sync-truncated cuts a sync answer once, to one member and a 507, with the token the client sent', async () => {
    const body = '<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>http://x/sync/5</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>';
    const first = (await request(app.proxyUrl, { method: 'REPORT', path: '/c/', headers: { 'Content-Type': 'application/xml' }, body })).body.toString();
    expect(first).toContain('/c/1.ics');
    expect(first).not.toContain('/c/2.ics');
    expect(first).toContain('<D:response><D:href>/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>');
    expect(first).toContain('<D:sync-token>http://x/sync/5</D:sync-token>');
    const second = (await request(app.proxyUrl, { method: 'REPORT', path: '/c/', headers: { 'Content-Type': 'application/xml' }, body })).body.toString();
    expect(second).toBe(SYNC_ANSWER);
  });

  it('a mid-body reset cuts the first GET answer halfway and closes the connection; the next one is whole', async () => {
    const got = await new Promise<{ bytes: number; error?: string }>((resolve) => {
      let bytes = 0;
      http.get(`${app.proxyUrl}/drop`, (res) => {
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('error', (e) => resolve({ bytes, error: e.message }));
        res.on('end', () => resolve({ bytes }));
        res.on('close', () => resolve({ bytes, error: 'closed' }));
      }).on('error', (e) => resolve({ bytes, error: e.message }));
    });
    expect(got.bytes).toBe(BIG.length / 2);
    expect(got.error).toBeDefined();
    expect((await lastExchange()).error?.code).toBe('FAULT_DROP');
    expect((await request(app.proxyUrl, { path: '/drop' })).body.length).toBe(BIG.length);
  });

  it('delays before forwarding, throttles a body, and hangs up without an answer', async () => {
    let t0 = Date.now();
    expect((await request(app.proxyUrl, { path: '/slow' })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    t0 = Date.now();
    expect((await request(app.proxyUrl, { path: '/big' })).body.toString()).toBe(BIG);
    // 10,000 bytes at 20,000 bytes/s: 2,000 each 100 ms, so at least 400 ms.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    await expect(request(app.proxyUrl, { path: '/hang-up' })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await lastExchange()).error?.code).toBe('FAULT_RESET');
  });

  it('fires on the nth match only, alters status, headers and body, and counts what fired', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(app.proxyUrl, { path: '/counted' })).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
    const rewritten = await request(app.proxyUrl, { path: '/rewrite' });
    expect(rewritten.status).toBe(404);
    expect(rewritten.body.toString()).toBe('ok');
    expect(rewritten.rawHeaders).toContain('X-Fault');
    const state = JSON.parse((await request(app.uiUrl, { path: '/api/faults' })).body.toString()) as FaultState[];
    expect(state.find((f) => f.name === 'third-time')).toMatchObject({ enabled: true, seen: 4, fired: 1 });
    expect(state.find((f) => f.name === 'busy')).toMatchObject({ enabled: false, fired: 0, preset: true });
  });

  it('is turned on and off from the page; with it off nothing changes', async () => {
    const post = (value: unknown) => request(app.uiUrl, { method: 'POST', path: '/api/faults', headers: { 'Content-Type': 'application/json', Origin: app.uiUrl }, body: JSON.stringify(value) });
    expect((await post({ name: 'busy', enabled: true })).status).toBe(200);
    const busy = await request(app.proxyUrl, { path: '/x' });
    expect(busy.status).toBe(503);
    expect(busy.rawHeaders).toContain('Retry-After');
    expect((await request(app.proxyUrl, { path: '/x' })).status).toBe(200);
    expect((await post({ name: 'concurrent-edit', enabled: false })).status).toBe(200);
    expect((await request(app.proxyUrl, { method: 'PUT', path: '/c/z.ics', headers: { 'If-Match': '"1"' }, body: 'x' })).status).toBe(201);
    expect((await post({ name: 'no-such', enabled: true })).status).toBe(404);
  });
});

describe('faults in front of a replay', () => {
  it('alter and answer faults work on recorded answers too', async () => {
    const recorded: Exchange = {
      id: '1', seq: 1, source: 'live', upstream: 'http://127.0.0.1:5232/', timings: { startedAt: 0 }, findings: [],
      request: { method: 'PUT', target: '/c/r.ics', httpVersion: '1.1', headers: [['Host', '127.0.0.1:5232'], ['Content-Length', '1']], body: { kind: 'captured', bytes: new TextEncoder().encode('x'), size: 1, truncated: false } },
      response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [['ETag', '"r1"'], ['Content-Length', '0']], body: { kind: 'none' } },
    };
    const replay = await startDavscope(davscopeOptions('http://127.0.0.1:5232/', { analysisWorker: false, replay: { exchanges: [recorded, recorded] }, faults: { enabled: ['etag-withheld', 'busy'] } }));
    try {
      const busy = await request(replay.proxyUrl, { method: 'PUT', path: '/c/r.ics', body: 'x' });
      expect(busy.status).toBe(503);
      const put = await request(replay.proxyUrl, { method: 'PUT', path: '/c/r.ics', body: 'x' });
      expect(put.status).toBe(201);
      expect(put.rawHeaders.map((h) => h.toLowerCase())).not.toContain('etag');
      await replay.idle();
      const last = replay.store.get(replay.store.rows(-Infinity, Infinity).at(-1)!.id)!;
      expect(last).toMatchObject({ source: 'injected', basedOn: '1', fault: { name: 'etag-withheld' } });
    } finally {
      await replay.close();
    }
  });
});
