// The malformed-upstream corpus: a raw TCP upstream (test/harness/raw-upstream.ts) answers an
// ordinary client request through davscope with each kind of broken answer. For each, the client
// gets a well-formed HTTP response (Node's strict client parser reads it): a 502/504 from davscope
// naming the problem when the upstream's answer was unusable, else the upstream's answer; when
// the upstream fails after its head went out, the client's response is cut short, never completed
// with wrong bytes. The exchange is captured (with its error where there is one), a normal request
// right after still gets the upstream's own answer (stray bytes must not poison the one upstream
// socket: the proxy runs with --upstream-connections 1), the process stays alive, and at the end
// the API holds exactly one exchange per request sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { startRawUpstream, type ParsedRequest, type RawUpstream } from '../harness/raw-upstream.ts';

type Answer = (req: ParsedRequest, socket: net.Socket) => void;

/**
 * relay: the client gets the upstream's status (and body when given), the exchange has no error.
 * fail:  the client gets davscope's 502 (504 for a timeout) naming the problem; the exchange has an error.
 * cut:   like fail, or, when the head had already gone out, a response cut short; the exchange has an error.
 * any:   the client gets some complete well-formed response; a davscope 5xx comes with a captured error.
 */
type Expect = { kind: 'relay'; status: number; body?: string } | { kind: 'fail'; status: 502 | 504 } | { kind: 'cut' } | { kind: 'any' };

interface Case {
  readonly slug: string;
  readonly method?: string;
  readonly answer: Answer;
  readonly expect: Expect;
}

const write = (bytes: string | Buffer, then?: 'end' | 'reset' | 'keep'): Answer => (_req, s) => {
  s.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, () => {
    if (then === 'end') s.end();
    else if (then === 'reset') setTimeout(() => s.resetAndDestroy(), 50);
  });
};

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

const CASES: Case[] = [
  { slug: 'status-000', answer: write('HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-099', answer: write('HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-600', answer: write('HTTP/1.1 600 High\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-999', answer: write('HTTP/1.1 999 Higher\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-abc', answer: write('HTTP/1.1 abc Letters\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-two-digits', answer: write('HTTP/1.1 20 Short\r\nContent-Length: 0\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'status-200-no-reason', answer: write('HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'status-200-empty-reason', answer: write('HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'http10-status', answer: write('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'http10-close-delimited', answer: write('HTTP/1.0 200 OK\r\n\r\nok', 'end'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'http11-close-delimited', answer: write('HTTP/1.1 200 OK\r\n\r\nok', 'end'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'http20-status', answer: write('HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'flood-1000-102', answer: write('HTTP/1.1 102 Processing\r\n\r\n'.repeat(1000) + OK), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'flood-1000-100', answer: write('HTTP/1.1 100 Continue\r\n\r\n'.repeat(1000) + OK), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'flood-200-103-hints', answer: write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n'.repeat(200) + OK), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: '101-unasked', answer: write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: '101-unasked-then-bytes', answer: write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello'), expect: { kind: 'fail', status: 502 } },
  { slug: '204-with-body', answer: write('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello'), expect: { kind: 'relay', status: 204, body: '' } },
  { slug: '304-with-body', answer: write('HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello'), expect: { kind: 'relay', status: 304, body: '' } },
  { slug: '304-then-spoofed-answer', answer: write('HTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nspoofed'), expect: { kind: 'relay', status: 304, body: '' } },
  { slug: 'head-answer-with-body', method: 'HEAD', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'), expect: { kind: 'relay', status: 200, body: '' } },
  { slug: 'two-answers-to-one-request', answer: write(`${OK}HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nspoofed`), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'content-length-two-values', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nokabc'), expect: { kind: 'fail', status: 502 } },
  { slug: 'content-length-repeated-equal', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'content-length-not-a-number', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 2x\r\n\r\nok'), expect: { kind: 'fail', status: 502 } },
  { slug: 'content-length-and-chunked', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n'), expect: { kind: 'any' } },
  { slug: 'chunked-bad-size', answer: write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n'), expect: { kind: 'cut' } },
  { slug: 'chunked-data-longer-than-size', answer: write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nok\r\n0\r\n\r\n'), expect: { kind: 'cut' } },
  { slug: 'chunked-size-overflow', answer: write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nok\r\n'), expect: { kind: 'cut' } },
  { slug: 'chunked-then-close-before-last-chunk', answer: write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n', 'end'), expect: { kind: 'cut' } },
  { slug: 'reset-before-any-byte', answer: (_r, s) => s.resetAndDestroy(), expect: { kind: 'fail', status: 502 } },
  { slug: 'close-before-any-byte', answer: (_r, s) => s.end(), expect: { kind: 'fail', status: 502 } },
  { slug: 'reset-mid-status-line', answer: write('HTTP/1.1 20', 'reset'), expect: { kind: 'fail', status: 502 } },
  { slug: 'reset-mid-headers', answer: write('HTTP/1.1 200 OK\r\nContent-Type: text/pl', 'reset'), expect: { kind: 'fail', status: 502 } },
  { slug: 'reset-mid-body', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part', 'reset'), expect: { kind: 'cut' } },
  { slug: 'close-mid-body', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part', 'end'), expect: { kind: 'cut' } },
  { slug: 'silence', answer: () => {}, expect: { kind: 'fail', status: 504 } },
  { slug: 'silence-after-head', answer: write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome', 'keep'), expect: { kind: 'cut' } },
  { slug: 'silence-mid-headers', answer: write('HTTP/1.1 200 OK\r\nX-A: b\r\n', 'keep'), expect: { kind: 'fail', status: 504 } },
  { slug: 'header-with-nul', answer: write('HTTP/1.1 200 OK\r\nX-Nul: a\x00b\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'header-with-cr-in-value', answer: write('HTTP/1.1 200 OK\r\nX-Cr: a\rSet-Cookie: evil=1\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'header-obs-fold', answer: write('HTTP/1.1 200 OK\r\nX-Fold: a\r\n b\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'header-name-with-space', answer: write('HTTP/1.1 200 OK\r\nX Bad: 1\r\nContent-Length: 2\r\n\r\nok'), expect: { kind: 'any' } },
  { slug: 'header-100kb-line', answer: write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(100_000)}\r\nContent-Length: 2\r\n\r\nok`), expect: { kind: 'fail', status: 502 } },
  { slug: 'bare-lf-line-endings', answer: write('HTTP/1.1 200 OK\nContent-Length: 2\n\nok'), expect: { kind: 'any' } },
  { slug: 'garbage-text', answer: write('SSH-2.0-OpenSSH_9.2\r\n\r\n'), expect: { kind: 'fail', status: 502 } },
  { slug: 'garbage-binary', answer: write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a])), expect: { kind: 'fail', status: 502 } },
  { slug: 'hop-by-hop-and-connection-tokens', answer: write('HTTP/1.1 200 OK\r\nConnection: close, X-Private\r\nX-Private: 1\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok', 'end'), expect: { kind: 'relay', status: 200, body: 'ok' } },
  { slug: 'well-behaved', answer: write(OK), expect: { kind: 'relay', status: 200, body: 'ok' } },
];

interface ClientOutcome {
  /** A complete response, as Node's strict client parser read it. */
  response?: { status: number; headers: http.IncomingHttpHeaders; body: string; interim: number };
  /** The head arrived but the body was cut short. */
  cutAfterHead?: { status: number; code: string };
  /** No response at all. */
  error?: string;
}

function send(url: string, method: string, path: string): Promise<ClientOutcome> {
  const u = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ClientOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    let interim = 0;
    const req = http.request({ hostname: u.hostname, port: u.port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.complete) done({ response: { status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('latin1'), interim } });
        else done({ cutAfterHead: { status: res.statusCode!, code: 'incomplete' } });
      });
      res.on('error', (err: NodeJS.ErrnoException) => done({ cutAfterHead: { status: res.statusCode!, code: err.code ?? err.message } }));
      res.on('aborted', () => done({ cutAfterHead: { status: res.statusCode!, code: 'aborted' } }));
    });
    req.on('information', () => interim++);
    req.on('error', (err: NodeJS.ErrnoException) => done({ error: `${err.code ?? ''} ${err.message}` }));
    // Bounded: no case may leave the client waiting (the upstream timeout is 1 s).
    req.setTimeout(15_000, () => req.destroy(Object.assign(new Error('no answer within 15 s'), { code: 'CLIENT_WAITED' })));
    req.end();
  });
}

const describeOutcome = (o: ClientOutcome) =>
  o.response
    ? `${o.response.status}${o.response.headers['x-davscope-error'] ? ` ${o.response.headers['x-davscope-error']}` : ''}${o.response.interim ? ` (+${o.response.interim} interim)` : ''} ${JSON.stringify(o.response.body.slice(0, 60))}`
    : o.cutAfterHead
      ? `${o.cutAfterHead.status} cut short (${o.cutAfterHead.code})`
      : `no response (${o.error})`;

describe('an upstream that answers with every kind of broken response', () => {
  let upstream: RawUpstream;
  let proxy: DavscopeProcess;
  /** Requests sent to the current proxy process (reset when a crash forced a restart). */
  let sent = 0;
  const crashes: string[] = [];
  const table: string[] = [];
  const args = ['--quiet', '--upstream-timeout', '1', '--upstream-connections', '1'];

  async function start(): Promise<void> {
    proxy = await startDavscopeProcess(upstream.url, args);
    sent = 0;
  }

  beforeAll(async () => {
    upstream = await startRawUpstream({
      answer: (req, socket) => {
        const c = CASES.find((k) => req.target === `/${k.slug}`);
        if (!c) return 'default';
        return () => c.answer(req, socket);
      },
    });
    await start();
  });
  afterAll(async () => {
    console.log(`malformed upstream answers through davscope (case -> what the client got | what davscope captured)\n${table.join('\n')}`);
    await proxy?.stop();
    await upstream?.close();
  });

  const exited = () => proxy.proc.exitCode !== null || proxy.proc.signalCode !== null;

  for (const c of CASES) {
    it(c.slug, async () => {
      const failures: string[] = [];
      const path = `/${c.slug}`;
      const method = c.method ?? 'GET';
      const got = await send(proxy.proxyUrl, method, path);
      sent++;
      const e = c.expect;
      const own = got.response?.headers['x-davscope-error'];
      const namesProblem = (r: NonNullable<ClientOutcome['response']>) => typeof own === 'string' && own.length > 0 && r.body.includes(own) && /upstream/.test(r.body);
      if (got.error !== undefined) failures.push(`the client got no HTTP response: ${got.error}`);
      else if (e.kind === 'relay') {
        if (!got.response) failures.push(`expected the upstream's complete ${e.status}, the client got ${describeOutcome(got)}`);
        else {
          if (got.response.status !== e.status) failures.push(`expected the upstream's ${e.status}, the client got ${describeOutcome(got)}`);
          if (e.body !== undefined && got.response.body !== e.body) failures.push(`expected the body ${JSON.stringify(e.body)}, the client got ${JSON.stringify(got.response.body.slice(0, 100))}`);
          if (own) failures.push(`the client got davscope's own answer (${own}) for an answer that should pass`);
        }
      } else if (e.kind === 'fail') {
        if (!got.response || got.response.status !== e.status || !namesProblem(got.response)) failures.push(`expected davscope's ${e.status} naming the problem, the client got ${describeOutcome(got)}`);
      } else if (e.kind === 'cut') {
        const ownFailure = got.response && [502, 504].includes(got.response.status) && namesProblem(got.response);
        if (!ownFailure && !got.cutAfterHead) failures.push(`expected davscope's 502/504 or a response cut short, the client got ${describeOutcome(got)}`);
      } else if (!got.response) failures.push(`expected a complete well-formed response, the client got ${describeOutcome(got)}`);

      // The process survived; if not, blame this case and start a new one for the rest.
      let alive = !exited();
      if (alive) {
        const after = await send(proxy.proxyUrl, 'GET', `/after-${c.slug}`);
        sent++;
        if (after.response?.status !== 200 || after.response.body !== 'ok') {
          const deadline = Date.now() + 3000;
          while (!exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
          alive = !exited();
          if (alive) failures.push(`the next normal request got ${describeOutcome(after)} instead of the upstream's 200 "ok"`);
        }
      }
      if (!alive) {
        const why = `davscope exited (code ${proxy.proc.exitCode}, signal ${proxy.proc.signalCode}); stderr: ${proxy.stderr().trim().split('\n').slice(-6).join(' | ')}`;
        failures.push(why);
        crashes.push(`${c.slug}: ${why}`);
        table.push(`FAIL ${c.slug.padEnd(38)} client: ${describeOutcome(got).padEnd(50)} davscope: CRASHED`);
        await start();
        expect(failures, c.slug).toEqual([]);
        return;
      }

      // Captured, with an error where the answer was unusable.
      let captured = '-';
      try {
        const ex = await proxy.waitForExchange((x) => x.target === path, 10_000);
        captured = `${ex.status ?? '-'}${ex.error ? ` ${ex.error.code}/${ex.error.phase}` : ''}`;
        if (e.kind === 'relay' && (ex.error || ex.status !== e.status)) failures.push(`captured as ${captured}, expected the upstream's ${e.status} without error`);
        if ((e.kind === 'fail' || e.kind === 'cut') && !ex.error) failures.push(`captured as ${captured}, without the error the client was told about`);
        if (e.kind === 'any' && got.response) {
          if (own && !ex.error) failures.push(`davscope answered ${got.response.status} ${own} itself but captured no error`);
          if (!own && ex.status !== got.response.status) failures.push(`the client got ${got.response.status}, the capture says ${captured}`);
        }
      } catch (err) {
        failures.push(`no exchange captured for ${path}: ${(err as Error).message}`);
      }
      table.push(`${failures.length ? 'FAIL' : 'ok  '} ${c.slug.padEnd(38)} client: ${describeOutcome(got).padEnd(50)} davscope: ${captured}`);
      expect(failures, `${c.slug}: client got ${describeOutcome(got)}; captured ${captured}`).toEqual([]);
    });
  }

  it('is alive at the end and holds exactly one exchange per request sent', async () => {
    const res = await send(proxy.proxyUrl, 'GET', '/final');
    sent++;
    expect(res.response?.status).toBe(200);
    expect(exited()).toBe(false);
    const list = await proxy.waitForExchanges(sent, 10_000);
    // Give a late duplicate no chance to hide: re-read once everything expected is there.
    expect((await proxy.exchanges()).length, 'exchanges in /api/exchanges').toBe(sent);
    expect(list.length).toBe(sent);
    expect(crashes, 'cases after which the process had exited').toEqual([]);
  });
});
