// GET /api/search over a large store: it answers as it goes (NDJSON, newest first), the proxy
// forwards while it scans, a bad filter is a 400 with where, and an asker may leave mid-scan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { request, searchAnswer } from '../harness/net.ts';

const N = 3000;
let upstream: EchoUpstream;
let app: Davscope;

beforeAll(async () => {
  upstream = await startEchoUpstream();
  app = await startDavscope(davscopeOptions(upstream.url, { keep: N + 100, storeBytes: 1 << 30, maxBody: 1 << 20 }));
  // 64 kB bodies: a regex over all of them takes far longer than one slice.
  const filler = 'x'.repeat(32 * 1024);
  // Numbered below the proxy's own (which starts at 1), so forwarded exchanges come after them.
  for (let n = 1; n <= N; n++) {
    const bytes = new TextEncoder().encode(`${filler} needle-${n} ${filler}`);
    const ex: Exchange = {
      id: `p${n}`, seq: n - N - 1, source: 'live', upstream: upstream.url + '/',
      request: { method: 'PUT', target: `/cal/${n}.ics`, httpVersion: '1.1', headers: [['Content-Type', 'text/calendar']], body: { kind: 'captured', bytes, size: bytes.length, truncated: false } },
      response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
      timings: { startedAt: 1_750_000_000_000 + n, requestEnd: 0, responseStart: 1, end: 1 },
      findings: [],
    };
    app.store.add(ex);
  }
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
});

/** Opens a search and resolves with the lines as they arrive, with when each came. */
function openSearch(query: string): { lines: Promise<{ at: number; line: Record<string, unknown> }[]>; abort(): void; firstLine: Promise<void> } {
  let abort = () => {};
  let first: () => void = () => {};
  const firstLine = new Promise<void>((r) => (first = r));
  const lines = new Promise<{ at: number; line: Record<string, unknown> }[]>((resolve, reject) => {
    const url = new URL(`/api/search?${query}`, app.uiUrl);
    const req = http.get(url, (res) => {
      const out: { at: number; line: Record<string, unknown> }[] = [];
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
          out.push({ at: performance.now(), line: JSON.parse(pending.slice(0, nl)) });
          pending = pending.slice(nl + 1);
          first();
        }
      });
      res.on('end', () => resolve(out));
      res.on('close', () => resolve(out));
    });
    let aborted = false;
    req.on('error', (err) => (aborted ? resolve([]) : reject(err)));
    abort = () => {
      aborted = true;
      req.destroy();
    };
  });
  return { lines, abort: () => abort(), firstLine };
}

describe('GET /api/search', () => {
  it('finds text in every kept body, newest first, and says it searched everything', async () => {
    const answer = searchAnswer((await request(app.uiUrl, { path: '/api/search?q=needle-1999%20x' })).body);
    expect(answer).toMatchObject({ ids: ['p1999'], complete: true, searched: N, total: N, throughSeq: -1 });
    const regex = searchAnswer((await request(app.uiUrl, { path: `/api/search?filter=${encodeURIComponent('req.body:/needle-[12]00\\b/ and method:PUT')}` })).body);
    expect(regex.ids).toEqual(['p200', 'p100']);
  });

  it('lets the proxy forward while it scans', async () => {
    // A filter every body matches, so lines come from the first slice on: the scan is under way.
    const search = openSearch(`filter=${encodeURIComponent('req.body:/needle-\\d+\\sx/')}`);
    await search.firstLine;
    const t0 = performance.now();
    const forwarded = await request(app.proxyUrl, { path: '/while-searching' });
    const forwardedAt = performance.now();
    expect(forwarded.status).toBeLessThan(500);
    const lines = await search.lines;
    const end = lines.at(-1)!;
    expect(end.line).toMatchObject({ done: true, complete: true });
    // The request went through before the scan ended: the scan did not hold the event loop.
    expect(forwardedAt).toBeLessThan(end.at);
    expect(end.at - t0).toBeGreaterThan(0);
  });

  it('streams what it found before it ends', async () => {
    const search = openSearch(`q=needle-`);
    const lines = await search.lines;
    expect(lines.length).toBeGreaterThan(2);
    // Every stored PUT holds one; the exchange the forwarding test added holds none.
    expect(lines.slice(0, -1).flatMap((l) => l.line.ids as string[]).length).toBe(N);
    expect(lines[0]!.line.ids).toContain(`p${N}`);
  });

  it('goes on answering after an asker went away mid-scan', async () => {
    const search = openSearch(`filter=${encodeURIComponent('req.body:/nothing-matches-this/')}`);
    setTimeout(() => search.abort(), 20);
    const lines = await search.lines;
    expect(lines.some((l) => l.line.done)).toBe(false);
    // Still answering afterwards.
    expect(searchAnswer((await request(app.uiUrl, { path: '/api/search?q=needle-1%20x' })).body).ids).toEqual(['p1']);
  });

  it('stops a regular expression that backtracks without end, says why, and forwards again', async () => {
    // (x+x+)+y on 64 kB of x backtracks for longer than anyone waits: without the hard slice
    // limit the scan never ends and the proxy stops forwarding with it.
    const lines = await openSearch(`filter=${encodeURIComponent('req.body:/(x+x+)+y/')}`).lines;
    const end = lines.at(-1)!.line;
    expect(end).toMatchObject({ done: true, complete: false });
    expect(end.error).toMatch(/^matching exchange -?\d+ took over 500 ms, so the search stopped there \(a regular expression that backtracks/);
    expect((await request(app.proxyUrl, { path: '/after-the-runaway' })).status).toBeLessThan(500);
    expect(searchAnswer((await request(app.uiUrl, { path: '/api/search?q=needle-2%20x' })).body).ids).toEqual(['p2']);
  }, 20_000);

  it('answers 400 with where a filter is wrong, and when neither q nor filter is given', async () => {
    const bad = await request(app.uiUrl, { path: `/api/search?filter=${encodeURIComponent('method:PUT or (status:2xx')}` });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ position: expect.any(Number) });
    expect((await request(app.uiUrl, { path: '/api/search' })).status).toBe(400);
  });
});
