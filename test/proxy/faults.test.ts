// Transport failures on either side: the client gets a plain-text 502/504 naming the cause, the
// exchange is captured with its transport error, and the proxy goes on serving.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEchoUpstream } from '../harness/echo-upstream.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('when the upstream fails', () => {
  it('answers 502 naming the upstream and ECONNREFUSED, and captures the connect error', async () => {
    const port = await freePort();
    const proxy = await startDavscopeProcess(`http://127.0.0.1:${port}`);
    cleanups.push(() => proxy.stop());
    const res = await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/alice/', headers: { Depth: '0' } });
    expect(res.status).toBe(502);
    expect(res.body.toString()).toContain(`upstream http://127.0.0.1:${port} failed (ECONNREFUSED)`);
    const [summary] = await proxy.waitForExchanges(1);
    expect(summary.error).toEqual({ code: 'ECONNREFUSED', phase: 'connect' });
    const full = await proxy.exchange(summary.id);
    expect(full.response).toBeUndefined();
    expect(full.error?.message).toMatch(/ECONNREFUSED/);
    expect(proxy.output()).toMatch(/PROPFIND \/alice\/ {2}✗ ECONNREFUSED \(connect\)/);
  });

  it('cuts the client off when the upstream resets mid-response, captures it, and serves the next request', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(upstream.url);
    cleanups.push(() => proxy.stop());
    await expect(request(proxy.proxyUrl, { path: '/reset-mid-response' })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    const [summary] = await proxy.waitForExchanges(1);
    expect(summary.error?.phase).toBe('response');
    expect((await request(proxy.proxyUrl, { path: '/after' })).status).toBe(207);
  });

  it('answers 504 when the upstream stays silent past --upstream-timeout', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(upstream.url, ['--upstream-timeout', '1']);
    cleanups.push(() => proxy.stop());
    const t0 = Date.now();
    const res = await request(proxy.proxyUrl, { path: '/stall' });
    expect(res.status).toBe(504);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.body.toString()).toMatch(/ETIMEDOUT/);
    const [summary] = await proxy.waitForExchanges(1);
    expect(summary.error?.code).toBe('ETIMEDOUT');
  });
});

describe('when the client aborts', () => {
  it('captures an upload cut mid-way as aborted and still serves the next request', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(upstream.url);
    cleanups.push(() => proxy.stop());
    const port = Number(new URL(proxy.proxyUrl).port);
    await new Promise<void>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.write('PUT /cal/half.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\nContent-Length: 1000000\r\n\r\n');
        sock.write(Buffer.alloc(50_000, 'a'), () => setTimeout(() => { sock.destroy(); resolve(); }, 50));
      });
    });
    const [summary] = await proxy.waitForExchanges(1);
    expect(summary).toMatchObject({ method: 'PUT', error: { code: 'CLIENT_ABORTED', phase: 'request' } });
    const full = await proxy.exchange(summary.id);
    expect(full.request.body).toMatchObject({ kind: 'captured', truncated: true });
    expect((await request(proxy.proxyUrl, { path: '/next' })).status).toBe(207);
  });
});

describe('https upstreams', () => {
  it('refuses a self-signed certificate with a 502 naming the reason, and accepts it with --insecure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'davscope-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const upstream = await startEchoUpstream({ key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') });
    cleanups.push(() => upstream.close());
    expect(upstream.url).toMatch(/^https:/);

    const strict = await startDavscopeProcess(upstream.url);
    cleanups.push(() => strict.stop());
    const refused = await request(strict.proxyUrl, { path: '/x' });
    expect(refused.status).toBe(502);
    expect(refused.body.toString()).toMatch(/SELF_SIGNED/);

    const insecure = await startDavscopeProcess(upstream.url, ['--insecure']);
    cleanups.push(() => insecure.stop());
    const ok = await request(insecure.proxyUrl, { method: 'PROPFIND', path: '/x' });
    expect(ok.status).toBe(207);
    expect(upstream.received.at(-1)!.url).toBe('/x');
  });
});

describe('a --target with a base path', () => {
  it('forwards request paths as sent and prints the base path as where clients start', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(`${upstream.url}/dav/`);
    cleanups.push(() => proxy.stop());
    expect(proxy.output()).toMatch(/point your CalDAV client at\s+http:\/\/127\.0\.0\.1:\d+\/dav\//);
    const res = await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/dav/calendars/' });
    expect(res.status).toBe(207);
    expect(upstream.received.at(-1)!.url).toBe('/dav/calendars/');
  });
});

it('the proxy answers a CONNECT with 405 and an explanation instead of hanging up', async () => {
  const upstream = await startEchoUpstream();
  cleanups.push(() => upstream.close());
  const proxy = await startDavscopeProcess(upstream.url);
  cleanups.push(() => proxy.stop());
  const { port } = new URL(proxy.proxyUrl);
  const status = await new Promise<number>((resolve, reject) => {
    http.request({ host: '127.0.0.1', port, method: 'CONNECT', path: 'example.org:443' }).on('connect', (res, socket) => { socket.destroy(); resolve(res.statusCode!); }).on('response', (res) => resolve(res.statusCode!)).on('error', reject).end();
  });
  expect(status).toBe(405);
});
