// A page on another origin, in real Chromium, tries every way a browser lets it POST to the
// inspector's writable API (fetch with JSON, a no-cors fetch, a form, a beacon): davscope sends
// nothing to the upstream and changes no intercept setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { launchChromium, type Browser } from '../harness/chromium.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { request } from '../harness/net.ts';

let upstream: RawUpstream;
let app: Davscope;
let browser: Browser;
let evil: http.Server;
let evilUrl: string;

/** The attacking page: fires each kind of cross-origin POST at the inspector, then says done. */
function attackPage(ui: string): string {
  const send = JSON.stringify({ method: 'DELETE', target: '/alice/calendar/', headers: [] });
  const toggle = JSON.stringify({ enabled: true, filter: '' });
  return `<!doctype html><title>evil</title><body><iframe name="sink"></iframe>
<form id="f" method="POST" action="${ui}/api/send" enctype="text/plain" target="sink"><input name='${send.slice(0, -1)}, "x": "' value='"}'></form>
<script>
(async () => {
  const results = [];
  const attempt = async (what, p) => { try { const r = await p; results.push(what + ':' + (r && r.status)); } catch (e) { results.push(what + ':blocked'); } };
  await attempt('fetch-json', fetch('${ui}/api/send', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(send)} }));
  await attempt('fetch-no-cors', fetch('${ui}/api/send', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(send)} }));
  await attempt('toggle-no-cors', fetch('${ui}/api/intercept', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(toggle)} }));
  navigator.sendBeacon('${ui}/api/send', new Blob([${JSON.stringify(send)}], { type: 'text/plain' }));
  document.getElementById('f').submit();
  await new Promise((r) => setTimeout(r, 500));
  document.title = 'done ' + results.join(' ');
})();
</script></body>`;
}

beforeAll(async () => {
  upstream = await startRawUpstream();
  app = await startDavscope(davscopeOptions(upstream.url));
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(attackPage(app.uiUrl));
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => evil?.close(r));
  await app?.close();
  await upstream?.close();
});

describe('the writable API from another origin', () => {
  it('sends nothing upstream and leaves intercept off, whatever kind of POST the page makes', async () => {
    const page = await browser.context.newPage();
    await page.goto(evilUrl);
    await page.waitForFunction(() => document.title.startsWith('done'), undefined, { timeout: 20_000 });
    const title = await page.title();
    // The JSON fetch dies at the preflight; the no-cors ones reach davscope and are refused (opaque to the page).
    expect(title).toContain('fetch-json:blocked');
    expect(upstream.requests()).toEqual([]);
    const state = JSON.parse((await request(app.uiUrl, { path: '/api/intercept' })).body.toString()) as { enabled: boolean };
    expect(state.enabled).toBe(false);
    // The same request from the inspector's own origin does go through: the refusals above were the checks at work.
    const own = await request(app.uiUrl, { method: 'POST', path: '/api/send', headers: { 'Content-Type': 'application/json', Origin: app.uiUrl }, body: JSON.stringify({ method: 'GET', target: '/ok', headers: [] }) });
    expect(own.status).toBe(200);
    expect(upstream.requests().map((r) => r.target)).toEqual(['/ok']);
  });
});
