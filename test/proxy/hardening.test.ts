// Faults against the real proxy process: an upstream that speaks garbage or drops keep-alive
// sockets, clients that abort, stall or arrive a thousand at once. The proxy must answer clearly,
// capture what happened, keep serving, and leak nothing.
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { readdirSync } from 'node:fs';
import { startEchoUpstream } from '../harness/echo-upstream.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

async function tcpServer(onConnection: (socket: net.Socket, index: number) => void): Promise<{ url: string; connections: () => number }> {
  let n = 0;
  const srv = net.createServer((s) => onConnection(s, n++));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => srv.close(r)));
  return { url: `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`, connections: () => n };
}

const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

describe('an upstream that misbehaves', () => {
  it('answers 502 naming the parse error when the upstream speaks something that is not HTTP', async () => {
    const garbage = await tcpServer((s) => s.once('data', () => s.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')));
    const proxy = await startDavscopeProcess(garbage.url);
    cleanups.push(() => proxy.stop());
    const res = await request(proxy.proxyUrl, { path: '/x' });
    expect(res.status).toBe(502);
    expect(res.body.toString()).toMatch(/failed \(HPE_[A-Z_]+\)/);
    const ex = await proxy.waitForExchange((e) => e.target === '/x');
    expect(ex.error?.code).toMatch(/^HPE_/);
  });

  it('re-sends once, on a fresh socket, a request whose reused keep-alive socket the upstream had closed', async () => {
    // Each connection answers one request with keep-alive, then drops the socket at the next one:
    // the race every keep-alive client meets when a server times out an idle connection.
    const racy = await tcpServer((s) => {
      let answered = false;
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString('latin1');
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1) return;
        const length = Number(/content-length:\s*(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const body = buf.slice(end + 4, end + 4 + length);
        buf = buf.slice(end + 4 + length);
        if (answered) return void s.destroy();
        answered = true;
        const reply = `got ${body.length} bytes`;
        s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${reply.length}\r\nConnection: keep-alive\r\n\r\n${reply}`);
      });
      s.on('error', () => {});
    });
    const proxy = await startDavscopeProcess(racy.url, ['--upstream-connections', '1']);
    cleanups.push(() => proxy.stop());
    for (let i = 0; i < 10; i++) {
      const put = await request(proxy.proxyUrl, { method: 'PUT', path: `/cal/${i}.ics`, headers: { 'Content-Length': '11' }, body: 'BEGIN:VCAL\n' });
      expect(put.status, `PUT ${i}`).toBe(200);
      expect(put.body.toString()).toBe('got 11 bytes');
      const get = await request(proxy.proxyUrl, { path: `/cal/${i}.ics` });
      expect(get.status, `GET ${i}`).toBe(200);
    }
    expect(racy.connections()).toBeGreaterThanOrEqual(20);
    const list = await proxy.waitForExchanges(20);
    expect(list.every((e) => e.status === 200)).toBe(true);
  });
});

describe('clients that misbehave', () => {
  it('captures a download the client abandoned as aborted and serves the next request', async () => {
    const slow = await tcpServer((s) => {
      s.once('data', (d) => {
        if (d.toString().startsWith('GET /next')) return void s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        s.write('HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: 10000000\r\n\r\n');
        const timer = setInterval(() => s.write(Buffer.alloc(16_384, 'x')), 5);
        s.on('close', () => clearInterval(timer));
        s.on('error', () => clearInterval(timer));
      });
    });
    const proxy = await startDavscopeProcess(slow.url);
    cleanups.push(() => proxy.stop());
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: new URL(proxy.proxyUrl).port, path: '/big.ics', agent: false }, (res) => {
        res.on('error', () => {});
        let got = 0;
        res.on('data', (c: Buffer) => {
          got += c.length;
          if (got > 100_000) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', () => {});
    });
    const ex = await proxy.waitForExchange((e) => e.target === '/big.ics');
    expect(ex.error).toEqual({ code: 'CLIENT_ABORTED', phase: 'response' });
    expect((await request(proxy.proxyUrl, { path: '/next' })).body.toString()).toBe('ok');
  });

  it('closes a connection that sends no request headers within --client-timeout (slowloris)', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(upstream.url, ['--client-timeout', '1']);
    cleanups.push(() => proxy.stop());
    const { port } = new URL(proxy.proxyUrl);
    const closedAfter = (send: string) =>
      new Promise<number>((resolve) => {
        const t0 = Date.now();
        const s = net.connect(Number(port), '127.0.0.1', () => s.write(send));
        s.on('close', () => resolve(Date.now() - t0));
        s.on('error', () => {});
        s.resume();
      });
    const [silent, partial] = await Promise.all([closedAfter(''), closedAfter('PROPFIND /alice/ HTTP/1.1\r\nHost: x\r\nDep')]);
    expect(silent).toBeLessThan(5000);
    expect(partial).toBeLessThan(5000);
    expect((await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/after' })).status).toBe(207);
  });

  it('serves 1,000 concurrent requests, then holds no more sockets and not much more memory than before', async () => {
    const upstream = await startEchoUpstream();
    cleanups.push(() => upstream.close());
    const proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
    cleanups.push(() => proxy.stop());
    const pid = proxy.proc.pid!;
    await request(proxy.proxyUrl, { path: '/warm' });
    await new Promise((r) => setTimeout(r, 300));
    const fdsBefore = openFds(pid);
    const rssBefore = proxy.rssBytes();
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => request(proxy.proxyUrl, { method: 'PROPFIND', path: `/c/${i}`, headers: { Depth: '0', 'Content-Length': '4' }, body: '<x/>' }).then((r) => r.status, () => 0)),
    );
    expect(statuses.filter((s) => s !== 207)).toEqual([]);
    await proxy.waitForExchanges(1001, 30_000);
    // Free keep-alive sockets to the upstream may stay open (bounded by --upstream-connections).
    const deadline = Date.now() + 10_000;
    while (openFds(pid) > fdsBefore + 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const fdsAfter = openFds(pid);
    const rssAfter = proxy.rssBytes();
    console.log(`1,000 concurrent: fds ${fdsBefore} -> ${fdsAfter}, RSS ${(rssBefore / 2 ** 20).toFixed(1)} MB -> ${(rssAfter / 2 ** 20).toFixed(1)} MB`);
    expect(fdsAfter).toBeLessThanOrEqual(fdsBefore + 4);
    expect(rssAfter - rssBefore).toBeLessThan(64 * 2 ** 20);
  });
});
