// The differential request corpus (smuggling-corpus.ts) against the real proxy process, with a
// raw upstream that parses what it receives by its own strict parser (test/harness/raw-upstream.ts).
//
// Per payload: the bytes go out in one write on a fresh connection; the client reads until the
// proxy closes, or 2 s of silence, or it has as many complete answers as the payload has request
// heads. Then a barrier request (GET /barrier-<id>) goes through the proxy on its own connection:
// davscope numbers exchanges in arrival order, so the payload's exchanges are exactly those
// numbered between the previous barrier and this one, and the upstream's log between the two
// barriers is what reached the upstream for this payload. The invariant: what the upstream parsed
// equals, method for method and target for target in order, what davscope captured as forwarded;
// exchanges davscope refused itself (400/431/501 without forwarding) correspond to nothing, and
// Node's own parse-error answers are captured nowhere and reach nothing. The barrier also proves the
// process is alive after each payload; a crash is blamed on that payload, and the proxy is
// restarted so the rest of the corpus still runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { ExchangeSummary } from '../../rules/model/wire.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { parseOffline, RequestStreamParser, startRawUpstream, type ParsedRequest, type RawUpstream, type UpstreamEvent } from '../harness/raw-upstream.ts';
import { CORPUS, type Payload, type PayloadClass } from './smuggling-corpus.ts';

const SILENCE_MS = 2000;
/** Upper bound on one payload's read, whatever the proxy does (it could trickle bytes forever). */
const READ_CAP_MS = 10_000;

// ------------------------------------------------------------------ the client side

export interface ClientResult {
  /** Status of each complete final answer, in order (interim 1xx not counted). */
  statuses: number[];
  /** Interim statuses seen. */
  interim: number[];
  /** The proxy closed the connection (rather than the reader giving up on silence). */
  closedByPeer: boolean;
  /** The reader stopped once it had as many answers as the payload has request heads. */
  stoppedEarly?: boolean;
  /** Bytes left after the complete answers (a partial or unparsable answer). */
  leftover: number;
  raw: string;
}

/** Counts complete HTTP responses in a byte string; lenient (a reader, not a judge). */
export function countResponses(raw: string, closed: boolean, bodiless = false): Omit<ClientResult, 'closedByPeer' | 'stoppedEarly' | 'raw'> {
  const statuses: number[] = [];
  const interim: number[] = [];
  let pos = 0;
  for (let guard = 0; guard < 10_000 && pos < raw.length; guard++) {
    const end = raw.indexOf('\r\n\r\n', pos);
    if (end === -1) break;
    const head = raw.slice(pos, end);
    const m = /^HTTP\/\d\.\d (\d{3})/.exec(head);
    if (!m) break;
    const status = Number(m[1]);
    const lines = head.split('\r\n');
    const field = (name: string) => lines.filter((l) => l.toLowerCase().startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trim());
    const bodyStart = end + 4;
    if (status >= 100 && status < 200) {
      interim.push(status);
      pos = bodyStart;
      continue;
    }
    if (status === 204 || status === 304 || bodiless) {
      statuses.push(status);
      pos = bodyStart;
      continue;
    }
    if (field('transfer-encoding').some((v) => /chunked/i.test(v))) {
      let p = bodyStart;
      let done = false;
      for (let g = 0; g < 100_000; g++) {
        const eol = raw.indexOf('\r\n', p);
        if (eol === -1) break;
        const size = parseInt(raw.slice(p, eol), 16);
        if (!Number.isFinite(size)) break;
        if (size === 0) {
          const tEnd = raw.indexOf('\r\n\r\n', eol);
          const direct = raw.startsWith('\r\n', eol + 2);
          if (direct) {
            p = eol + 4;
            done = true;
          } else if (tEnd !== -1) {
            p = tEnd + 4;
            done = true;
          }
          break;
        }
        p = eol + 2 + size + 2;
        if (p > raw.length) break;
      }
      if (!done) break;
      statuses.push(status);
      pos = p;
      continue;
    }
    const cl = field('content-length');
    if (cl.length > 0) {
      const n = Number(cl[0]);
      if (!Number.isFinite(n) || bodyStart + n > raw.length) break;
      statuses.push(status);
      pos = bodyStart + n;
      continue;
    }
    // Delimited by close.
    if (!closed) break;
    statuses.push(status);
    pos = raw.length;
  }
  return { statuses, interim, leftover: raw.length - pos };
}

/** Sends raw bytes on a fresh connection and reads until close, SILENCE_MS of silence, or `heads` complete answers. */
export function sendRaw(port: number, bytes: string, heads: number): Promise<ClientResult> {
  // Answers to HEAD carry no body whatever their Content-Length says.
  const head = bytes.startsWith('HEAD ');
  return new Promise((resolve) => {
    let raw = '';
    let closedByPeer = false;
    let finished = false;
    let stoppedEarly = false;
    const s = net.connect(port, '127.0.0.1', () => s.write(Buffer.from(bytes, 'latin1')));
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(quiet);
      clearTimeout(cap);
      s.destroy();
      resolve({ ...countResponses(raw, closedByPeer, head), closedByPeer, stoppedEarly, raw });
    };
    let quiet = setTimeout(finish, SILENCE_MS);
    const cap = setTimeout(finish, READ_CAP_MS);
    s.on('data', (d: Buffer) => {
      raw += d.toString('latin1');
      clearTimeout(quiet);
      quiet = setTimeout(finish, SILENCE_MS);
      // Enough answers: stop soon, after a short grace that only serves to see whether the proxy closes.
      if (heads > 0 && !stoppedEarly && countResponses(raw, false, head).statuses.length >= heads) {
        stoppedEarly = true;
        clearTimeout(quiet);
        quiet = setTimeout(finish, 100);
      }
    });
    s.on('end', () => {
      closedByPeer = true;
      finish();
    });
    s.on('error', () => {
      closedByPeer = true;
      finish();
    });
    s.on('close', () => finish());
  });
}

export function describeClient(r: ClientResult): string {
  const parts = r.statuses.map(String);
  if (r.interim.length) parts.unshift(`(${r.interim.join(',')})`);
  if (parts.length === 0) parts.push(r.raw.length === 0 ? 'no bytes' : `unparsable ${JSON.stringify(r.raw.slice(0, 30))}`);
  else if (r.leftover > 0) parts.push(`+${r.leftover} B partial`);
  parts.push(r.closedByPeer ? 'closed' : r.stoppedEarly ? 'open' : 'open, silent 2 s');
  return parts.join(' ');
}

// ------------------------------------------------------------------ the differential check

/** davscope's own refusals: answered without forwarding (README, proxy/request-guard.ts, proxy/responders/forward.ts). */
const REFUSAL_CODES = new Set(['DUPLICATE_HOST', 'TOO_MANY_HEADERS', 'UNSUPPORTED_TRANSFER_CODING', 'CLIENT_TIMEOUT', 'EPROXY']);

type Role = 'refused' | 'maybe' | 'forwarded';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'REPORT', 'SEARCH']);

/** Whether a capture must, may or must not correspond to a request the upstream parsed. */
export function roleOf(e: ExchangeSummary): Role {
  if (!e.error) return 'forwarded';
  if (e.status === undefined && (REFUSAL_CODES.has(e.error.code) || /^ERR_/.test(e.error.code))) return 'refused';
  // Never connected, or gave up before the request was sent (a client that went away mid-upload).
  if (e.error.phase === 'connect' || e.error.phase === 'request') return 'maybe';
  return 'forwarded';
}

const show = (e: { method: string; target: string }) => `${e.method} ${JSON.stringify(e.target.length > 80 ? `${e.target.slice(0, 80)}...` : e.target)}`;
const capShow = (e: ExchangeSummary) => `#${e.seq} ${show(e)} (${e.status ?? '-'}${e.error ? ` ${e.error.code}/${e.error.phase}` : ''})`;

/** Failure messages when the upstream's log and davscope's captures disagree; [] when they match. */
export function differential(captures: readonly ExchangeSummary[], events: readonly UpstreamEvent[]): string[] {
  const failures: string[] = [];
  for (const e of events) {
    if (e.kind === 'error') failures.push(`davscope sent the upstream bytes its strict parser rejects: ${e.message}, near ${JSON.stringify(e.near.slice(0, 80))}`);
    if (e.kind === 'truncated') failures.push(`davscope left ${e.bytes} bytes of an unfinished request head on an upstream connection: ${JSON.stringify(e.near.slice(0, 80))}`);
  }
  const reqs = events.filter((e): e is ParsedRequest => e.kind === 'request');
  for (const r of reqs) if (r.target.includes('SMUGGLED')) failures.push(`SMUGGLED: the upstream parsed ${show(r)}`);
  // Each capture that went upstream takes the first unused upstream request with its method and target.
  const used = new Set<number>();
  const matched: { c: ExchangeSummary; at: number }[] = [];
  for (const c of captures) {
    const role = roleOf(c);
    if (role === 'refused') continue;
    const at = reqs.findIndex((r, i) => !used.has(i) && r.method === c.method && r.target === c.target);
    if (at !== -1) {
      used.add(at);
      matched.push({ c, at });
    } else if (role === 'forwarded') {
      failures.push(`davscope captured ${capShow(c)} as forwarded, but the upstream never parsed such a request`);
    }
  }
  reqs.forEach((r, i) => {
    if (used.has(i)) return;
    const refusedAs = captures.find((c) => roleOf(c) === 'refused' && c.method === r.method && c.target === r.target);
    failures.push(
      refusedAs
        ? `the upstream parsed ${show(r)}, which davscope captured as refused (${refusedAs.error!.code}) and said it did not forward`
        : `the upstream parsed ${show(r)}, which davscope never captured (unseen request)`,
    );
  });
  // Same order, except that requests with safe methods may be processed in parallel (RFC 9112 §9.3.2).
  for (let a = 0; a < matched.length; a++) {
    for (let b = a + 1; b < matched.length; b++) {
      const [x, y] = [matched[a], matched[b]];
      if (x.at > y.at && !(SAFE.has(x.c.method) && SAFE.has(y.c.method))) {
        failures.push(`out of order: the client sent ${show(x.c)} before ${show(y.c)}, the upstream got them the other way round (only safe methods may be processed in parallel, RFC 9112 §9.3.2)`);
      }
    }
  }
  return failures;
}

// ------------------------------------------------------------------ the run

interface Row {
  name: string;
  cls: PayloadClass | 'check';
  client: string;
  captured: string;
  upstream: string;
  failures: string[];
}

const rows: Row[] = [];

function printSummary(title: string, list: Row[]): void {
  if (list.length === 0) return;
  const w = Math.max(...list.map((r) => r.name.length));
  const lines = list.map((r) => `${r.failures.length ? 'FAIL' : 'ok  '} ${r.name.padEnd(w)}  client: ${r.client.padEnd(24)} davscope: ${r.captured.padEnd(34)} upstream: ${r.upstream}`);
  const perClass = new Map<string, { n: number; fail: number; outcomes: Map<string, number> }>();
  for (const r of list) {
    const c = perClass.get(r.cls) ?? { n: 0, fail: 0, outcomes: new Map() };
    c.n++;
    if (r.failures.length) c.fail++;
    const first = /^(?:\([\d,]+\) )?(\d)\d\d/.exec(r.client);
    const outcome = first ? `${first[1]}xx` : r.client.includes('no bytes') ? 'no answer' : 'other';
    c.outcomes.set(outcome, (c.outcomes.get(outcome) ?? 0) + 1);
    perClass.set(r.cls, c);
  }
  const counts = [...perClass].map(([cls, c]) => `  ${cls}: ${c.n} payloads, ${c.fail} failing; client got ${[...c.outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${title}\n${lines.join('\n')}\n${counts.join('\n')}`);
}

describe('self-test: the raw upstream parses the corpus by itself (no proxy)', () => {
  it('parses known shapes as a strict server would', () => {
    const one = (s: string) => parseOffline(Buffer.from(s, 'latin1'));
    expect(one('GET /a HTTP/1.1\r\nHost: h\r\n\r\n').requests.map((r) => r.target)).toEqual(['/a']);
    const pipelined = one('POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: h\r\n\r\n');
    expect(pipelined.requests.map((r) => [r.method, r.target, r.bodyLength, r.complete])).toEqual([['POST', '/a', 3, true], ['GET', '/b', 0, true]]);
    const chunked = one('PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\nGET /d HTTP/1.1\r\nHost: h\r\n\r\n');
    expect(chunked.requests.map((r) => [r.target, r.bodyLength])).toEqual([['/c', 5], ['/d', 0]]);
    expect(one('GET /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n').error).toMatch(/Transfer-Encoding with Content-Length/);
    expect(one('GET /a HTTP/1.1\nHost: h\n\n').error).toMatch(/bare LF/);
    expect(one('GET /a HTTP/1.1\r\nHost: h\r\n\r\n').error).toBeUndefined();
    // An unframed GET body is what a smuggled request looks like to the upstream.
    expect(one('GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /SMUGGLED HTTP/1.1\r\nHost: h\r\n\r\n').requests.map((r) => r.target)).toEqual(['/a', '/SMUGGLED']);
    // Byte-at-a-time feeding gives the same result as one write.
    for (const p of CORPUS) {
      const whole = parseOffline(Buffer.from(p.bytes, 'latin1'));
      const seen: string[] = [];
      const parser = new RequestStreamParser((h) => seen.push(`${h.method} ${h.target}`), () => {});
      let error: string | undefined;
      for (const b of Buffer.from(p.bytes, 'latin1')) {
        try {
          parser.feed(Buffer.from([b]));
        } catch (err) {
          error = (err as Error).message;
          break;
        }
      }
      expect([seen, error], p.name).toEqual([whole.requests.map((r) => `${r.method} ${r.target}`), whole.error]);
    }
  });

  it('flags a smuggled request and a capture the upstream never saw (the checker itself)', () => {
    const cap = (seq: number, method: string, target: string, extra: Partial<ExchangeSummary> = {}): ExchangeSummary => ({ id: String(seq), seq, source: 'live', method, target, startedAt: 0, findings: { error: 0, warning: 0, info: 0 }, status: 200, ...extra });
    const req = (seq: number, method: string, target: string): ParsedRequest => ({ kind: 'request', seq, conn: 0, method, target, version: '1.1', headers: [['Host', 'h']], bodyLength: 0, complete: true });
    expect(differential([cap(1, 'GET', '/a')], [req(1, 'GET', '/a')])).toEqual([]);
    expect(differential([cap(1, 'GET', '/a')], [req(1, 'GET', '/a'), req(2, 'GET', '/SMUGGLED')]).join('\n')).toMatch(/SMUGGLED[\s\S]*never captured/);
    expect(differential([cap(1, 'GET', '/a')], [])).toHaveLength(1);
    const refused = cap(1, 'GET', '/r', { status: undefined, error: { code: 'DUPLICATE_HOST', phase: 'request' } });
    expect(differential([refused], [])).toEqual([]);
    expect(differential([refused], [req(1, 'GET', '/r')]).join()).toMatch(/captured as refused/);
    // Pipelined: safe methods may overtake each other upstream, others may not.
    expect(differential([cap(1, 'GET', '/a'), cap(2, 'GET', '/b')], [req(1, 'GET', '/b'), req(2, 'GET', '/a')])).toEqual([]);
    expect(differential([cap(1, 'PUT', '/a'), cap(2, 'DELETE', '/a')], [req(1, 'DELETE', '/a'), req(2, 'PUT', '/a')]).join()).toMatch(/out of order/);
    const aborted = cap(1, 'POST', '/p', { status: undefined, error: { code: 'CLIENT_ABORTED', phase: 'request' } });
    expect(differential([aborted], [])).toEqual([]);
  });

  it('receives every payload over TCP exactly as it parses it offline, and answers each request', async () => {
    const upstream = await startRawUpstream();
    try {
      const mismatches: string[] = [];
      // Sequential, each on a fresh connection: the log for one payload is what follows the last.
      for (const p of CORPUS) {
        const bytes = Buffer.from(p.bytes, 'latin1');
        const offline = parseOffline(bytes);
        const completeReqs = offline.requests.filter((r) => r.complete).length;
        const start = upstream.events.length;
        const conns = upstream.connections.length;
        const got = await sendRaw(upstream.port, p.bytes, offline.error ? completeReqs + 1 : offline.requests.every((r) => r.complete) ? completeReqs : 0);
        await upstream.waitFor(() => upstream.connections.length > conns && upstream.connections[conns].bytes === bytes.length);
        // The reader closed its socket; wait for the server side to see it, so a truncation is logged.
        await upstream.waitFor(() => upstream.connections[conns].closed);
        const events = upstream.events.slice(start);
        const reqs = events.filter((e): e is ParsedRequest => e.kind === 'request');
        const tcp = reqs.map((r) => `${r.method} ${r.target} ${r.bodyLength}`);
        const off = offline.requests.map((r) => `${r.method} ${r.target} ${r.bodyLength}`);
        if (JSON.stringify(tcp) !== JSON.stringify(off)) mismatches.push(`${p.name}: tcp ${JSON.stringify(tcp)} offline ${JSON.stringify(off)}`);
        const err = events.find((e) => e.kind === 'error');
        if ((err?.kind === 'error' ? err.message : undefined) !== offline.error) mismatches.push(`${p.name}: tcp error ${JSON.stringify(err)} offline ${offline.error}`);
        const expectAnswers = completeReqs + (offline.error ? 1 : 0);
        if (got.statuses.length !== expectAnswers) mismatches.push(`${p.name}: ${got.statuses.length} answers read, expected ${expectAnswers} (${describeClient(got)})`);
        if (upstream.raw(conns) !== p.bytes) mismatches.push(`${p.name}: raw bytes differ`);
      }
      expect(mismatches).toEqual([]);
    } finally {
      await upstream.close();
    }
  });
});

describe('the smuggling corpus through davscope', () => {
  let upstream: RawUpstream;
  let proxy: DavscopeProcess;
  const args = ['--quiet', '--upstream-timeout', '5'];
  let proxyPort = 0;
  /** Seq of the last barrier exchange of the current proxy process (0 after a start). */
  let lastBarrierSeq = 0;
  /** Index in upstream.events just after the last barrier's request. */
  let upstreamFrom = 0;
  /** The payload whose window ended at the last barrier (late upstream events are blamed on it). */
  let lastPayload = '(start)';
  const late: string[] = [];
  const crashes: string[] = [];

  async function start(): Promise<void> {
    proxy = await startDavscopeProcess(upstream.url, args);
    proxyPort = Number(new URL(proxy.proxyUrl).port);
    lastBarrierSeq = 0;
    upstreamFrom = upstream.events.length;
  }

  beforeAll(async () => {
    upstream = await startRawUpstream();
    await start();
  });
  afterAll(async () => {
    printSummary('smuggling corpus through davscope (payload -> what the client got | what davscope captured | what the upstream parsed)', rows);
    await proxy?.stop();
    await upstream?.close();
  });

  const exited = () => proxy.proc.exitCode !== null || proxy.proc.signalCode !== null;
  async function waitExit(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return exited();
  }

  async function runPayload(p: Payload): Promise<Row> {
    const row: Row = { name: p.name, cls: p.cls, client: '', captured: '', upstream: '', failures: [] };
    // Upstream events after the last barrier, before this payload was sent: late ones of the previous payload.
    const lateEvents = upstream.events.slice(upstreamFrom);
    if (lateEvents.length) late.push(`${lastPayload}: ${lateEvents.map((e) => (e.kind === 'request' ? show(e) : `${e.kind} ${'message' in e ? e.message : ''}`)).join('; ')}`);
    upstreamFrom = upstream.events.length;

    const client = await sendRaw(proxyPort, p.bytes, p.heads ?? 1);
    row.client = describeClient(client);
    if (p.status !== undefined && client.statuses[0] !== p.status) row.failures.push(`the client got ${row.client}, expected status ${p.status}`);

    // The barrier: proves the process is alive and delimits this payload's exchanges.
    const barrier = `/barrier-${p.id}`;
    const answer = await request(proxy.proxyUrl, { path: barrier, headers: { Host: 'h' } }).then(
      (r) => ({ ok: r.status === 200 && r.body.toString() === 'ok', text: `${r.status} ${JSON.stringify(r.body.toString().slice(0, 120))}` }),
      (err: Error) => ({ ok: false, text: `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` }),
    );
    if (!answer.ok) {
      if (await waitExit(3000)) {
        const why = `davscope exited (code ${proxy.proc.exitCode}, signal ${proxy.proc.signalCode}) after this payload; stderr: ${proxy.stderr().trim().split('\n').slice(-6).join(' | ')}`;
        row.failures.push(why);
        crashes.push(`${p.name}: ${why}`);
        row.captured = 'CRASHED';
        lastPayload = p.name;
        await start();
        return row;
      }
      row.failures.push(`the barrier request after this payload got ${answer.text} instead of the upstream's 200 ok`);
    }
    let captures: ExchangeSummary[] = [];
    try {
      const b = await proxy.waitForExchange((e) => e.target === barrier, 10_000);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const all = await proxy.exchanges();
        captures = all.filter((e) => e.seq > lastBarrierSeq && e.seq < b.seq).sort((x, y) => x.seq - y.seq);
        if (captures.length === b.seq - lastBarrierSeq - 1) break;
        if (Date.now() > deadline) {
          row.failures.push(`exchanges #${lastBarrierSeq + 1}..#${b.seq - 1} started but only ${captures.length} completed within 10 s`);
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      lastBarrierSeq = b.seq;
    } catch (err) {
      row.failures.push(`the barrier exchange never appeared in the API: ${(err as Error).message}`);
    }
    // The upstream log up to this payload's barrier request.
    let events: UpstreamEvent[] = [];
    try {
      await upstream.waitFor((ev) => ev.slice(upstreamFrom).some((e) => e.kind === 'request' && e.target === barrier), 10_000);
      const idx = upstream.events.findIndex((e, i) => i >= upstreamFrom && e.kind === 'request' && e.target === barrier);
      events = upstream.events.slice(upstreamFrom, idx);
      upstreamFrom = idx + 1;
    } catch {
      events = upstream.events.slice(upstreamFrom);
      upstreamFrom = upstream.events.length;
      row.failures.push('the barrier request never reached the upstream');
    }
    lastPayload = p.name;
    const reqs = events.filter((e): e is ParsedRequest => e.kind === 'request');
    row.captured = captures.length === 0 ? '-' : captures.map((c) => `${c.status ?? ''}${c.error ? ` ${c.error.code}` : ''}`.trim()).join(', ');
    row.upstream = [...reqs.map((r) => show(r)), ...events.filter((e) => e.kind !== 'request').map((e) => `<${e.kind}>`)].join(', ') || '-';
    row.failures.push(...differential(captures, events));
    if (p.upstream) row.failures.push(...p.upstream(reqs, { upstreamHost: new URL(upstream.url).host }));
    if (p.refusal !== undefined && !captures.some((c) => c.error?.code === p.refusal)) row.failures.push(`no exchange was captured with the refusal ${p.refusal} (captured: ${row.captured})`);
    if (exited()) row.failures.push(`davscope exited (code ${proxy.proc.exitCode}, signal ${proxy.proc.signalCode})`);
    return row;
  }

  for (const p of CORPUS) {
    it(`${p.name}`, async () => {
      const row = await runPayload(p);
      rows.push(row);
      expect(row.failures, `${p.name}: client got ${row.client}; davscope captured [${row.captured}]; upstream parsed [${row.upstream}]`).toEqual([]);
    });
  }

  it('is still alive after the whole corpus, and every upstream request was accounted for', async () => {
    const res = await request(proxy.proxyUrl, { path: '/final-check', headers: { Host: 'h' } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    expect(exited()).toBe(false);
    const tail = upstream.events.slice(upstreamFrom).filter((e) => !(e.kind === 'request' && e.target === '/final-check'));
    if (tail.length) late.push(`${lastPayload}: ${tail.map((e) => (e.kind === 'request' ? show(e) : e.kind)).join('; ')}`);
    expect(late, 'upstream events that arrived after their payload was judged').toEqual([]);
    expect(crashes, 'payloads after which the process had exited').toEqual([]);
  });
});
