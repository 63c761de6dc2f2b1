// --record through the real proxy process against real Radicale with python3-caldav: the file
// holds every exchange Radicale answered, no credential, survives SIGKILL, and lint reads it.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { davscope as cli } from '../lint/davscope-cli.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const BASIC_TOKEN = Buffer.from('alice:secret').toString('base64');
const cleanups = useCleanups();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-record-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function radicale(users?: Record<string, string>): Promise<Radicale> {
  const r = await startRadicale(users ? { users } : {});
  cleanups.push(() => r.stop());
  return r;
}

async function proxy(target: string, extra: string[]): Promise<DavscopeProcess> {
  const d = await startDavscopeProcess(target, extra);
  cleanups.push(() => d.stop());
  return d;
}

async function load(path: string) {
  const reader = readRecording(path);
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, warnings: reader.warnings, header: reader.header };
}

describe('davscope --record', () => {
  it('records a python3-caldav session against Radicale, every exchange in order, and lint reads the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'session.jsonl');
    const upstream = await radicale({ alice: 'secret' });
    const d = await proxy(upstream.url, ['--record', file]);
    expect(d.output()).toContain(`recording to                 ${file}`);
    const session = await run('/usr/bin/python3', [SCRIPT, d.proxyUrl, 'alice', 'secret']);
    expect(session.stdout).toContain('SESSION OK');
    expect(await d.stop()).toBe(0);

    const { exchanges, warnings, header } = await load(file);
    expect(warnings).toEqual([]);
    expect(header).toMatchObject({ format: 'davscope-recording', version: 1, upstream: `${upstream.url}/`, redacted: true });
    // Radicale's own log is the independent witness of what crossed the proxy.
    const answered = upstream.answered();
    expect(answered.length).toBeGreaterThan(10);
    expect(exchanges.map((e) => [e.request.method, decodeURIComponent(e.request.target.split('?')[0]), e.response?.status])).toEqual(
      answered.map((a) => [a.method, a.path, a.status]),
    );
    expect(exchanges.map((e) => e.seq)).toEqual(exchanges.map((_, i) => i + 1));
    const put = exchanges.find((e) => e.request.method === 'PUT')!;
    expect(new TextDecoder().decode((put.request.body as { bytes: Uint8Array }).bytes)).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(exchanges.some((e) => e.findings.some((f) => f.ruleId === 'caldav/put-create-without-if-none-match'))).toBe(true);

    const lint = await cli(['lint', file, '--format', 'json', '--fail-on', 'never']);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    const report = JSON.parse(lint.stdout) as { exchanges: number; findings: { exchange: number; rule: string }[] };
    expect(report.exchanges).toBe(exchanges.length);
    const recorded = exchanges.flatMap((e, i) => e.findings.map((f) => `${i + 1} ${f.ruleId}`));
    expect(report.findings.map((f) => `${f.exchange} ${f.rule}`)).toEqual(recorded);
  });

  it('writes no secret byte of a Basic-auth session: neither the password nor the base64 of user:password', async () => {
    const dir = tempDir();
    const file = join(dir, 'auth.jsonl');
    const upstream = await radicale({ alice: 'secret' });
    const d = await proxy(upstream.url, ['--record', file]);
    const session = await run('/usr/bin/python3', [SCRIPT, d.proxyUrl, 'alice', 'secret']);
    expect(session.stdout).toContain('SESSION OK');
    await d.stop();
    const bytes = readFileSync(file);
    expect(bytes.includes('secret')).toBe(false);
    expect(bytes.includes(BASIC_TOKEN)).toBe(false);
    expect(bytes.includes('alice:secret')).toBe(false);
    // The scheme and the user name stay, so the file still tells who authenticated how.
    expect(bytes.toString()).toContain('"Authorization","Basic alice:[redacted]"');
  });

  it('keeps the credentials with --keep-secrets', async () => {
    const dir = tempDir();
    const file = join(dir, 'kept.jsonl');
    const upstream = await radicale({ alice: 'secret' });
    const d = await proxy(upstream.url, ['--record', file, '--keep-secrets']);
    await request(`${d.proxyUrl}/alice/`, { method: 'PROPFIND', headers: { Depth: '0', Authorization: `Basic ${BASIC_TOKEN}` } });
    await d.waitForExchanges(1);
    await d.stop();
    expect(readFileSync(file, 'utf8')).toContain(`Basic ${BASIC_TOKEN}`);
    expect((await load(file)).header!.redacted).toBe(false);
  });

  it('replaces the value of each --redact-header in the recording', async () => {
    const dir = tempDir();
    const file = join(dir, 'headers.jsonl');
    const upstream = await radicale();
    const d = await proxy(upstream.url, ['--record', file, '--redact-header', 'X-Tenant-Key', '-q']);
    await request(`${d.proxyUrl}/`, { method: 'PROPFIND', headers: { Depth: '0', 'X-Tenant-Key': 'tenant-secret-1', 'X-Api-Key': 'api-secret-2' } });
    await d.waitForExchanges(1);
    await d.stop();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('tenant-secret-1');
    expect(text).not.toContain('api-secret-2');
    expect(text).toContain('"X-Tenant-Key","[redacted]"');
  });

  it('leaves a loadable, lintable file when the proxy is killed with SIGKILL mid-session', async () => {
    const dir = tempDir();
    const file = join(dir, 'killed.jsonl');
    const upstream = await radicale();
    const d = await startDavscopeProcess(upstream.url, ['--record', file]);
    cleanups.push(() => d.stop());
    const client = spawn('/usr/bin/python3', [SCRIPT, d.proxyUrl], { stdio: 'ignore' });
    const clientDone = new Promise((r) => client.on('close', r));
    cleanups.push(() => void client.kill('SIGKILL'));
    const listed = (await d.waitForExchanges(6, 30_000)).length;
    const exited = new Promise((r) => d.proc.once('exit', r));
    d.proc.kill('SIGKILL');
    await exited;
    await clientDone;

    const { exchanges, warnings } = await load(file);
    // Only what was still in flight may be lost, and at worst the last line is torn.
    expect(warnings.every((w) => w.kind === 'torn-last-line')).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(1);
    expect(exchanges.length).toBeGreaterThanOrEqual(listed - 1);
    expect(exchanges.map((e) => e.seq)).toEqual(exchanges.map((_, i) => i + 1));
    const lint = await cli(['lint', file, '--format', 'json', '--fail-on', 'never']);
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).exchanges).toBe(exchanges.length);
  });

  it('flushes and closes the file on SIGTERM', async () => {
    const dir = tempDir();
    const file = join(dir, 'term.jsonl');
    const upstream = await radicale();
    const d = await proxy(upstream.url, ['--record', file]);
    for (let i = 0; i < 5; i++) await request(`${d.proxyUrl}/anon${i}/`, { method: 'PROPFIND', headers: { Depth: '0' } });
    const exited = new Promise<number | null>((r) => d.proc.once('exit', r));
    d.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    const { exchanges, warnings } = await load(file);
    expect(warnings).toEqual([]);
    expect(exchanges.map((e) => e.request.target)).toEqual(['/anon0/', '/anon1/', '/anon2/', '/anon3/', '/anon4/']);
  });

  it('keeps forwarding and warns once when the recording file cannot be written', async () => {
    const dir = tempDir();
    const file = join(dir, 'no-such-dir', 'r.jsonl');
    const upstream = await radicale();
    const d = await proxy(upstream.url, ['--record', file]);
    for (let i = 0; i < 3; i++) {
      const res = await request(`${d.proxyUrl}/`, { method: 'PROPFIND', headers: { Depth: '0' } });
      expect(res.status).toBe(207);
    }
    await d.waitForExchanges(3);
    expect(d.stderr().match(/cannot record to/g)).toEqual(['cannot record to']);
    expect(d.stderr()).toContain(`cannot record to ${file}, traffic is still forwarded but not recorded`);
    expect(existsSync(file)).toBe(false);
  });
});
