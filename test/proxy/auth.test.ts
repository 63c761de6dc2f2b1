// Basic authentication passes through untouched: Radicale's 401 challenge reaches the client as
// it would directly, and the client's credentials reach Radicale unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request, type RawResponse } from '../harness/net.ts';

let radicale: Radicale;
let proxy: DavscopeProcess;

beforeAll(async () => {
  radicale = await startRadicale({ users: { alice: 'secret' } });
  proxy = await startDavscopeProcess(radicale.url);
});
afterAll(async () => {
  await proxy?.stop();
  await radicale?.stop();
});

const basic = (user: string, pw: string) => 'Basic ' + Buffer.from(`${user}:${pw}`).toString('base64');
const header = (res: RawResponse, name: string) => {
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() === name) return res.rawHeaders[i + 1];
  return undefined;
};

describe('Basic auth through davscope', () => {
  it('relays the 401 challenge exactly as Radicale sends it', async () => {
    const direct = await request(`${radicale.url}/alice/`, { method: 'PROPFIND', headers: { Depth: '0' } });
    const proxied = await request(`${proxy.proxyUrl}/alice/`, { method: 'PROPFIND', headers: { Depth: '0' } });
    expect(direct.status).toBe(401);
    expect(proxied.status).toBe(401);
    expect(header(proxied, 'www-authenticate')).toBe(header(direct, 'www-authenticate'));
    expect(header(proxied, 'www-authenticate')).toMatch(/^Basic realm=/);
    expect(proxied.body.toString()).toBe(direct.body.toString());
  });

  it('lets the credentials through: right password 207, wrong password 401', async () => {
    const ok = await request(`${proxy.proxyUrl}/alice/`, { method: 'PROPFIND', headers: { Depth: '0', Authorization: basic('alice', 'secret') } });
    expect(ok.status).toBe(207);
    expect(ok.body.toString()).toContain('<href>/alice/</href>');
    const wrong = await request(`${proxy.proxyUrl}/alice/`, { method: 'PROPFIND', headers: { Depth: '0', Authorization: basic('alice', 'nope') } });
    expect(wrong.status).toBe(401);
    const captured = await proxy.waitForExchanges(3);
    expect(captured.map((c) => c.status).slice(-3)).toEqual([401, 207, 401]);
  });

  it('never prints credentials on the console', async () => {
    await proxy.waitForExchanges(3);
    expect(proxy.output()).not.toContain(Buffer.from('alice:secret').toString('base64'));
    expect(proxy.output()).not.toContain('secret');
  });
});
