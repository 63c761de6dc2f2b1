// --ui-token against the real davscope process: without the token the page, the API and the
// WebSocket answer 401; with it (Bearer header, the start-up URL's ?token=, then the HttpOnly
// cookie it leaves) everything works, the real page in Chromium included; the token is printed
// once, in the inspector URL, and nowhere else. Binding the inspector elsewhere than loopback warns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH, type ServerMessage } from '../../rules/model/protocol.ts';
import { readFileSync } from 'node:fs';
import { startDavscopeProcess, BIN, type DavscopeProcess } from '../harness/davscope-process.ts';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { ensureUiBuilt, launchChromium, artifactPath } from '../harness/chromium.ts';

const TOKEN = 'tok-3f9a1c07e25b48d6a1f0';
let upstream: EchoUpstream;
let d: DavscopeProcess;

beforeAll(async () => {
  await ensureUiBuilt();
  upstream = await startEchoUpstream();
  d = await startDavscopeProcess(upstream.url, ['--ui-token', TOKEN]);
});
afterAll(async () => {
  await d?.stop();
  await upstream?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => request(d.uiUrl, { path, headers });
const cookieName = () => `davscope-token-${new URL(d.uiUrl).port}`;

/** Opens the inspector WebSocket with these headers; resolves "open" or the handshake's status. */
function handshake(headers: Record<string, string>, query = ''): Promise<{ result: string; first?: ServerMessage }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(d.uiUrl.replace('http:', 'ws:') + WS_PATH + query, { origin: d.uiUrl, headers });
    ws.once('message', (data) => {
      resolve({ result: 'open', first: JSON.parse(data.toString()) as ServerMessage });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ result: String(res.statusCode) });
      ws.terminate();
    });
    ws.once('error', (err) => resolve({ result: `error ${err.message}` }));
  });
}

describe('davscope --ui-token', () => {
  it('prints the inspector URL with the token, and the token nowhere else', async () => {
    expect(d.output()).toContain(`inspect the traffic at       ${d.uiUrl}/?token=${TOKEN}\n`);
    expect(d.output().split(TOKEN)).toHaveLength(2);
    expect(d.stderr()).not.toContain(TOKEN);
  });

  it('answers 401 to the API, the page, its assets and the WebSocket without the token, or with a wrong one', async () => {
    for (const path of ['/api/health', '/api/exchanges', '/', '/index.html', '/favicon.svg', '/?token=wrong-token-123', '/api/health?token=wrong-token-123']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.toString()).toContain('--ui-token');
      expect(res.body.toString()).not.toContain(TOKEN);
    }
    expect((await get('/api/health', { Authorization: 'Bearer wrong-token-123' })).status).toBe(401);
    expect((await get('/api/health', { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` })).status).toBe(401);
    expect((await get('/', { Cookie: `${cookieName()}=wrong-token-123` })).status).toBe(401);
    // A cookie for another davscope (another port) does not open this one.
    expect((await get('/', { Cookie: `davscope-token-1=${TOKEN}` })).status).toBe(401);
    expect((await handshake({})).result).toBe('401');
    expect((await handshake({ Authorization: 'Bearer wrong-token-123' })).result).toBe('401');
    expect((await handshake({}, '?token=wrong-token-123')).result).toBe('401');
  });

  it('serves the API to a Bearer token and the WebSocket to the header, the cookie or the query', async () => {
    await request(d.proxyUrl, { path: '/tokened', method: 'PROPFIND' });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const health = await get('/api/health', auth);
    expect(health.status).toBe(200);
    for (let i = 0; i < 200; i++) {
      const list = JSON.parse((await get('/api/exchanges', auth)).body.toString()) as { id: string; target: string }[];
      if (list.some((e) => e.target === '/tokened')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const list = JSON.parse((await get('/api/exchanges', auth)).body.toString()) as { id: string; target: string }[];
    const ex = list.find((e) => e.target === '/tokened')!;
    expect((await get(`/api/exchanges/${ex.id}`, auth)).status).toBe(200);
    expect((await get(`/api/exchanges/${ex.id}?token=${TOKEN}`)).status).toBe(200);
    for (const [headers, query] of [[auth, ''], [{ Cookie: `other=1; ${cookieName()}=${TOKEN}` }, ''], [{}, `?token=${TOKEN}`]] as const) {
      const { result, first } = await handshake(headers, query);
      expect(result).toBe('open');
      expect(first?.type).toBe('snapshot');
      expect(JSON.stringify(first)).not.toContain(TOKEN);
    }
  });

  it('trades the URL token for an HttpOnly, SameSite=Strict cookie and a redirect that drops it from the address', async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.status).toBe(303);
    const headers = Object.fromEntries(res.rawHeaders.flatMap((v, i) => (i % 2 === 0 ? [[v.toLowerCase(), res.rawHeaders[i + 1]!]] : [])));
    expect(headers.location).toBe('/');
    expect(headers['set-cookie']).toBe(`${cookieName()}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await get('/', { Cookie: `${cookieName()}=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<ds-app');
  });

  it('runs the real page in Chromium from the printed URL: live rows, details from the API, no token in the page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(err.message));
      page.on('console', (msg) => void (msg.type() === 'error' && problems.push(msg.text())));
      const printed = /inspect the traffic at\s+(\S+)/.exec(d.output())![1]!;
      await page.goto(printed);
      expect(page.url()).toBe(`${d.uiUrl}/`);
      await expect.poll(() => page.locator('header .conn').textContent()).toContain('live');
      const marker = 'body-only-the-api-serves-7c1e';
      expect((await request(d.proxyUrl, { path: '/in-chromium', method: 'PROPPATCH', headers: { 'Content-Type': 'application/xml' }, body: `<x>${marker}</x>` })).status).toBe(207);
      const row = page.locator('ds-exchange-list .row', { has: page.locator('.path', { hasText: '/in-chromium' }) });
      await row.waitFor();
      await row.click();
      await expect.poll(() => page.locator('ds-exchange-detail').evaluate((el) => {
        const walk = (n: Node): string => (n.nodeType === Node.TEXT_NODE ? (n.textContent ?? '') : [...((n as Element).shadowRoot ?? n).childNodes].map(walk).join(''));
        return walk(el);
      }), { timeout: 15_000 }).toContain(marker);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      expect(await page.content()).not.toContain(TOKEN);
      await page.screenshot({ path: artifactPath('inspector-ui-token.png') });
      expect(problems).toEqual([]);

      // A browser without the cookie gets the 401 page, not the inspector.
      const other = await launchChromium();
      try {
        const p2 = await other.context.newPage();
        const res = await p2.goto(`${d.uiUrl}/`);
        expect(res?.status()).toBe(401);
        expect(await p2.locator('body').textContent()).toContain('--ui-token');
      } finally {
        await other.close();
      }
    } finally {
      await browser.close();
    }
  });
});

describe('exposing the inspector', () => {
  it('warns when the inspector listens beyond loopback and suggests --ui-token', async () => {
    const exposed = await startDavscopeProcess(upstream.url, ['--ui-host', '0.0.0.0']);
    try {
      // The warning follows the start-up lines on stdout.
      await expect.poll(() => exposed.stderr()).toContain('warning');
      expect(exposed.stderr()).toMatch(/warning: the inspector listens on 0\.0\.0\.0: anyone who can reach it sees the captured traffic, credentials included; protect it with --ui-token TOKEN/);
    } finally {
      await exposed.stop();
    }
    const guarded = await startDavscopeProcess(upstream.url, ['--ui-host', '0.0.0.0', '--ui-token', TOKEN]);
    try {
      await expect.poll(() => guarded.stderr()).toContain('protected by --ui-token but over plain HTTP');
      expect(guarded.stderr()).not.toContain(TOKEN);
      expect((await request(guarded.uiUrl.replace('0.0.0.0', '127.0.0.1'), { path: '/api/health' })).status).toBe(401);
    } finally {
      await guarded.stop();
    }
  });

  it('takes the token from DAVSCOPE_UI_TOKEN, keeping it out of the process list', async () => {
    const fromEnv = await startDavscopeProcess(upstream.url, [], { env: { DAVSCOPE_UI_TOKEN: TOKEN } });
    try {
      expect(readFileSync(`/proc/${fromEnv.proc.pid}/cmdline`, 'utf8')).not.toContain(TOKEN);
      expect((await request(`${fromEnv.uiUrl}/api/health`)).status).toBe(401);
      expect((await request(`${fromEnv.uiUrl}/api/health`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await fromEnv.stop();
    }
  });

  it('refuses a token that is too short or would need escaping, with the usage', async () => {
    for (const bad of ['short', 'has space in it', 'semi;colon=value']) {
      const res = await run(process.execPath, [BIN, '--target', upstream.url, '--ui-token', bad]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('--ui-token wants 8 to 256 characters');
    }
  });
});
