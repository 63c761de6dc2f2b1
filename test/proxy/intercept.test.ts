// Intercept: requests the filter picks are held until the page continues (as sent or edited) or
// aborts them; a hold nobody answers continues after the timeout; an over-large body is held unread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startDavscope, type Davscope, type DavscopeOptions } from '../../proxy/server.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { request, type RawResponse } from '../harness/net.ts';
import type { InterceptState } from '../../rules/model/protocol.ts';

function options(target: string, extra: Partial<DavscopeOptions> = {}): DavscopeOptions {
  return davscopeOptions(target, { maxBody: 1024, analysisWorker: false, intercept: 'method:PUT', interceptTimeoutMs: 30_000, ...extra });
}

async function post(app: Davscope, path: string, value: unknown) {
  const res = await request(app.uiUrl, { method: 'POST', path, headers: { 'Content-Type': 'application/json', Origin: app.uiUrl }, body: JSON.stringify(value) });
  return { status: res.status, json: JSON.parse(res.body.toString()) as Record<string, unknown> };
}

async function state(app: Davscope): Promise<InterceptState> {
  return JSON.parse((await request(app.uiUrl, { path: '/api/intercept' })).body.toString()) as InterceptState;
}

/** Polls until intercept holds `n` requests (bounded). */
async function heldCount(app: Davscope, n: number): Promise<InterceptState> {
  for (let i = 0; i < 200; i++) {
    const s = await state(app);
    if (s.held.length === n) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`intercept never held ${n} requests`);
}

describe('intercept against a byte-exact upstream', () => {
  let upstream: RawUpstream;
  let app: Davscope;
  beforeAll(async () => {
    upstream = await startRawUpstream();
    app = await startDavscope(options(upstream.url));
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  it('holds a PUT the filter picks, lets a GET through, and continues the PUT unchanged on request', async () => {
    const before = upstream.requests().length;
    const put = request(app.proxyUrl, { method: 'PUT', path: '/cal/a.ics', headers: { 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' });
    const s = await heldCount(app, 1);
    expect(s.held[0]).toMatchObject({ method: 'PUT', target: '/cal/a.ics', editable: true, body: { encoding: 'utf8', data: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' } });
    expect((await request(app.proxyUrl, { path: '/free' })).status).toBe(200);
    expect(upstream.requests().slice(before).map((r) => r.method)).toEqual(['GET']);
    expect((await post(app, `/api/intercept/${s.held[0]!.id}/continue`, {})).status).toBe(200);
    expect((await put).status).toBe(200);
    await app.idle();
    const last = upstream.requests().at(-1)!;
    expect(last).toMatchObject({ method: 'PUT', target: '/cal/a.ics', bodyLength: 32, complete: true });
    expect(app.store.get(s.held[0]!.id)?.intercept?.outcome).toBe('continued');
  });

  it('sends the edited request, captures what was sent, and keeps the original head on the exchange', async () => {
    const put = request(app.proxyUrl, { method: 'PUT', path: '/cal/b.ics', headers: { 'Content-Type': 'text/calendar', 'X-Client': 'one' }, body: 'SUMMARY:old' });
    const { held } = await heldCount(app, 1);
    const edited = await post(app, `/api/intercept/${held[0]!.id}/continue`, { target: '/cal/c.ics', headers: [['Content-Type', 'text/calendar'], ['X-Client', 'two']], body: 'SUMMARY:new and longer' });
    expect(edited.status).toBe(200);
    expect((await put).status).toBe(200);
    await app.idle();
    const last = upstream.requests().at(-1)!;
    expect(last.target).toBe('/cal/c.ics');
    expect(last.bodyLength).toBe('SUMMARY:new and longer'.length);
    expect(last.headers.find(([n]) => n === 'X-Client')?.[1]).toBe('two');
    expect(upstream.raw(last.conn)).toContain('\r\n\r\nSUMMARY:new and longer');
    const ex = app.store.get(held[0]!.id)!;
    expect(ex.request.target).toBe('/cal/c.ics');
    expect(Buffer.from((ex.request.body as { bytes: Uint8Array }).bytes).toString()).toBe('SUMMARY:new and longer');
    expect(ex.intercept).toMatchObject({ outcome: 'edited', original: { method: 'PUT', target: '/cal/b.ics' } });
  });

  it('aborts: the client gets a 502 naming the intercept and the upstream gets nothing', async () => {
    const before = upstream.requests().length;
    const put = request(app.proxyUrl, { method: 'PUT', path: '/cal/d.ics', body: 'x' });
    const { held } = await heldCount(app, 1);
    expect((await post(app, `/api/intercept/${held[0]!.id}/abort`, {})).status).toBe(200);
    const res: RawResponse = await put;
    expect(res.status).toBe(502);
    expect(res.body.toString()).toMatch(/intercept/);
    expect(upstream.requests().length).toBe(before);
    await app.idle();
    expect(app.store.get(held[0]!.id)).toMatchObject({ error: { code: 'INTERCEPT_ABORTED' }, intercept: { outcome: 'aborted' } });
    expect((await post(app, `/api/intercept/${held[0]!.id}/continue`, {})).status).toBe(404);
  });

  it('holds a body over --max-body unread: it cannot be edited, and continues whole', async () => {
    const big = Buffer.alloc(256 * 1024, 'x');
    const put = request(app.proxyUrl, { method: 'PUT', path: '/cal/big.ics', body: big });
    const { held } = await heldCount(app, 1);
    expect(held[0]).toMatchObject({ editable: false });
    expect(held[0]!.body).toBeUndefined();
    expect((await post(app, `/api/intercept/${held[0]!.id}/continue`, { body: 'small' })).status).toBe(409);
    expect((await post(app, `/api/intercept/${held[0]!.id}/continue`, {})).status).toBe(200);
    expect((await put).status).toBe(200);
    expect(upstream.requests().at(-1)).toMatchObject({ target: '/cal/big.ics', bodyLength: big.length, complete: true });
  });

  it('lets go of a request whose client leaves while it is held', async () => {
    const req = http.request(`${app.proxyUrl}/cal/gone.ics`, { method: 'PUT', headers: { 'Content-Length': '1' } });
    req.on('error', () => {});
    req.end('x');
    const { held } = await heldCount(app, 1);
    req.destroy();
    await heldCount(app, 0);
    await app.idle();
    expect(app.store.get(held[0]!.id)?.error?.code).toBe('CLIENT_ABORTED');
  });

  it('is turned off and on from the page; a bad filter is refused with the words it knows; turning off releases what is held', async () => {
    const bad = await post(app, '/api/intercept', { enabled: true, filter: 'verb:PUT' });
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toMatch(/method:/);
    const put = request(app.proxyUrl, { method: 'PUT', path: '/cal/e.ics', body: 'x' });
    await heldCount(app, 1);
    expect((await post(app, '/api/intercept', { enabled: false })).json).toMatchObject({ enabled: false, held: [] });
    expect((await put).status).toBe(200);
    expect((await request(app.proxyUrl, { method: 'PUT', path: '/cal/f.ics', body: 'x' })).status).toBe(200);
    expect((await post(app, '/api/intercept', { enabled: true, filter: 'method:PUT' })).json).toMatchObject({ enabled: true, filter: 'method:PUT' });
  });
});

describe('a hold nobody answers', () => {
  it('continues unchanged after --intercept-timeout and says so on the exchange', async () => {
    const upstream = await startRawUpstream();
    const app = await startDavscope(options(upstream.url, { intercept: '', interceptTimeoutMs: 300 }));
    try {
      const t0 = Date.now();
      const res = await request(app.proxyUrl, { path: '/slow' });
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      await app.idle();
      const ex = app.store.rows(-Infinity, Infinity).at(-1)!;
      expect(app.store.get(ex.id)?.intercept?.outcome).toBe('timeout');
    } finally {
      await app.close();
      await upstream.close();
    }
  });
});

describe('intercept of responses', () => {
  let upstream: RawUpstream;
  let app: Davscope;
  beforeAll(async () => {
    upstream = await startRawUpstream({
      answer: (req) =>
        req.target === '/big'
          ? `HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n${'y'.repeat(4096)}`
          : 'HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: 8\r\n\r\n<a>up</a',
    });
    app = await startDavscope(options(upstream.url, { intercept: 'method:PROPFIND', interceptResponses: true }));
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  it('holds the request and then its response; the client gets the response as the page edited it, and the exchange says so', async () => {
    const answer = request(app.proxyUrl, { method: 'PROPFIND', path: '/cal/', headers: { Depth: '0' } });
    const first = await heldCount(app, 1);
    expect(first.held[0]).toMatchObject({ phase: 'request', method: 'PROPFIND' });
    await post(app, `/api/intercept/${first.held[0]!.id}/continue`, {});
    let held = (await heldCount(app, 1)).held[0]!;
    for (let i = 0; i < 200 && held.phase !== 'response'; i++) held = (await heldCount(app, 1)).held[0]!;
    expect(held).toMatchObject({ phase: 'response', status: 207, body: { encoding: 'utf8', data: '<a>up</a' }, editable: true });
    const edited = await post(app, `/api/intercept/${held.id}/continue`, { status: 507, body: '<d:error xmlns:d="DAV:"/>' });
    expect(edited.status).toBe(200);
    const res = await answer;
    expect(res.status).toBe(507);
    expect(res.body.toString()).toBe('<d:error xmlns:d="DAV:"/>');
    await app.idle();
    const ex = app.store.get(held.id)!;
    expect(ex.response?.status).toBe(507);
    expect(Buffer.from((ex.response!.body as { bytes: Uint8Array }).bytes).toString()).toBe('<d:error xmlns:d="DAV:"/>');
    expect(ex.intercept?.outcome).toBe('continued');
    expect(ex.interceptResponse).toMatchObject({ outcome: 'edited', original: { status: 207 } });
  });

  it('aborts a held response: the client gets a 502 that names the intercept', async () => {
    const answer = request(app.proxyUrl, { method: 'PROPFIND', path: '/cal/2/' });
    await post(app, `/api/intercept/${(await heldCount(app, 1)).held[0]!.id}/continue`, {});
    let held = (await heldCount(app, 1)).held[0]!;
    for (let i = 0; i < 200 && held.phase !== 'response'; i++) held = (await heldCount(app, 1)).held[0]!;
    await post(app, `/api/intercept/${held.id}/abort`, {});
    const res = await answer;
    expect(res.status).toBe(502);
    expect(res.body.toString()).toMatch(/intercept/);
    await app.idle();
    expect(app.store.get(held.id)).toMatchObject({ error: { code: 'INTERCEPT_ABORTED', phase: 'response' }, interceptResponse: { outcome: 'aborted' } });
  });

  it('relays a response over --max-body unedited and whole once continued', async () => {
    const answer = request(app.proxyUrl, { method: 'PROPFIND', path: '/big' });
    await post(app, `/api/intercept/${(await heldCount(app, 1)).held[0]!.id}/continue`, {});
    let held = (await heldCount(app, 1)).held[0]!;
    for (let i = 0; i < 200 && held.phase !== 'response'; i++) held = (await heldCount(app, 1)).held[0]!;
    expect(held.editable).toBe(false);
    expect((await post(app, `/api/intercept/${held.id}/continue`, { status: 500 })).status).toBe(409);
    await post(app, `/api/intercept/${held.id}/continue`, {});
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('y'.repeat(4096));
  });
});
