// HAR 1.2 export and import: exported files pass a HAR 1.2 schema check and re-import to the same
// exchanges (binary bodies included), files from browsers and proxies import leniently, and a HAR
// is streamed entry by entry, failing clearly when it is not HAR or is cut short.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeToWire } from '../../rules/model/wire.ts';
import { toHarEntry, writeHar } from '../../proxy/har/export.ts';
import { harEntryToExchange } from '../../rules/formats/har/import.ts';
import { readHar, HarError } from '../../proxy/har/reader.ts';
import { validateHar } from './har-schema.ts';
import { compileFilterText } from '../../rules/filter/language.ts';
import { subjectOfExchange } from '../../rules/filter/subjects.ts';
import { derivedExchanges, sampleExchanges, BINARY, FOLDED_FINDINGS, foldedExchange, UPSTREAM } from '../recording/fixtures.ts';
import { chrome, firefox, httpToolkit, mitmproxy, PNG } from './foreign-hars.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-har-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => join(dir, `h${++n}.har`);

async function exportToText(exchanges: Exchange[], redact = false): Promise<string> {
  let text = '';
  await writeHar(exchanges, (chunk) => void (text += chunk), { redact, davscopeVersion: '0.1.0' });
  return text;
}

async function importFile(path: string) {
  const reader = readHar(path);
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, warnings: reader.warnings, creator: reader.creator };
}

async function importText(text: string) {
  const path = file();
  writeFileSync(path, text);
  return importFile(path);
}

const wire = (list: Exchange[]) => list.map(exchangeToWire);

describe('HAR 1.2 schema validator (the test tool itself)', () => {
  it('rejects a missing required field, a wrong type, a negative wait, a bad date and a non-custom extra field', () => {
    const entry = toHarEntry(sampleExchanges()[0]);
    const broken = JSON.parse(JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [entry] } }));
    delete broken.log.entries[0].request.httpVersion;
    broken.log.entries[0].response.status = '201';
    broken.log.entries[0].timings.wait = -5;
    broken.log.entries[0].startedDateTime = 'yesterday';
    broken.log.entries[0].davscope = {};
    expect(validateHar(broken)).toEqual([
      'har.log.entries[0].request.httpVersion is required',
      'har.log.entries[0].response.status is string, not number',
      'har.log.entries[0].timings.wait must not be negative',
      'har.log.entries[0].davscope is not a HAR 1.2 field (custom fields start with "_")',
      'har.log.entries[0].startedDateTime is not ISO 8601',
      'har.log.entries[0].time (8.125) is not the sum of its timings (2.375)',
    ]);
  });
});

describe('HAR export', () => {
  it('writes a file that passes the HAR 1.2 schema, with every entry in order', async () => {
    const har = JSON.parse(await exportToText(sampleExchanges()));
    expect(validateHar(har)).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'davscope', version: '0.1.0' });
    expect(har.log.entries.map((e: { request: { method: string } }) => e.request.method)).toEqual(['PUT', 'GET', 'PROPFIND', 'PUT', 'REPORT']);
  });

  it('fills the HAR fields: absolute url, query string, headers in order, cookies, sizes, timings and a base64 binary body', async () => {
    const [put, binary, gzip, truncated, refused] = sampleExchanges();
    const e0 = toHarEntry(put, { redact: false });
    expect(e0.request.url).toBe('http://127.0.0.1:5232/alice/cal/e1.ics');
    expect(e0.request.httpVersion).toBe('HTTP/1.1');
    expect(e0.request.headers.map((h) => h.name)).toEqual(['Host', 'content-type', 'X-Dup', 'X-DUP', 'Content-Length']);
    expect(e0.request.postData).toMatchObject({ mimeType: 'text/calendar; charset=utf-8', text: expect.stringContaining('SUMMARY:Caf\u00e9 \u2615') });
    expect(e0.timings).toEqual({ blocked: -1, dns: -1, connect: -1, ssl: -1, send: 1.5, wait: 5.75, receive: 0.875 });
    expect(e0.time).toBe(8.125);
    expect(e0.startedDateTime).toBe('2025-01-15T09:00:00.000Z');
    expect(e0._davscope!.findings[0].ruleId).toBe('caldav/put-create-without-if-none-match');

    const e1 = toHarEntry(binary);
    expect(e1.request.queryString).toEqual([{ name: 'x', value: '1' }, { name: 'y', value: ' z' }]);
    expect(e1.response.content).toEqual({ size: BINARY.length, mimeType: 'application/octet-stream', text: Buffer.from(BINARY).toString('base64'), encoding: 'base64' });

    const e2 = toHarEntry(gzip);
    expect(e2.response.content.text).toContain('<d:multistatus');
    expect(e2.response.content.compression).toBe(e2.response.content.size - e2.response.bodySize);
    expect(e2._davscope!.responseBody).toMatchObject({ kind: 'captured', contentEncoding: 'gzip', encoding: 'base64' });

    const e3 = toHarEntry(truncated);
    expect(e3.request.bodySize).toBe(5_000_000);
    expect(e3.request.postData!.comment).toMatch(/first 17 of 5000000 bytes/);
    expect(e3.response.content).toMatchObject({ size: 12, comment: 'body not available: aborted' });

    const e4 = toHarEntry(refused);
    expect(e4.response).toMatchObject({ status: 0, _error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5232' });
  });

  it('redacts credentials by default and keeps them with redact: false', async () => {
    const ex: Exchange = {
      ...sampleExchanges()[1],
      request: {
        ...sampleExchanges()[1].request,
        headers: [['Authorization', 'Basic ' + Buffer.from('alice:s3cret-pw').toString('base64')], ['Cookie', 'sid=topsecretvalue; theme=dark']],
      },
    };
    const redacted = JSON.stringify(toHarEntry(ex));
    expect(redacted).not.toContain('s3cret-pw');
    expect(redacted).not.toContain(Buffer.from('alice:s3cret-pw').toString('base64'));
    expect(redacted).not.toContain('topsecretvalue');
    expect(redacted).toContain('Basic alice:[redacted]');
    expect(toHarEntry(ex).request.cookies).toEqual([{ name: 'sid', value: '[redacted]' }, { name: 'theme', value: '[redacted]' }]);
    expect(JSON.stringify(toHarEntry(ex, { redact: false }))).toContain(Buffer.from('alice:s3cret-pw').toString('base64'));
  });
});

describe('HAR round trip', () => {
  it('gives back exactly the same exchanges when davscope re-imports its own HAR', async () => {
    const original = sampleExchanges();
    const { exchanges, warnings, creator } = await importText(await exportToText(original));
    expect(warnings).toEqual([]);
    expect(creator).toEqual({ name: 'davscope', version: '0.1.0' });
    expect(wire(exchanges)).toEqual(wire(original));
  });

  it('keeps whose fault a finding is and which primary a folded one sits under; a finding without a party reads as unknown', async () => {
    const { exchanges } = await importText(await exportToText([foldedExchange()]));
    expect(exchanges[0]!.findings.map((f) => [f.ruleId, f.party, f.foldedInto])).toEqual(FOLDED_FINDINGS);
    // The party filter sees the two primaries, the old one as unknown; the folded one is no story of its own.
    expect(compileFilterText('party:unknown')(subjectOfExchange(exchanges[0]!))).toBe(true);
    expect(compileFilterText('party:server')(subjectOfExchange(exchanges[0]!))).toBe(false);
  });

  it('keeps where an exchange came from: source, the exchange it was resent or replayed from, intercept and replay-miss notes', async () => {
    const original = derivedExchanges();
    const { exchanges, warnings } = await importText(await exportToText(original));
    expect(warnings).toEqual([]);
    expect(wire(exchanges)).toEqual(wire(original));
  });

  it('keeps everything HAR itself holds, binary body included, when the _davscope fields are ignored', async () => {
    const original = sampleExchanges();
    const har = JSON.parse(await exportToText(original));
    // The same file as another tool would see it: HAR 1.2 says parsers MUST ignore other tools' custom fields.
    har.log.creator.name = 'some-other-tool';
    const { exchanges } = await importText(JSON.stringify(har));
    const holdable = (ex: Exchange) => ({
      method: ex.request.method,
      target: ex.request.target,
      headers: ex.request.headers,
      status: ex.response?.status,
      statusText: ex.response?.statusText,
      responseHeaders: ex.response?.headers,
      startedAt: ex.timings.startedAt,
    });
    expect(exchanges.map(holdable)).toEqual(original.map(holdable));
    expect(exchanges.every((e) => e.source === 'import' && e.findings.length === 0)).toBe(true);
    expect(exchanges[0].upstream).toBe(UPSTREAM);
    // Complete, uncompressed bodies and timings come back exactly; a binary body byte for byte.
    for (const i of [0, 1]) {
      expect(exchangeToWire(exchanges[i]).request.body).toEqual(exchangeToWire(original[i]).request.body);
      expect(exchangeToWire(exchanges[i]).response!.body).toEqual(exchangeToWire(original[i]).response!.body);
      expect(exchanges[i].timings).toEqual(original[i].timings);
    }
    expect(Buffer.from((exchanges[1].response!.body as { bytes: Uint8Array }).bytes)).toEqual(Buffer.from(BINARY));
    // A compressed body comes back as the decoded text HAR holds; a dropped one as not recorded.
    expect(new TextDecoder().decode((exchanges[2].response!.body as { bytes: Uint8Array }).bytes)).toContain('<d:multistatus');
    expect(exchanges[3].response!.body).toEqual({ kind: 'unavailable', size: 12, reason: 'not-recorded' });
    expect(exchanges[4].response).toBeUndefined();
    expect(exchanges[4].error).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('HAR import from other tools', () => {
  it('reads a Chrome devtools HAR: HTTP/2 pseudo-headers dropped, base64 image, status 0 with _error', async () => {
    const { exchanges, warnings } = await importText(JSON.stringify(chrome));
    expect(warnings).toEqual([]);
    const [propfind, png, refused] = exchanges;
    expect(propfind.request).toMatchObject({ method: 'PROPFIND', target: '/alice/', httpVersion: '2.0', headers: [['depth', '0'], ['content-type', 'application/xml; charset=utf-8']] });
    expect(propfind.upstream).toBe('https://dav.example.com/');
    expect(propfind.response!.status).toBe(207);
    expect(new TextDecoder().decode((propfind.response!.body as { bytes: Uint8Array }).bytes)).toContain('<d:multistatus');
    expect(propfind.timings).toEqual({ startedAt: Date.parse('2025-01-15T09:00:00.123Z'), requestEnd: 2.3, responseStart: 42.4, end: 45.2 });
    expect(png.request.target).toBe('/alice/avatar.png?size=64');
    expect(Buffer.from((png.response!.body as { bytes: Uint8Array }).bytes)).toEqual(PNG);
    expect(refused.response).toBeUndefined();
    expect(refused.error).toEqual({ phase: 'response', code: 'ERR_CONNECTION_REFUSED', message: 'net::ERR_CONNECTION_REFUSED' });
    expect(exchanges.map((e) => [e.seq, e.source])).toEqual([[1, 'import'], [2, 'import'], [3, 'import']]);
  });

  it('reads a Firefox devtools HAR: a body it did not save is unavailable, form params rebuild the body', async () => {
    const { exchanges } = await importText(JSON.stringify(firefox));
    expect(exchanges[0].request.body).toEqual({ kind: 'none' });
    expect(exchanges[0].response!.body).toEqual({ kind: 'unavailable', size: 120, reason: 'not-recorded' });
    expect(exchanges[0].timings.startedAt).toBe(Date.parse('2025-01-15T09:00:00.000Z'));
    expect(new TextDecoder().decode((exchanges[1].request.body as { bytes: Uint8Array }).bytes)).toBe('user=alice&next=%2Fa+b');
    expect(exchanges[1].response!.body).toEqual({ kind: 'none' });
  });

  it('reads a mitmproxy HAR: null timings, microsecond dates, an empty body and a refused connection', async () => {
    const { exchanges } = await importText(JSON.stringify(mitmproxy));
    expect(exchanges[0].request.headers).toEqual([['Content-Type', 'text/calendar'], ['If-None-Match', '*']]);
    expect(exchanges[0].timings).toEqual({ startedAt: Date.parse('2025-01-15T09:00:00.123Z'), requestEnd: 1.5, responseStart: 11.5, end: 12.5 });
    expect(exchanges[0].response!.body).toEqual({ kind: 'captured', bytes: new Uint8Array(), size: 0, truncated: false });
    expect(exchanges[1].error).toMatchObject({ code: 'NO_RESPONSE', message: 'Connection refused' });
  });

  it('reads an HTTP Toolkit HAR: a large body it left out is not recorded, an aborted request has no response', async () => {
    const { exchanges } = await importText(JSON.stringify(httpToolkit));
    expect(exchanges[0].response!.body).toEqual({ kind: 'unavailable', size: 52000, reason: 'not-recorded' });
    expect(exchanges[0].request.body.kind).toBe('captured');
    expect(exchanges[1].response).toBeUndefined();
  });

  it('ignores _davscope fields in a file another tool wrote', () => {
    const entry = { ...toHarEntry(sampleExchanges()[0]), _davscope: { ...toHarEntry(sampleExchanges()[0])._davscope!, target: '/forged' } };
    expect(harEntryToExchange(entry, 0).request.target).toBe('/alice/cal/e1.ics');
    expect(harEntryToExchange(entry, 0, { trustDavscope: true }).request.target).toBe('/forged');
  });
});

describe('reading a HAR file', () => {
  it('streams entries whose strings cross read-buffer boundaries, with escapes, a BOM and unicode', async () => {
    const tricky = 'a "quoted" \\ back\\slash \u00e9\u2615 \n'.repeat(40_000);
    const entries = Array.from({ length: 5 }, (_, i) => ({ ...toHarEntry(sampleExchanges()[0]), request: { ...toHarEntry(sampleExchanges()[0]).request, url: `http://h/${i}`, postData: { mimeType: 'text/plain', text: tricky + i } } }));
    const text = '\ufeff' + JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries } }, null, 1);
    expect(text.length).toBeGreaterThan(5 << 20);
    const { exchanges, warnings } = await importText(text);
    expect(warnings).toEqual([]);
    expect(exchanges.map((e) => e.request.target)).toEqual(['/0', '/1', '/2', '/3', '/4']);
    expect(new TextDecoder().decode((exchanges[3].request.body as { bytes: Uint8Array }).bytes)).toBe(tricky + 3);
  });

  it('skips an entry without a request url with a warning naming its position', async () => {
    const har = JSON.parse(JSON.stringify(mitmproxy));
    delete har.log.entries[0].request.url;
    const { exchanges, warnings } = await importText(JSON.stringify(har));
    expect(exchanges.length).toBe(1);
    expect(warnings).toEqual([{ entry: 0, message: 'entry 0 was skipped: its request has no method or url' }]);
  });

  it('fails clearly on garbage, a JSON file that is not HAR, an empty file and a HAR cut short', async () => {
    const full = JSON.stringify(chrome);
    const cases: [string, RegExp][] = [
      ['\x00\x01garbage', /is not a HAR file: it is not a JSON object/],
      ['[1, 2, 3]', /is not a HAR file: it is not a JSON object/],
      ['{"format": "something else"}', /is not a HAR file: it has no log.entries list/],
      ['   ', /is empty: not a HAR file/],
      [full.slice(0, Math.floor(full.length * 0.6)), /is truncated: the JSON stops before its end \(after 1 complete entries\)/],
    ];
    for (const [text, message] of cases) {
      await expect(importText(text)).rejects.toThrow(message);
      await expect(importText(text)).rejects.toBeInstanceOf(HarError);
    }
  });
});
