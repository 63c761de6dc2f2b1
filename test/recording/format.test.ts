// The recording format on its own: what the writer writes the reader gives back exactly, corrupt
// and torn lines are reported by number, foreign or future files fail with a clear message, and
// version 0 files load through the upgrade chain.
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeToWire } from '../../rules/model/wire.ts';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import { readRecording, readRecordingHeader, RecordingError, type RecordingWarning } from '../../proxy/recording/reader.ts';
import { RECORDING_VERSION } from '../../rules/formats/recording/format.ts';
import { derivedExchanges, FOLDED_FINDINGS, foldedExchange, sampleExchanges, UPSTREAM } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-recording-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => join(dir, `r${++n}.jsonl`);

async function collect(path: string, onWarning?: (w: RecordingWarning) => void) {
  const reader = readRecording(path, { onWarning });
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, warnings: reader.warnings, header: reader.header, fileVersion: reader.fileVersion };
}

async function writeSample(path: string, exchanges = sampleExchanges()) {
  const writer = await RecordingWriter.open(path, { upstream: UPSTREAM, davscope: '0.1.0', redact: false });
  for (const ex of exchanges) void writer.append(ex);
  await writer.close();
  return exchanges;
}

const wire = (list: Exchange[]) => list.map(exchangeToWire);

describe('a davscope recording', () => {
  it('starts with a versioned header line naming the format, the upstream and the davscope version', async () => {
    const path = file();
    await writeSample(path);
    const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ format: 'davscope-recording', version: RECORDING_VERSION, upstream: UPSTREAM, davscope: '0.1.0', redacted: false });
    expect(Date.parse(first.created)).toBeGreaterThan(Date.UTC(2024, 0, 1));
    expect(await readRecordingHeader(path)).toEqual(first);
  });

  it('writes one line per exchange and reads back the same exchanges, bytes, header order, errors and findings', async () => {
    const path = file();
    const written = await writeSample(path);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').length).toBe(written.length + 2);
    const { exchanges, warnings } = await collect(path);
    expect(warnings).toEqual([]);
    expect(wire(exchanges)).toEqual(wire(written));
    expect([...(exchanges[1].response!.body as { bytes: Uint8Array }).bytes]).toEqual([0, 1, 2, 0xff, 0xfe, 0x80, 10, 13, 0x7f, 0xc3]);
    expect(exchanges[0].request.headers.map(([n]) => n)).toEqual(['Host', 'content-type', 'X-Dup', 'X-DUP', 'Content-Length']);
    expect(exchanges[4].error).toEqual({ phase: 'connect', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5232' });
    expect(exchanges[0].findings[0].ruleId).toBe('caldav/put-create-without-if-none-match');
  });

  it('keeps where an exchange came from, and reads the source davscope 0.1 wrote as "replay" as resent', async () => {
    const path = file();
    const written = await writeSample(path, derivedExchanges());
    expect(wire((await collect(path)).exchanges)).toEqual(wire(written));
    const legacy = file();
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(legacy, [lines[0], lines[1]!.replace('"source":"resent"', '"source":"replay"'), ''].join('\n'));
    expect((await collect(legacy)).exchanges[0]!.source).toBe('resent');
  });

  it('keeps whose fault a finding is and the primary a folded one sits under; an older finding without a party stays without one', async () => {
    const path = file();
    await writeSample(path, [foldedExchange()]);
    const { exchanges } = await collect(path);
    expect(exchanges[0]!.findings.map((f) => [f.ruleId, f.party, f.foldedInto])).toEqual(FOLDED_FINDINGS);
  });

  it('can be read twice from the same reader', async () => {
    const path = file();
    await writeSample(path);
    const reader = readRecording(path);
    let a = 0;
    let b = 0;
    for await (const _ of reader) a++;
    for await (const _ of reader) b++;
    expect([a, b]).toEqual([5, 5]);
  });

  it('reports a torn last line as a warning and keeps every whole line before it', async () => {
    const path = file();
    await writeSample(path);
    const size = statSync(path).size;
    truncateSync(path, size - 40);
    const seen: RecordingWarning[] = [];
    const { exchanges, warnings } = await collect(path, (w) => seen.push(w));
    expect(exchanges.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(warnings).toEqual([{ line: 6, kind: 'torn-last-line', message: expect.stringMatching(/line 6 is incomplete/) }]);
    expect(seen).toEqual(warnings);
  });

  it('reports a corrupt line in the middle with its number and goes on', async () => {
    const path = file();
    await writeSample(path);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(2, 0, '{"this is": not json', '{"request": {"method": "GET"}}', '');
    writeFileSync(path, lines.join('\n'));
    const { exchanges, warnings } = await collect(path);
    expect(exchanges.length).toBe(5);
    expect(warnings.map((w) => [w.line, w.kind])).toEqual([[3, 'corrupt-line'], [4, 'corrupt-line']]);
    expect(warnings[0].message).toMatch(/line 3 is not a valid exchange.*not valid JSON/);
    expect(warnings[1].message).toMatch(/line 4 .*request has no method or target/);
  });

  it('skips an overlong line without holding it in memory', async () => {
    const path = file();
    await writeSample(path, sampleExchanges().slice(0, 1));
    appendFileSync(path, 'x'.repeat(3000) + '\n');
    const { readLines } = await import('../../proxy/recording/lines.ts');
    const lines = [];
    for await (const l of readLines(path, 2000)) lines.push(l);
    expect(lines.map((l) => ('overlong' in l ? `overlong ${l.length}` : l.number))).toEqual([1, 2, 'overlong 3000']);
  });

  it('refuses an empty file, garbage, a foreign header and a future version with a clear message', async () => {
    const cases: [string, RegExp][] = [
      ['', /is empty: not a davscope recording/],
      ['\x00\x01garbage\xff\n', /not a davscope recording: its first line is not JSON/],
      ['{"log": {"version": "1.2"}}\n', /not a davscope recording: its first line has no "format": "davscope-recording"/],
      ['{"format":"davscope-recording","version":99}\n', /written by a newer davscope \(recording format version 99; this davscope reads versions 0 to 1\): upgrade davscope/],
      ['{"format":"davscope-recording","version":"one"}\n', /unknown recording format version "one"/],
    ];
    for (const [content, message] of cases) {
      const path = file();
      writeFileSync(path, content, 'latin1');
      await expect(collect(path)).rejects.toThrow(message);
      await expect(collect(path)).rejects.toBeInstanceOf(RecordingError);
    }
    await expect(collect(join(dir, 'missing.jsonl'))).rejects.toThrow(/cannot read .*missing\.jsonl: ENOENT/);
  });

  it('loads a version 0 (pre-release) recording through the upgrade chain', async () => {
    const path = file();
    const v0 = [
      { format: 'davscope-recording', version: 0, created: '2024-11-01T10:00:00.000Z', upstream: UPSTREAM },
      {
        seq: 7,
        upstream: UPSTREAM,
        startedAt: Date.UTC(2024, 10, 1, 10),
        duration: 12,
        request: { method: 'PUT', target: '/alice/cal/e1.ics', httpVersion: '1.1', headers: [{ name: 'Content-Type', value: 'text/calendar' }], body: { base64: Buffer.from('BEGIN:VCALENDAR').toString('base64'), size: 15, truncated: false } },
        response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [{ name: 'ETag', value: '"1"' }], body: null },
      },
      { seq: 8, upstream: UPSTREAM, startedAt: Date.UTC(2024, 10, 1, 10, 1), request: { method: 'GET', target: '/x', headers: [], body: null }, error: { code: 'ECONNREFUSED', message: 'refused' } },
    ];
    writeFileSync(path, v0.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { exchanges, warnings, header, fileVersion } = await collect(path);
    expect(warnings).toEqual([]);
    expect(fileVersion).toBe(0);
    expect(header).toMatchObject({ format: 'davscope-recording', version: 1, upstream: UPSTREAM });
    expect(wire(exchanges)).toEqual([
      {
        id: '7',
        seq: 7,
        source: 'live',
        upstream: UPSTREAM,
        request: { method: 'PUT', target: '/alice/cal/e1.ics', httpVersion: '1.1', headers: [['Content-Type', 'text/calendar']], body: { kind: 'captured', size: 15, truncated: false, encoding: 'utf8', data: 'BEGIN:VCALENDAR' } },
        response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [['ETag', '"1"']], body: { kind: 'none' } },
        timings: { startedAt: Date.UTC(2024, 10, 1, 10), end: 12 },
        findings: [],
      },
      {
        id: '8',
        seq: 8,
        source: 'live',
        upstream: UPSTREAM,
        request: { method: 'GET', target: '/x', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
        error: { phase: 'connect', code: 'ECONNREFUSED', message: 'refused' },
        timings: { startedAt: Date.UTC(2024, 10, 1, 10, 1) },
        findings: [],
      },
    ]);
  });

  it('reports a version 0 line of the wrong shape as corrupt, by line number', async () => {
    const path = file();
    writeFileSync(path, '{"format":"davscope-recording","version":0}\n{"seq": 1}\n');
    const { exchanges, warnings } = await collect(path);
    expect(exchanges).toEqual([]);
    expect(warnings).toEqual([{ line: 2, kind: 'corrupt-line', message: expect.stringMatching(/line 2 .*not a version 0 exchange/) }]);
  });

  it('tells about the first failed write once and keeps accepting exchanges without throwing', async () => {
    const path = file();
    const errors: Error[] = [];
    const writer = await RecordingWriter.open(path, { onError: (e) => errors.push(e) });
    await writer.append(sampleExchanges()[0]);
    // Closing the descriptor underneath makes every later write fail, as a full disk would.
    await (writer as unknown as { fh: { close(): Promise<void> } }).fh.close();
    await writer.append(sampleExchanges()[1]);
    await writer.append(sampleExchanges()[2]);
    expect(errors.length).toBe(1);
    expect(writer.written).toBe(1);
    await writer.close();
  });
});
