// POST /api/send: a request the inspector sends takes the proxy's one path (capture, analysis,
// store), reaches the upstream exactly as captured, and only ever the configured upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDavscope, type Davscope, type DavscopeOptions } from '../../proxy/server.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { request } from '../harness/net.ts';
import { assertRadicaleInstalled, startRadicale, type Radicale } from '../harness/radicale.ts';

function options(target: string, extra: Partial<DavscopeOptions> = {}): DavscopeOptions {
  return davscopeOptions(target, { analysisWorker: false, ...extra });
}

/** POSTs JSON to the inspector as its own page would (same Origin). */
async function post(app: Davscope, path: string, value: unknown, headers: Record<string, string> = {}) {
  const res = await request(app.uiUrl, {
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/json', Origin: app.uiUrl, ...headers },
    body: JSON.stringify(value),
  });
  const text = res.body.toString();
  return { status: res.status, json: header(res.rawHeaders, 'content-type')?.startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

function header(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) return raw[i + 1];
  return undefined;
}

describe('POST /api/send against a byte-exact upstream', () => {
  let upstream: RawUpstream;
  let app: Davscope;
  beforeAll(async () => {
    upstream = await startRawUpstream();
    app = await startDavscope(options(upstream.url, { uiToken: 'tok-en-123456' }));
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });
  const auth = { Authorization: 'Bearer tok-en-123456' };

  it('sends the composed request with its headers in order and its body, captured as composed', async () => {
    const before = upstream.requests().length;
    const body = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/></d:prop></d:propfind>';
    const { status, json } = await post(app, '/api/send', { method: 'PROPFIND', target: '/cal/%7Ealice/', headers: [['Depth', '0'], ['X-Zeta', 'z'], ['Content-Type', 'application/xml']], body }, auth);
    expect(status).toBe(200);
    expect(json.source).toBe('composed');
    const got = upstream.requests().slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.method).toBe('PROPFIND');
    expect(got[0]!.target).toBe('/cal/%7Ealice/');
    // Connection is hop-by-hop: the forwarder's own, as for every live request.
    expect(got[0]!.headers.map(([n]) => n).filter((n) => n !== 'Connection')).toEqual(['Host', 'Depth', 'X-Zeta', 'Content-Type', 'Content-Length']);
    expect(got[0]!.bodyLength).toBe(Buffer.byteLength(body));
    expect(upstream.raw(got[0]!.conn)).toContain(`\r\n\r\n${body}`);
    await app.idle();
    const stored = app.store.get(String(json.id))!;
    expect(stored.source).toBe('composed');
    expect(stored.request.headers.map(([n]) => n)).toEqual(['Host', 'Depth', 'X-Zeta', 'Content-Type', 'Content-Length']);
    expect(stored.response?.status).toBe(200);
  });

  it('resends an exchange linked to it, refilling a credential the page left redacted from the one in memory', async () => {
    await request(app.proxyUrl, { method: 'GET', path: '/a.ics', headers: { Authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    await app.idle();
    const original = app.store.rows(-Infinity, Infinity).at(-1)!;
    const { status, json } = await post(app, '/api/send', { method: 'GET', target: '/b.ics', headers: [['Authorization', 'Basic [redacted]']], resentFrom: original.id }, auth);
    expect(status).toBe(200);
    expect(json).toMatchObject({ source: 'resent', basedOn: original.id, target: '/b.ics' });
    const last = upstream.requests().at(-1)!;
    expect(last.headers.find(([n]) => n === 'Authorization')?.[1]).toBe('Basic YWxpY2U6c2VjcmV0');
  });

  it('asks for credentials a redacted value stands for when no exchange in memory holds them', async () => {
    const before = upstream.requests().length;
    const { status, json } = await post(app, '/api/send', { method: 'GET', target: '/x', headers: [['Authorization', 'Basic [redacted]']] }, auth);
    expect(status).toBe(422);
    expect(json.needsCredentials).toEqual(['Authorization']);
    expect(upstream.requests().length).toBe(before);
  });

  it.each([
    ['an absolute URL to another host', { method: 'GET', target: 'http://127.0.0.1:1/steal', headers: [] }, /not an open relay/],
    ['a header value with a line break', { method: 'GET', target: '/', headers: [['X-A', 'a\r\nX-B: b']] }, /line break/],
    ['a method that is not a token', { method: 'GE T', target: '/', headers: [] }, /method/],
    ['a target with a space', { method: 'GET', target: '/a b', headers: [] }, /spaces/],
  ])('refuses %s with 400 and sends nothing', async (_what, value, message) => {
    const before = upstream.requests().length;
    const { status, json } = await post(app, '/api/send', value, auth);
    expect(status).toBe(400);
    expect(String(json.error)).toMatch(message);
    expect(upstream.requests().length).toBe(before);
  });

  it('sends an absolute URL on the upstream as its path', async () => {
    const { status, json } = await post(app, '/api/send', { method: 'GET', target: `${upstream.url}/abs?x=1`, headers: [] }, auth);
    expect(status).toBe(200);
    expect(json.target).toBe('/abs?x=1');
  });

  it('refuses a page from another origin, a non-JSON body, a missing token and a foreign Host, sending nothing', async () => {
    const before = upstream.requests().length;
    const value = { method: 'GET', target: '/', headers: [] };
    expect((await post(app, '/api/send', value, { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(app, '/api/send', value, { ...auth, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(app, '/api/send', value)).status).toBe(401);
    expect((await post(app, '/api/send', value, { ...auth, Host: 'evil.example' })).status).toBe(403);
    expect(upstream.requests().length).toBe(before);
  });
});

describe('edit and resend against real Radicale', () => {
  let radicale: Radicale;
  let app: Davscope;
  beforeAll(async () => {
    assertRadicaleInstalled();
    radicale = await startRadicale({ users: { alice: 'pw' } });
    app = await startDavscope(options(radicale.url));
  });
  afterAll(async () => {
    await app?.close();
    await radicale?.stop();
  });

  it("offers the composer's templates filled from the session; its PUT create sent twice gives 201, then 412", async () => {
    const auth = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    const mk = '<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"/>';
    expect((await request(app.proxyUrl, { method: 'MKCALENDAR', path: '/alice/home-cal/', headers: { Authorization: auth }, body: mk })).status).toBe(201);
    await app.idle();
    const templates = JSON.parse((await request(app.uiUrl, { path: '/api/compose' })).body.toString()) as { id: string; method: string; target: string; headers: [string, string][]; body: string; needs?: string }[];
    const create = templates.find((t) => t.id === 'put-create')!;
    expect(create.needs).toBeUndefined();
    expect(create.target).toMatch(/^\/alice\/home-cal\/.+\.ics$/);
    const send = { method: create.method, target: create.target, headers: [...create.headers, ['Authorization', auth]], body: create.body };
    const first = await post(app, '/api/send', send);
    const second = await post(app, '/api/send', send);
    expect([first.json.status, second.json.status]).toEqual([201, 412]);
    expect(first.json.source).toBe('composed');
  });

  it('turns a 409 MKCALENDAR, edited to a fresh URL and resent, into a 201 linked to it', async () => {
    const auth = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    const body = '<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>';
    // The calendar exists already: Radicale answers the second MKCALENDAR 409 resource-must-be-null.
    expect((await request(radicale.url, { method: 'MKCALENDAR', path: '/alice/work/', headers: { Authorization: auth, 'Content-Type': 'application/xml' }, body })).status).toBe(201);
    const failed = await request(app.proxyUrl, { method: 'MKCALENDAR', path: '/alice/work/', headers: { Authorization: auth, 'Content-Type': 'application/xml' }, body });
    expect(failed.status).toBe(409);
    await app.idle();
    const original = app.store.rows(-Infinity, Infinity).at(-1)!;
    const ex = app.store.get(original.id)!;
    const headers = ex.request.headers.map(([n, v]) => [n, v]);
    const { status, json } = await post(app, '/api/send', { method: 'MKCALENDAR', target: '/alice/work-2/', headers, body, resentFrom: original.id });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 201, source: 'resent', basedOn: original.id });
    const check = await request(radicale.url, { method: 'PROPFIND', path: '/alice/work-2/', headers: { Authorization: auth, Depth: '0' } });
    expect(check.status).toBe(207);
    expect(check.body.toString()).toContain('Work');
  });
});
