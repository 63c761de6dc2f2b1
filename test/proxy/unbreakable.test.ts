// The forwarding invariants of "nothing a client or an upstream sends may end the process or slip
// past the capture": each case here was a crash, a smuggled request or a blocked pool before.
// The wide corpora (smuggling.test.ts, malformed-upstream.test.ts) check the same invariants
// over many payloads; these name one fault each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { BIN, startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startRawUpstream } from '../harness/raw-upstream.ts';

/** Sends raw bytes on a fresh connection; resolves with everything read until the proxy closes it or goes quiet. */
function raw(url: string, bytes: string, quietMs = 1500): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let got = '';
    const s = net.connect(Number(port), '127.0.0.1', () => s.write(bytes));
    let timer = setTimeout(() => s.destroy(), quietMs);
    s.on('data', (d) => {
      got += d.toString('latin1');
      clearTimeout(timer);
      timer = setTimeout(() => s.destroy(), quietMs);
    });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('requests davscope must refuse rather than forward ambiguously', () => {
  let upstream: EchoUpstream;
  let proxy: DavscopeProcess;
  beforeAll(async () => {
    upstream = await startEchoUpstream();
    proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.close();
  });

  it('answers 400 to two Host headers, captures it, forwards nothing and stays up (it crashed)', async () => {
    const answer = await raw(proxy.proxyUrl, 'GET /two-hosts HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toMatch(/Host header lines; RFC 9112/);
    const ex = await proxy.waitForExchange((e) => e.target === '/two-hosts');
    expect(ex.error?.code).toBe('DUPLICATE_HOST');
    expect(upstream.received.some((r) => r.url === '/two-hosts')).toBe(false);
    expect((await request(proxy.proxyUrl, { path: '/after-two-hosts' })).status).toBe(207);
  });

  it('keeps Content-Length when Connection names it, so a GET body cannot smuggle a second request', async () => {
    const smuggled = 'GET /SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n';
    const answer = await raw(proxy.proxyUrl, `GET /conn-cl HTTP/1.1\r\nHost: h\r\nConnection: content-length\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`);
    expect(statusOf(answer)).toBe(207);
    await proxy.waitForExchange((e) => e.target === '/conn-cl');
    const got = upstream.received.find((r) => r.url === '/conn-cl');
    expect(got?.bodyLength).toBe(smuggled.length);
    expect(upstream.received.some((r) => r.url === '/SMUGGLED')).toBe(false);
  });

  it('sends the upstream its Host even when Connection names Host, or an HTTP/1.0 client sent none', async () => {
    await raw(proxy.proxyUrl, 'GET /conn-host HTTP/1.1\r\nHost: h\r\nConnection: host\r\n\r\n');
    await raw(proxy.proxyUrl, 'GET /http10-no-host HTTP/1.0\r\n\r\n');
    const host = new URL(upstream.url).host;
    for (const path of ['/conn-host', '/http10-no-host']) {
      const got = upstream.received.find((r) => r.url === path);
      const hosts = got!.rawHeaders.filter((_, i) => i % 2 === 0 && got!.rawHeaders[i].toLowerCase() === 'host').length;
      expect(hosts, path).toBe(1);
      expect(got!.rawHeaders[got!.rawHeaders.findIndex((h) => h.toLowerCase() === 'host') + 1], path).toBe(host);
    }
  });

  it('answers 431 to more header lines than it keeps, never forwarding a request framed by a header it did not see', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => `a${i}: b\r\n`).join('');
    const answer = await raw(proxy.proxyUrl, `POST /many-headers HTTP/1.1\r\nHost: h\r\n${many}Content-Length: 5\r\n\r\nhello`);
    expect(statusOf(answer)).toBe(431);
    const ex = await proxy.waitForExchange((e) => e.target === '/many-headers');
    expect(ex.error?.code).toBe('TOO_MANY_HEADERS');
    expect(upstream.received.some((r) => r.url === '/many-headers')).toBe(false);
  });

  it('answers 501 to a transfer-coding other than chunked (it would reach the upstream undone)', async () => {
    const answer = await raw(proxy.proxyUrl, 'POST /gzip-chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
    expect(statusOf(answer)).toBe(501);
    expect((await proxy.waitForExchange((e) => e.target === '/gzip-chunked')).error?.code).toBe('UNSUPPORTED_TRANSFER_CODING');
    expect(upstream.received.some((r) => r.url === '/gzip-chunked')).toBe(false);
  });

  it('says why when Node rejects a request before davscope sees it', async () => {
    const answer = await raw(proxy.proxyUrl, 'GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toMatch(/X-Davscope-Error: HPE_/);
    expect(answer).toMatch(/not valid HTTP\/1\.1/);
  });
});

describe('an upstream that answers what HTTP does not allow', () => {
  // A raw upstream (its own parser, not Node's) that answers each request with the bytes given.
  const scripted = (answer: (target: string) => string) => startRawUpstream({ answer: (req) => answer(req.target) });

  it('answers 502 to an upstream status outside 100-599 and stays up (000 and 099 crashed it)', async () => {
    const up = await scripted((t) => (t === '/ok' ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' : `HTTP/1.1 ${t.slice(1)} Odd\r\nContent-Length: 0\r\n\r\n`));
    const proxy = await startDavscopeProcess(up.url, ['--quiet']);
    try {
      for (const status of ['000', '099', '600', '999']) {
        const res = await request(proxy.proxyUrl, { path: `/${status}` });
        expect(res.status, status).toBe(502);
        expect(res.body.toString(), status).toMatch(new RegExp(`status ${status}, outside 100-599`));
        const ex = await proxy.waitForExchange((e) => e.target === `/${status}`);
        expect(ex.error?.code).toBe('BAD_UPSTREAM_STATUS');
      }
      expect((await request(proxy.proxyUrl, { path: '/ok' })).body.toString()).toBe('ok');
    } finally {
      await proxy.stop();
      await up.close();
    }
  });

  it('relays a 204, a 304 and a HEAD answer bodiless even when the upstream sent body bytes, and the next exchange is the upstream\'s own', async () => {
    const up = await scripted((t) => {
      if (t === '/204') return 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello';
      if (t === '/304') return 'HTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nspoofed';
      if (t === '/head') return 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
      return `HTTP/1.1 200 OK\r\nContent-Length: ${t.length}\r\n\r\n${t}`;
    });
    const proxy = await startDavscopeProcess(up.url, ['--quiet', '--upstream-connections', '1']);
    try {
      for (const [method, path, status] of [['GET', '/204', 204], ['GET', '/304', 304], ['HEAD', '/head', 200]] as const) {
        const res = await request(proxy.proxyUrl, { method, path });
        expect(res.status, path).toBe(status);
        expect(res.body.length, path).toBe(0);
        // The stray bytes must not become the answer to the next request on that upstream socket.
        const next = await request(proxy.proxyUrl, { path: `/after${path}` });
        expect(next.body.toString(), path).toBe(`/after${path}`);
      }
      await proxy.waitForExchanges(6);
      expect(proxy.proc.exitCode).toBe(null);
    } finally {
      await proxy.stop();
      await up.close();
    }
  });

  it('answers 502 to a 101 the client did not ask for, at once rather than after the upstream timeout', async () => {
    const up = await scripted(() => 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n');
    const proxy = await startDavscopeProcess(up.url, ['--quiet', '--upstream-timeout', '30']);
    try {
      const t0 = Date.now();
      const res = await request(proxy.proxyUrl, { path: '/upgrade' });
      expect(res.status).toBe(502);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect((await proxy.waitForExchange((e) => e.target === '/upgrade')).error?.code).toBe('UNEXPECTED_UPGRADE');
    } finally {
      await proxy.stop();
      await up.close();
    }
  });
});

describe('clients that stall', () => {
  /** Opens an upload that sends its headers and part of its body, then nothing. */
  function stall(url: string, path: string, length: number, sent: number): net.Socket {
    const { port } = new URL(url);
    const s = net.connect(Number(port), '127.0.0.1', () => {
      s.write(`PUT ${path} HTTP/1.1\r\nHost: h\r\nContent-Type: text/calendar\r\nContent-Length: ${length}\r\n\r\n${'x'.repeat(sent)}`);
    });
    s.on('error', () => {});
    return s;
  }

  it('serves another client promptly while as many uploads as the pool holds stall (a fixed bound of 4)', async () => {
    const upstream = await startEchoUpstream();
    const proxy = await startDavscopeProcess(upstream.url, ['--quiet', '--upstream-connections', '4']);
    const stalled = Array.from({ length: 8 }, (_, i) => stall(proxy.proxyUrl, `/stalled/${i}.ics`, 1000, 10));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      const res = await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/served', headers: { Depth: '0' } });
      expect(res.status).toBe(207);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      stalled.forEach((s) => s.destroy());
      await proxy.stop();
      await upstream.close();
    }
  });

  it('serves another client while uploads stall against real Radicale (auto bound: 4 sockets)', async () => {
    let radicale: Radicale | undefined;
    radicale = await startRadicale();
    const proxy = await startDavscopeProcess(radicale.url, ['--quiet']);
    const stalled = Array.from({ length: 6 }, (_, i) => stall(proxy.proxyUrl, `/u/cal/${i}.ics`, 500, 20));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      const res = await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/', headers: { Depth: '0' } });
      expect(res.status).toBe(207);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      stalled.forEach((s) => s.destroy());
      await proxy.stop();
      await radicale.stop();
    }
  });

  it('answers 408 to an upload larger than the read-ahead bound that stops sending, and frees its upstream socket', async () => {
    const upstream = await startEchoUpstream();
    const proxy = await startDavscopeProcess(upstream.url, ['--quiet', '--upstream-connections', '1', '--client-timeout', '1']);
    try {
      const { port } = new URL(proxy.proxyUrl);
      const answer = await new Promise<string>((resolve) => {
        let got = '';
        const s = net.connect(Number(port), '127.0.0.1', () => {
          s.write(`PUT /blob/big HTTP/1.1\r\nHost: h\r\nContent-Length: ${4 << 20}\r\n\r\n`);
          s.write(Buffer.alloc(2 << 20, 'x'));
        });
        s.on('data', (d) => (got += d.toString('latin1')));
        s.on('error', () => {});
        s.on('close', () => resolve(got));
      });
      expect(statusOf(answer)).toBe(408);
      expect((await proxy.waitForExchange((e) => e.target === '/blob/big')).error?.code).toBe('CLIENT_TIMEOUT');
      // The one upstream socket is free again.
      expect((await request(proxy.proxyUrl, { path: '/after-408' })).status).toBe(207);
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
});

describe('a closed stdout', () => {
  it('stops console lines and nothing else (davscope ... | head -3 killed it)', async () => {
    const upstream = await startEchoUpstream();
    const proc = spawn(process.execPath, [BIN, '--target', upstream.url, '--port', '0', '--ui-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    try {
      let out = '';
      const proxyUrl = await new Promise<string>((resolve, reject) => {
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /point your CalDAV client at\s+(http:\/\/[\d.:]+)/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      // What `head` does once it has its lines: close the read end of the pipe.
      proc.stdout!.destroy();
      for (let i = 0; i < 20; i++) expect((await request(proxyUrl, { path: `/line/${i}` })).status).toBe(207);
      await new Promise((r) => setTimeout(r, 200));
      expect(proc.exitCode).toBe(null);
      expect((await request(proxyUrl, { path: '/still-up' })).status).toBe(207);
    } finally {
      proc.kill('SIGKILL');
      await upstream.close();
    }
  });
});

describe('an inspector request the API cannot read', () => {
  it('answers 400 to a bad escape or an unparsable target and stays up (a URIError ended the process)', async () => {
    const upstream = await startEchoUpstream();
    const proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
    try {
      const { host } = new URL(proxy.uiUrl);
      for (const target of ['/api/exchanges/%', '/api/exchanges/%E0%A4%A', 'http://[::1/api/health', '/%']) {
        const answer = await raw(proxy.uiUrl, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        expect([400, 404], target).toContain(statusOf(answer));
      }
      expect((await request(`${proxy.uiUrl}/api/health`)).status).toBe(200);
      expect(proxy.proc.exitCode).toBe(null);
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
});

describe('request lines of another HTTP version', () => {
  it('answers 505 to HTTP/2.0 and HTTP/0.9 request lines instead of forwarding them as HTTP/1.1', async () => {
    const upstream = await startEchoUpstream();
    const proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
    try {
      const h2 = await raw(proxy.proxyUrl, 'GET /h2-line HTTP/2.0\r\nHost: h\r\n\r\n');
      expect(statusOf(h2)).toBe(505);
      const h09 = await raw(proxy.proxyUrl, 'GET /h09-line\r\n\r\n');
      expect(statusOf(h09)).toBe(505);
      expect(upstream.received.some((r) => r.url.startsWith('/h2-line') || r.url.startsWith('/h09-line'))).toBe(false);
      expect((await proxy.waitForExchange((e) => e.target === '/h2-line')).error?.code).toBe('UNSUPPORTED_HTTP_VERSION');
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
});
