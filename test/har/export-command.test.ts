// `davscope export` as users run it: --to har writes a valid HAR 1.2 file that re-imports to the
// recording's exchanges, redacted unless --keep-secrets; --to http writes one .http file per
// exchange that, read with the REST Client grammar, replays a real session against fresh Radicale.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeToWire } from '../../rules/model/wire.ts';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import { readHar } from '../../proxy/har/reader.ts';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { validateHar } from './har-schema.ts';
import { sampleExchanges, BINARY } from '../recording/fixtures.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const TOKEN = Buffer.from('alice:s3cret-pw').toString('base64');
const cleanups = useCleanups();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-export-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The samples, with credentials, recorded with secrets kept so export's own redaction is what is tested. */
async function recordingWithSecrets(dir: string): Promise<{ path: string; exchanges: Exchange[] }> {
  const exchanges = sampleExchanges().map((ex, i) =>
    i === 0 ? { ...ex, request: { ...ex.request, headers: [...ex.request.headers, ['Authorization', `Basic ${TOKEN}`] as const] } } : ex,
  );
  const path = join(dir, 'in.jsonl');
  const w = await RecordingWriter.open(path, { upstream: 'http://127.0.0.1:5232/', redact: false });
  for (const ex of exchanges) await w.append(ex);
  await w.close();
  return { path, exchanges };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A password that shows in exchange 0's bodies and in a finding, while only exchange 3 carries the Authorization that reveals it. */
async function recordingWithLateSecret(dir: string): Promise<string> {
  const exchanges = sampleExchanges().map((ex, i) => {
    if (i === 0) {
      const bytes = new TextEncoder().encode('BEGIN:VCALENDAR\r\nX-NOTE:s3cret-pw\r\nEND:VCALENDAR\r\n');
      return { ...ex, request: { ...ex.request, body: { kind: 'captured' as const, bytes, size: bytes.length, truncated: false } }, findings: ex.findings.map((f) => ({ ...f, message: 'saw s3cret-pw' })) };
    }
    return i === 3 ? { ...ex, request: { ...ex.request, headers: [...ex.request.headers, ['Authorization', `Basic ${TOKEN}`] as const] } } : ex;
  });
  const path = join(dir, 'late.jsonl');
  const w = await RecordingWriter.open(path, { upstream: 'http://127.0.0.1:5232/', redact: false });
  for (const ex of exchanges) await w.append(ex);
  await w.close();
  return path;
}

describe('davscope export: secrets of the whole file', () => {
  it('scrubs a password from every exchange, also those before the one that reveals it', async () => {
    const dir = tempDir();
    const path = await recordingWithLateSecret(dir);
    const har = join(dir, 'out.har');
    expect((await davscope(['export', path, '--to', 'har', '-o', har])).code).toBe(0);
    expect(readFileSync(har, 'utf8')).not.toContain('s3cret-pw');
    const out = join(dir, 'http');
    expect((await davscope(['export', path, '--to', 'http', '-o', out])).code).toBe(0);
    const files = readdirSync(out);
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect(readFileSync(join(out, f), 'latin1')).not.toContain('s3cret-pw');
  });
});

describe('davscope export --redact-header', () => {
  it('replaces the named headers, and the defaults, in HAR and .http output', async () => {
    const dir = tempDir();
    const exchanges = sampleExchanges().map((ex, i) =>
      i === 0 ? { ...ex, request: { ...ex.request, headers: [...ex.request.headers, ['X-Tenant-Key', 'tenant-secret-1'], ['X-Api-Key', 'api-secret-2']] as [string, string][] } } : ex,
    );
    const path = join(dir, 'in.jsonl');
    const w = await RecordingWriter.open(path, { redact: false });
    for (const ex of exchanges) await w.append(ex);
    await w.close();
    const har = await davscope(['export', path, '--to', 'har', '-o', '-', '--redact-header', 'x-tenant-key']);
    expect(har.code).toBe(0);
    expect(har.stdout).not.toContain('tenant-secret-1');
    expect(har.stdout).not.toContain('api-secret-2');
    expect(JSON.parse(har.stdout).log.entries[0].request.headers).toContainEqual({ name: 'X-Tenant-Key', value: '[redacted]' });
    const out = join(dir, 'http');
    expect((await davscope(['export', path, '--to', 'http', '-o', out, '--redact-header', 'X-Tenant-Key'])).code).toBe(0);
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f), 'latin1')).not.toMatch(/tenant-secret-1|api-secret-2/);
    // The redacted values become variables to set, as the Authorization password does.
    const first = readFileSync(join(out, readdirSync(out).sort().find((f) => f.endsWith('.http'))!), 'utf8');
    expect(first).toContain('@x_tenant_key = change-me');
    expect(first).toContain('X-Tenant-Key: {{x_tenant_key}}');
    expect(first).toContain('X-Api-Key: {{x_api_key}}');
  });
});

describe('davscope export: file modes', () => {
  it('writes files only their owner can read, in directories only their owner can enter, existing ones included', async () => {
    const dir = tempDir();
    const path = await recordingWithLateSecret(dir);
    const har = join(dir, 'out.har');
    writeFileSync(har, 'old');
    chmodSync(har, 0o644);
    expect((await davscope(['export', path, '--to', 'har', '-o', har])).code).toBe(0);
    expect(statSync(har).mode & 0o777).toBe(0o600);

    const out = join(dir, 'made', 'http');
    expect((await davscope(['export', path, '--to', 'http', '-o', out])).code).toBe(0);
    expect(statSync(join(dir, 'made')).mode & 0o777).toBe(0o700);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    const files = readdirSync(out);
    for (const f of files) expect([f, statSync(join(out, f)).mode & 0o777]).toEqual([f, 0o600]);

    // A second export over the first: the files it truncates become private too.
    for (const f of files) chmodSync(join(out, f), 0o644);
    expect((await davscope(['export', path, '--to', 'http', '-o', out])).code).toBe(0);
    for (const f of files) expect([f, statSync(join(out, f)).mode & 0o777]).toEqual([f, 0o600]);
  });
});

describe('davscope export --to har', () => {
  it('writes a HAR 1.2 file that validates and re-imports to the same exchanges, redacted by default', async () => {
    const dir = tempDir();
    const { path } = await recordingWithSecrets(dir);
    const out = join(dir, 'out.har');
    const res = await davscope(['export', path, '--to', 'har', '-o', out]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe(`davscope export: wrote 5 exchanges to ${out}\n`);
    const text = readFileSync(out, 'utf8');
    expect(validateHar(JSON.parse(text))).toEqual([]);
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('Basic alice:[redacted]');
    expect(readdirSync(dir).sort()).toEqual(['in.jsonl', 'out.har']);

    const fromHar = await all(readHar(out));
    const redactedRecording = join(dir, 'redacted.jsonl');
    const w = await RecordingWriter.open(redactedRecording);
    for (const ex of await all(readRecording(path))) await w.append(ex);
    await w.close();
    expect(fromHar.map(exchangeToWire)).toEqual((await all(readRecording(redactedRecording))).map(exchangeToWire));
  });

  it('keeps the credentials with --keep-secrets and writes to standard output with -o -', async () => {
    const dir = tempDir();
    const { path } = await recordingWithSecrets(dir);
    const res = await davscope(['export', path, '--to', 'har', '-o', '-', '--keep-secrets']);
    expect(res.code).toBe(0);
    const har = JSON.parse(res.stdout);
    expect(validateHar(har)).toEqual([]);
    expect(har.log.entries[0].request.headers).toContainEqual({ name: 'Authorization', value: `Basic ${TOKEN}` });
    expect(har.log.entries[1].response.content).toMatchObject({ encoding: 'base64', text: Buffer.from(BINARY).toString('base64') });
  });

  it('fails with exit 2 on an unreadable recording and leaves no partial output', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"format":"davscope-recording","version":42}\n');
    const res = await davscope(['export', bad, '--to', 'har', '-o', join(dir, 'x.har')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/newer davscope/);
    expect(readdirSync(dir)).toEqual(['bad.jsonl']);
    const usage = await davscope(['export', bad, '--to', 'pcap']);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/--to is har or http, not "pcap"\nRun "davscope export --help" for the options\./)]);
  });
});

interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: Buffer;
}

/** Reads a .http file as the VS Code REST Client and the JetBrains HTTP client do: `@var = value`
 *  lines, `#`/`//` comments, `###` separators, a request line, headers, a blank line, the body
 *  (or `< ./file`), {{var}} substitution, and `Authorization: Basic user password` encoded. */
function parseHttpFile(text: string, dir: string, override: Record<string, string> = {}): HttpRequest {
  const vars: Record<string, string> = {};
  const lines = text.split('\n');
  let i = 0;
  let requestLine: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const v = /^@([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line);
    if (v) vars[v[1]] = v[2];
    else if (line.trim() === '' || line.startsWith('#') || line.startsWith('//')) continue;
    else {
      requestLine = line;
      i++;
      break;
    }
  }
  Object.assign(vars, override);
  const sub = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
  const m = /^([A-Z][A-Z-]*) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/.exec(requestLine ?? '');
  if (!m) throw new Error(`not a request line: ${requestLine}`);
  const headers: [string, string][] = [];
  for (; i < lines.length && lines[i] !== ''; i++) {
    const h = /^([^:\s]+):\s*(.*)$/.exec(lines[i]);
    if (!h) throw new Error(`not a header line: ${lines[i]}`);
    let value = sub(h[2]);
    const basic = /^Basic (\S+) (\S+)$/.exec(value);
    if (h[1].toLowerCase() === 'authorization' && basic) value = `Basic ${Buffer.from(`${basic[1]}:${basic[2]}`).toString('base64')}`;
    headers.push([h[1], value]);
  }
  const rest = lines.slice(i + 1).join('\n');
  let body: Buffer | undefined;
  const include = /^<\s+(\S+)\s*$/.exec(rest.trim());
  if (include) body = readFileSync(join(dir, include[1]));
  else if (rest !== '') body = Buffer.from(rest.replace(/\n$/, ''));
  return { method: m[1], url: sub(m[2]), headers, ...(body ? { body } : {}) };
}

describe('davscope export --to http', () => {
  it('writes one .http file per exchange in order, with the request as sent minus what the tool sets itself', async () => {
    const dir = tempDir();
    const { path } = await recordingWithSecrets(dir);
    const out = join(dir, 'http');
    const res = await davscope(['export', path, '--to', 'http', '-o', out]);
    expect(res.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['0000-put-cal-e1.ics.body.ics', '0000-put-cal-e1.ics.http', '0001-get-alice-blob.bin.http', '0002-propfind-alice.http', '0003-put-alice-big.ics.http', '0004-report-alice-cal.http']);
    const put = readFileSync(join(out, '0000-put-cal-e1.ics.http'), 'utf8');
    expect(put).not.toContain(TOKEN);
    expect(put).toMatch(/^# the credentials were redacted when exporting: set them here\n@password = change-me\n\n### 0 PUT \/alice\/cal\/e1\.ics\n/);
    expect(put).toContain('# recorded answer: 201 Created\n# warning caldav/put-create-without-if-none-match: PUT created /alice/cal/e1.ics without If-None-Match: *\n');
    expect(put).toContain('PUT http://127.0.0.1:5232/alice/cal/e1.ics HTTP/1.1\ncontent-type: text/calendar; charset=utf-8\nX-Dup: a\nX-DUP: b\nAuthorization: Basic alice {{password}}\n\n< ./0000-put-cal-e1.ics.body.ics\n');
    expect(put).not.toMatch(/^Host:|^Content-Length:/m);
    const parsed = parseHttpFile(put, out, { password: 'pw' });
    expect(parsed).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:5232/alice/cal/e1.ics' });
    expect(parsed.headers).toContainEqual(['Authorization', `Basic ${Buffer.from('alice:pw').toString('base64')}`]);
    expect(parsed.body!.toString()).toBe(sampleExchanges()[0].request.body.kind === 'captured' ? new TextDecoder().decode((sampleExchanges()[0].request.body as { bytes: Uint8Array }).bytes) : '');
    // A body that was cut short is not replayed as if whole.
    expect(readFileSync(join(out, '0003-put-alice-big.ics.http'), 'utf8')).toContain('# the request had a body (5000000 bytes) but only its first 17 bytes were recorded: add it here');
    // The refused REPORT: the outcome as a comment; its XML body (no CR, no final newline) is inline.
    const report = readFileSync(join(out, '0004-report-alice-cal.http'), 'utf8');
    expect(report).toContain('# recorded outcome: no response (connect failed: ECONNREFUSED)');
    expect(report).toMatch(/\nDepth: 1\nContent-Type: application\/xml\n\n<\?xml version="1\.0"\?><d:multistatus[^\n]*<\/d:multistatus>\n$/);
    expect(parseHttpFile(report, out).body!.toString()).toMatch(/^<\?xml version="1\.0"\?>.*<\/d:multistatus>$/);
  });

  it('puts a binary request body in a file beside the request, included with < ./NAME', async () => {
    const dir = tempDir();
    const [put] = sampleExchanges();
    const binaryPut = { ...put, request: { ...put.request, headers: [['Content-Type', 'application/octet-stream']] as const, body: { kind: 'captured' as const, bytes: BINARY, size: BINARY.length, truncated: false } } };
    const path = join(dir, 'bin.jsonl');
    const w = await RecordingWriter.open(path);
    await w.append(binaryPut);
    await w.close();
    const out = join(dir, 'http');
    expect((await davscope(['export', path, '--to', 'http', '-o', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['0000-put-cal-e1.ics.body.bin', '0000-put-cal-e1.ics.http']);
    const text = readFileSync(join(out, '0000-put-cal-e1.ics.http'), 'utf8');
    expect(text.endsWith('Content-Type: application/octet-stream\n\n< ./0000-put-cal-e1.ics.body.bin\n')).toBe(true);
    expect(parseHttpFile(text, out).body).toEqual(Buffer.from(BINARY));
  });

  it('replays a recorded python3-caldav session against a fresh Radicale with the same statuses', async () => {
    const dir = tempDir();
    const file = join(dir, 'session.jsonl');
    const first = await startRadicale({ users: { alice: 'secret' } });
    cleanups.push(() => first.stop());
    const d = await startDavscopeProcess(first.url, ['--record', file]);
    cleanups.push(() => d.stop());
    expect((await run('/usr/bin/python3', [SCRIPT, d.proxyUrl, 'alice', 'secret'])).stdout).toContain('SESSION OK');
    await d.stop();
    const recorded = await all(readRecording(file));

    const out = join(dir, 'http');
    expect((await davscope(['export', file, '--to', 'http', '-o', out])).code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.http')).sort();
    expect(files.length).toBe(recorded.length);

    const second = await startRadicale({ users: { alice: 'secret' } });
    cleanups.push(() => second.stop());
    const statuses: number[] = [];
    for (const f of files) {
      const req = parseHttpFile(readFileSync(join(out, f), 'utf8'), out, { password: 'secret' });
      const url = new URL(req.url);
      // Both tools set Content-Length themselves (export leaves the recorded one out); without it Node would send chunked.
      const headers = [...req.headers.flat(), ...(req.body ? ['Content-Length', String(req.body.length)] : [])];
      const res = await request(second.url, { method: req.method, path: url.pathname + url.search, headers, ...(req.body ? { body: req.body } : {}) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(recorded.map((e) => e.response!.status));
  });
});
