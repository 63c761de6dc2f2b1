// The library gives what the CLI gives: lintFile equals `davscope lint --format json` on recordings
// and HAR files, with --rule and --filter as options; startProxy takes the proxy's other flags (the
// UI token, redacted headers); a strict replay stops listening at its first miss.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintExchanges, lintFile, startProxy, startReplay } from '../../proxy/index.ts';
import { writeHar } from '../../proxy/har/export.ts';
import { lintSession, NO_SLASH, PUT_CREATE, writeLintRecording } from '../lint/fixtures.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { startRadicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-library-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cliJson(args: string[]): Promise<unknown> {
  const res = await davscope(['lint', ...args, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout);
}

describe('lintFile and lintExchanges', () => {
  it('give what lint --format json prints, for a recording and a HAR file, with rules and filter', async () => {
    const recording = join(dir, 'session.jsonl');
    await writeLintRecording(recording);
    let text = '';
    await writeHar(lintSession(), (c) => void (text += c), { davscopeVersion: 'test' });
    const har = join(dir, 'session.har');
    writeFileSync(har, text);

    const all = await lintFile(recording);
    expect(all.warnings).toEqual([]);
    expect(all.findings.map((f) => f.rule)).toEqual(expect.arrayContaining([PUT_CREATE, NO_SLASH]));
    expect({ exchanges: all.exchanges, findings: all.findings }).toEqual(await cliJson([recording]));
    const fromHar = await lintFile(har);
    expect({ exchanges: fromHar.exchanges, findings: fromHar.findings }).toEqual(await cliJson([har]));

    const options = { rules: { [PUT_CREATE]: 'off' as const }, filter: 'method:MKCALENDAR,PUT' };
    const some = await lintFile(recording, options);
    expect(some.findings.map((f) => f.rule)).not.toContain(PUT_CREATE);
    expect(new Set(some.findings.map((f) => f.method))).toEqual(new Set(['MKCALENDAR', 'PUT']));
    expect({ exchanges: some.exchanges, findings: some.findings }).toEqual(await cliJson([recording, '--rule', `${PUT_CREATE}=off`, '--filter', options.filter]));
    expect(lintExchanges(lintSession(), options)).toEqual({ exchanges: some.exchanges, findings: some.findings });
  });

  it('refuses an unknown rule id and a filter mistake, as the CLI does', async () => {
    expect(() => lintExchanges([], { rules: { 'caldav/put-create-without-if-none-matc': 'off' } })).toThrow(/put-create-without-if-none-match/);
    await expect(lintFile(join(dir, 'missing.jsonl'))).rejects.toThrow(/does not exist/);
    expect(() => lintExchanges([], { filter: 'method:(' })).toThrow();
  });
});

describe('startProxy with the proxy flags', () => {
  it('guards the inspector with uiToken and redacts redactHeaders in the recording', async () => {
    const radicale = await startRadicale();
    const recording = join(dir, 'redacted.jsonl');
    const proxy = await startProxy({ target: radicale.url, uiToken: 'library-token-1', redactHeaders: ['X-Team-Key'], record: recording, upstreamTimeoutMs: 30_000, clientTimeoutMs: 30_000 });
    try {
      expect((await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/', headers: { Depth: '0', 'X-Team-Key': 'very-secret-value' } })).status).toBe(207);
      expect((await request(proxy.uiUrl, { path: '/api/health' })).status).toBe(401);
      expect((await request(proxy.uiUrl, { path: '/api/health', headers: { Authorization: 'Bearer library-token-1' } })).status).toBe(200);
      const [ex] = await proxy.exchanges();
      expect(ex!.request.headers).toContainEqual(['X-Team-Key', 'very-secret-value']);
    } finally {
      await proxy.close();
      await radicale.stop();
    }
    const text = readFileSync(recording, 'utf8');
    expect(text).toContain('X-Team-Key');
    expect(text).not.toContain('very-secret-value');
  });
});

describe('startProxy refuses bad options before anything starts', () => {
  it('rejects a bad intercept filter and an unknown fault preset, and the process can still end', async () => {
    // Run in a child: a refused start that left the analysis worker running would keep it alive.
    const script = [
      `import { startProxy } from ${JSON.stringify(new URL('../../proxy/index.ts', import.meta.url).href)};`,
      "for (const bad of [{ intercept: 'method:(' }, { faults: ['no-such-preset'] }]) {",
      "  try { await startProxy({ target: 'http://127.0.0.1:9', ...bad }); console.log('started'); } catch (err) { console.log('refused: ' + err.message); }",
      '}',
    ].join('\n');
    const file = join(dir, 'refused.mts');
    writeFileSync(file, script);
    const res = await run(process.execPath, ['--import', 'tsx', file], { timeoutMs: 60_000 });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/refused: .*method:.*\nrefused: .*no preset named "no-such-preset"/);
  });
});

describe('startReplay with strict', () => {
  it('stops listening at the first request the recording does not hold', async () => {
    const recording = join(dir, 'strict.jsonl');
    await writeLintRecording(recording);
    const replay = await startReplay({ recording, strict: true, onMiss: () => {} });
    const miss = await request(replay.proxyUrl, { path: '/nobody/recorded/this' });
    expect(miss.status).toBe(502);
    expect(await replay.stopped).toContain('/nobody/recorded/this');
    await expect(request(replay.proxyUrl, { path: '/alice/calendar/' })).rejects.toThrow(/ECONNREFUSED/);
    await replay.close();
    expect(replay.misses()).toHaveLength(1);
  });
});
