// Lint streams its input: linting a file eight times larger (140 MB, a recording or a HAR) must
// not need more memory than the small one beyond noise.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeLine, headerLine, recordingHeader } from '../../rules/formats/recording/format.ts';
import { harOpen, HAR_CLOSE, toHarEntry } from '../../proxy/har/export.ts';
import { davscope } from './davscope-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A GET of a 64 KiB binary body: big on disk, cheap for the rules, so the file size is what grows. */
function bigExchange(seq: number, payload: Uint8Array): Exchange {
  return {
    id: String(seq),
    seq,
    source: 'live',
    upstream: 'http://127.0.0.1:5232/',
    request: { method: 'GET', target: `/alice/files/${seq}.bin`, httpVersion: '1.1', headers: [['Host', '127.0.0.1:8088']], body: { kind: 'none' } },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/octet-stream'], ['ETag', `"${seq}"`], ['Content-Length', String(payload.length)]],
      body: { kind: 'captured', bytes: payload, size: payload.length, truncated: false },
    },
    timings: { startedAt: Date.UTC(2025, 0, 1) + seq, requestEnd: 0.1, responseStart: 1, end: 2 },
    findings: [],
  };
}

function writeFiles(count: number): { recording: string; har: string } {
  // Encoded once and varied per exchange: base64 of 64 KiB thousands of times would dominate the test.
  const template = bigExchange(1, randomBytes(64 * 1024));
  const line = JSON.parse(exchangeLine(template)) as { id: string; seq: number; request: { target: string } };
  const entry = toHarEntry(template);
  const recording = join(dir, `r${count}.jsonl`);
  const har = join(dir, `h${count}.har`);
  const r = openSync(recording, 'w');
  const h = openSync(har, 'w');
  writeSync(r, headerLine(recordingHeader({ redacted: true })));
  writeSync(h, harOpen('test'));
  for (let i = 1; i <= count; i++) {
    const target = `/alice/files/${i}.bin`;
    writeSync(r, JSON.stringify({ ...line, id: String(i), seq: i, request: { ...line.request, target } }) + '\n');
    const e = { ...entry, request: { ...entry.request, url: `http://127.0.0.1:5232${target}` }, _davscope: { ...entry._davscope!, id: String(i), seq: i, target } };
    writeSync(h, (i > 1 ? ',\n' : '') + JSON.stringify(e));
  }
  writeSync(h, HAR_CLOSE);
  closeSync(r);
  closeSync(h);
  return { recording, har };
}

describe('davscope lint memory', () => {
  it('stays flat from a 17 MB to a 140 MB input, for a recording and for a HAR', async () => {
    const small = writeFiles(200);
    const large = writeFiles(1600);
    expect(statSync(large.recording).size).toBeGreaterThan(130 << 20);
    for (const kind of ['recording', 'har'] as const) {
      // A small heap cap makes V8 collect as it goes instead of growing the heap on its own schedule,
      // and the young generation capped so its growth under load is not mistaken for retention,
      // so what is left to compare is what the reader keeps; an implementation that held the file
      // (a 140 MB string, or every exchange) would grow by it, or die.
      const env = { NODE_OPTIONS: '--max-old-space-size=64 --max-semi-space-size=2' };
      const a = await davscope(['lint', small[kind], '--format', 'json', '--fail-on', 'never'], { sampleRss: true, env });
      const b = await davscope(['lint', large[kind], '--format', 'json', '--fail-on', 'never'], { sampleRss: true, env });
      expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
      expect(JSON.parse(b.stdout).exchanges).toBe(1600);
      console.log(`lint memory, ${kind}: peak RSS ${a.peakRss >> 20} MB for 200 exchanges, ${b.peakRss >> 20} MB for 1600`);
      expect(b.peakRss - a.peakRss, `${kind}: ${a.peakRss >> 20} MB for 200 exchanges, ${b.peakRss >> 20} MB for 1600`).toBeLessThan(30 << 20);
    }
  });
});
