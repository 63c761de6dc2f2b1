// The proxy process as a user runs it: console lines, --quiet, the bounded store, Ctrl-C.
import { describe, expect, it } from 'vitest';
import { startEchoUpstream } from '../harness/echo-upstream.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

async function setup(extra: string[] = []) {
  const upstream = await startEchoUpstream();
  cleanups.push(() => upstream.close());
  const proxy = await startDavscopeProcess(upstream.url, extra);
  cleanups.push(() => proxy.stop());
  return proxy;
}

describe('the davscope process', () => {
  it('prints one line per exchange with method, path, status, duration and size', async () => {
    const proxy = await setup();
    await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/alice/calendar/', headers: { Depth: '1' } });
    await proxy.waitForExchanges(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.output()).toMatch(/\d\d:\d\d:\d\d PROPFIND \/alice\/calendar\/ {2}207 Multi-Status Custom {2}\d+ ms {2}\d+ B\n/);
  });

  it('prints no exchange lines with --quiet', async () => {
    const proxy = await setup(['--quiet']);
    await request(proxy.proxyUrl, { path: '/quiet' });
    await proxy.waitForExchanges(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.output()).not.toContain('/quiet');
  });

  it('keeps only the newest --keep exchanges', async () => {
    const proxy = await setup(['--keep', '3']);
    for (let i = 1; i <= 5; i++) await request(proxy.proxyUrl, { path: `/n${i}` });
    await new Promise((r) => setTimeout(r, 200));
    const list = await proxy.exchanges();
    expect(list.map((e) => e.target)).toEqual(['/n3', '/n4', '/n5']);
  });

  it('stops cleanly on Ctrl-C (SIGINT) with exit code 0', async () => {
    const proxy = await setup();
    await request(proxy.proxyUrl, { path: '/before-stop' });
    expect(await proxy.stop()).toBe(0);
    expect(proxy.output()).toContain('davscope: stopping');
    await expect(request(proxy.proxyUrl, { path: '/after-stop' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
