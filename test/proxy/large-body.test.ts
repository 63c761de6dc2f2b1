// A 200 MB body each way through the real proxy process: identical bytes, bounded memory, and a
// capture truncated at the cap that still knows the true size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';

const MB = 1024 * 1024;
const SIZE = 200 * MB;
let upstream: EchoUpstream;
let proxy: DavscopeProcess;

beforeAll(async () => {
  upstream = await startEchoUpstream();
  proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
});
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

/** Samples the proxy's RSS every 20 ms while fn runs; returns the peak. */
async function peakRss<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let peak = proxy.rssBytes();
  const timer = setInterval(() => (peak = Math.max(peak, proxy.rssBytes())), 20);
  try {
    return [await fn(), peak];
  } finally {
    clearInterval(timer);
  }
}

function putStream(path: string): Promise<{ sha: string; status: number }> {
  const block = randomBytes(MB);
  const hash = createHash('sha256');
  const { port } = new URL(proxy.proxyUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path, headers: { 'Content-Length': String(SIZE), 'Content-Type': 'application/octet-stream' }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ sha: hash.digest('hex'), status: res.statusCode! }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < SIZE) {
        block[0] = sent / MB; // every block differs, so a reordered or repeated block changes the hash
        const chunk = Buffer.from(block);
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function getSha(path: string): Promise<{ sha: string; size: number }> {
  const { port } = new URL(proxy.proxyUrl);
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const hash = createHash('sha256');
      let size = 0;
      res.on('data', (c: Buffer) => { hash.update(c); size += c.length; });
      res.on('end', () => resolve({ sha: hash.digest('hex'), size }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('a 200 MB body through the proxy', () => {
  it('arrives byte-identical both ways while the proxy RSS grows by less than half the body', async () => {
    await request(proxy.proxyUrl, { path: '/warm-up' });
    const baseline = proxy.rssBytes();

    const [put, putPeak] = await peakRss(() => putStream('/blob/big.bin'));
    expect(put.status).toBe(201);
    const stored = upstream.received.find((r) => r.url === '/blob/big.bin')!;
    expect(stored.bodyLength).toBe(SIZE);
    expect(stored.bodySha256).toBe(put.sha);

    const [got, getPeak] = await peakRss(() => getSha('/blob/big.bin'));
    expect(got.size).toBe(SIZE);
    expect(got.sha).toBe(put.sha);

    const growth = Math.max(putPeak, getPeak) - baseline;
    console.log(`proxy RSS: baseline ${(baseline / MB).toFixed(1)} MB, peak on PUT ${(putPeak / MB).toFixed(1)} MB, on GET ${(getPeak / MB).toFixed(1)} MB, growth ${(growth / MB).toFixed(1)} MB`);
    // Buffering the body would cost its 200 MB; streaming costs the capture cap, socket buffers and
    // heap (~55 MB seen alone, 65 MB on a loaded machine), so the bound is set well clear of both.
    expect(growth).toBeLessThan(SIZE / 2);

    const list = await proxy.waitForExchanges(3);
    const putEx = await proxy.exchange(list.find((e) => e.method === 'PUT')!.id);
    expect(putEx.request.body).toMatchObject({ kind: 'captured', size: SIZE, truncated: true });
    expect(putEx.request.body.kind === 'captured' && putEx.request.body.encoding).toBe('base64');
    const getEx = await proxy.exchange(list.find((e) => e.method === 'GET' && e.target === '/blob/big.bin')!.id);
    expect(getEx.response?.body).toMatchObject({ kind: 'captured', size: SIZE, truncated: true });
  });
});
