// `replay send` and credentials a recording redacted: it says so before sending, --auth stands in
// only for the requests that carried credentials, and a request recorded without them goes without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { davscope } from '../lint/davscope-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-resend-auth-'));
let upstream: RawUpstream;
let file: string;

const recorded = (seq: number, headers: [string, string][]): Exchange => ({
  id: String(seq), seq, source: 'live', upstream: 'http://127.0.0.1:5232/', timings: { startedAt: Date.UTC(2025, 0, 1) }, findings: [],
  request: { method: 'PROPFIND', target: `/alice/${seq}/`, httpVersion: '1.1', headers: [['Host', '127.0.0.1:8088'], ['Depth', '0'], ...headers], body: { kind: 'none' } },
  response: { status: 207, statusText: 'Multi-Status', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
});

beforeAll(async () => {
  upstream = await startRawUpstream();
  file = join(dir, 'session.jsonl');
  // Written with redaction on, as --record writes: the Basic password becomes [redacted].
  const writer = await RecordingWriter.open(file, { upstream: 'http://127.0.0.1:5232/', davscope: '0.1.0', redact: true });
  void writer.append(recorded(1, []));
  void writer.append(recorded(2, [['Authorization', `Basic ${Buffer.from('alice:secret').toString('base64')}`]]));
  await writer.close();
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('replay send and redacted credentials', () => {
  it('warns before sending when no --auth is given', async () => {
    const r = await davscope(['replay', 'send', file, '--target', upstream.url]);
    expect(r.stderr).toContain('1 request(s) carried credentials the recording redacted; they go with [redacted] and will likely get 401: pass --auth USER:PASSWORD');
  });

  it('with --auth, sends it only where credentials were recorded', async () => {
    const before = upstream.requests().length;
    const r = await davscope(['replay', 'send', file, '--target', upstream.url, '--auth', 'alice:new']);
    expect(r.stderr).toContain('--auth stands in for them');
    const sent = upstream.requests().slice(before);
    const auth = (target: string) => sent.find((q) => q.target === target)?.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
    expect(auth('/alice/1/')).toBeUndefined();
    expect(auth('/alice/2/')).toBe(`Basic ${Buffer.from('alice:new').toString('base64')}`);
  });
});
