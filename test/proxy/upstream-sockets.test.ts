// The bound on upstream sockets: by default (auto) low while the upstream closes connections after
// each response (every request a new connect, which servers like Radicale refuse past ~8), high
// once it keeps them alive; a number fixes it. Measured at the upstream: requests it holds at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { getJson, request } from '../harness/net.ts';
import { useCleanups } from '../harness/cleanups.ts';

interface CountingUpstream {
  readonly url: string;
  readonly maxInFlight: () => number;
  reset(): void;
  close(): Promise<void>;
}

/** Answers every request after 40 ms, with Connection: close if asked; counts requests held at once. */
async function countingUpstream(closeEach: boolean): Promise<CountingUpstream> {
  let now = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    max = Math.max(max, ++now);
    req.resume();
    setTimeout(() => {
      now--;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2', ...(closeEach ? { Connection: 'close' } : {}) });
      res.end('ok');
    }, 40);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxInFlight: () => max,
    reset: () => void (max = 0),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const cleanups = useCleanups();

async function setUp(closeEach: boolean, extra: string[] = []): Promise<{ up: CountingUpstream; ds: DavscopeProcess }> {
  const up = await countingUpstream(closeEach);
  cleanups.push(() => up.close());
  const ds = await startDavscopeProcess(up.url, ['--quiet', ...extra]);
  cleanups.push(() => ds.stop());
  return { up, ds };
}

/** 20 requests one after the other (the auto bound learns), then 16 at once. */
async function load(ds: DavscopeProcess, up: CountingUpstream): Promise<number> {
  for (let i = 0; i < 20; i++) expect((await request(`${ds.proxyUrl}/warm/${i}`)).status).toBe(200);
  up.reset();
  const statuses = await Promise.all(Array.from({ length: 16 }, (_, i) => request(`${ds.proxyUrl}/burst/${i}`).then((r) => r.status)));
  expect(statuses.every((s) => s === 200)).toBe(true);
  return up.maxInFlight();
}

const bound = async (ds: DavscopeProcess) => (await getJson<{ upstreamConnections: { setting: unknown; bound: number } }>(`${ds.uiUrl}/api/health`)).upstreamConnections;

describe('upstream sockets', () => {
  it('auto: a keep-alive upstream gets the clients\' parallelism', async () => {
    const { up, ds } = await setUp(false);
    expect(await bound(ds)).toEqual({ setting: 'auto', bound: 4 });
    expect(await load(ds, up)).toBeGreaterThan(8);
    expect(await bound(ds)).toEqual({ setting: 'auto', bound: 32 });
  });

  it('auto: an upstream that closes each connection gets at most 4 at once', async () => {
    const { up, ds } = await setUp(true);
    expect(await load(ds, up)).toBeLessThanOrEqual(4);
    expect(await bound(ds)).toEqual({ setting: 'auto', bound: 4 });
  });

  it('a number fixes the bound, whatever the upstream does', async () => {
    const { up, ds } = await setUp(false, ['--upstream-connections', '2']);
    expect(await load(ds, up)).toBe(2);
    expect(await bound(ds)).toEqual({ setting: 2, bound: 2 });
  });
});

describe('upstream sockets against Radicale', () => {
  it('auto keeps the low bound: Radicale closes the connection after each response', async () => {
    const { startRadicale } = await import('../harness/radicale.ts');
    const radicale = await startRadicale();
    cleanups.push(() => radicale.stop());
    const ds = await startDavscopeProcess(radicale.url, ['--quiet']);
    cleanups.push(() => ds.stop());
    for (let i = 0; i < 24; i++) expect((await request(`${ds.proxyUrl}/`, { method: 'PROPFIND', headers: { Depth: '0' } })).status).toBe(207);
    expect(await bound(ds)).toEqual({ setting: 'auto', bound: 4 });
  });
});
