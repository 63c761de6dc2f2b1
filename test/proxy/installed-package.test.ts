// davscope as a user gets it: packed, installed from the tarball with --omit=dev in an empty project,
// run from there. It carries the built page and the compiled proxy and nothing only developers need,
// runs the compiled tree (no tsx), and its demo shows flagged exchanges in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { packAndInstall, type InstalledPackage } from '../harness/installed-package.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { launchChromium, type Browser } from '../harness/chromium.ts';
import { getJson } from '../harness/net.ts';
import { startRadicale } from '../harness/radicale.ts';
import { run } from '../harness/run.ts';

const SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));

let installed: InstalledPackage;
let demo: DavscopeProcess;
beforeAll(async () => {
  installed = packAndInstall();
  demo = await startDavscopeProcess(undefined, [], { bin: installed.bin });
}, 180_000);
afterAll(async () => {
  await demo?.stop();
  installed?.remove();
});

describe('the installed package', () => {
  it('holds the compiled proxy, the built page and the demo, and nothing only developers need', () => {
    const files = installed.files;
    expect(files).toContain('dist/node/proxy/cli.js');
    expect(files).toContain('dist/ui/index.html');
    expect(files).toContain('proxy/demo/demo-session.jsonl');
    expect(files).toContain('proxy/interop/caldav-traps.jsonl');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('ui/') || f.startsWith('rules/') || /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // Only the runtime dependencies were installed: no tsx, vite, lit, CodeMirror or test tools.
    const modules = readdirSync(join(installed.project, 'node_modules'));
    for (const needed of ['davscope', 'ical.js', 'ws', '@peculiar']) expect(modules).toContain(needed);
    for (const devOnly of ['tsx', 'vite', 'lit', 'codemirror', '@codemirror', 'typescript', 'vitest', 'playwright-core', 'esbuild']) expect(modules).not.toContain(devOnly);
    expect(existsSync(join(installed.dir, 'rules'))).toBe(false);
  });

  it('sends its own trap scenario with davscope interop and no FILE', () => {
    // A closed port: the scenario is read (16 exchanges) and the target's column says why it is empty.
    const res = spawnSync(process.execPath, [installed.bin, 'interop', '-t', 'closed=http://127.0.0.1:1', '--format', 'json'], { encoding: 'utf8', cwd: installed.project });
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toContain("no FILE given: sending davscope's trap scenario");
    const report = JSON.parse(res.stdout) as { recording: string; rows: unknown[]; columns: { name: string; error?: string }[] };
    expect(report.recording).toBe("davscope's trap scenario (caldav-traps.jsonl)");
    expect(report.rows.length).toBe(16);
    expect(report.columns[1]!.error).toMatch(/^unreachable: ECONNREFUSED/);
  });

  it('gives typed imports from the package root: right options compile, a wrong one does not', () => {
    const check = join(installed.project, 'check.ts');
    writeFileSync(
      check,
      `import { startProxy, lintFile, type ProxyOptions, type LintReport } from 'davscope';\n` +
        `const ok: ProxyOptions = { target: 'http://127.0.0.1:5232/', port: 0 };\n` +
        `export async function f(): Promise<LintReport> { await startProxy(ok); return lintFile('x.jsonl'); }\n` +
        `// @ts-expect-error: no such option\n` +
        `export const bad: ProxyOptions = { target: 'x', colour: true };\n`,
    );
    writeFileSync(join(installed.project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [], lib: ['es2023', 'dom'], skipLibCheck: false }, files: ['check.ts'] }));
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const res = spawnSync(process.execPath, [tsc, '-p', installed.project], { encoding: 'utf8' });
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
    // And it can fail: without the directive the wrong option is an error.
    writeFileSync(check, readFileSync(check, 'utf8').replace('// @ts-expect-error: no such option\n', ''));
    expect(spawnSync(process.execPath, [tsc, '-p', installed.project], { encoding: 'utf8' }).stdout).toMatch(/colour/);
  });

  it('serves HTTPS from the installed package in front of real Radicale, and its library lints the traffic it recorded', async () => {
    const radicale = await startRadicale({ users: { alice: 'secret' } });
    const recording = join(installed.project, 'session.jsonl');
    const config = join(installed.project, 'config');
    const tlsProxy = await startDavscopeProcess(radicale.url, ['--tls', '--quiet', '--record', recording], { bin: installed.bin, env: { DAVSCOPE_CONFIG_DIR: config } });
    try {
      const ca = join(config, 'davscope-ca.pem');
      const session = await run('/usr/bin/python3', [SESSION, tlsProxy.proxyUrl, 'alice', 'secret'], { env: { ...process.env, REQUESTS_CA_BUNDLE: ca }, timeoutMs: 120_000 });
      expect(session.stdout).toContain('SESSION OK');
      await tlsProxy.waitForExchanges(10);
    } finally {
      await tlsProxy.stop();
      await radicale.stop();
    }
    // The library, imported by its name from the installed package, as a user's script does.
    const script = join(installed.project, 'lint.mjs');
    writeFileSync(script, `import { lintFile } from 'davscope';\nconst r = await lintFile(process.argv[2]);\nconsole.log(JSON.stringify(r));\n`);
    const out = await run(process.execPath, [script, recording], { cwd: installed.project });
    const report = JSON.parse(out.stdout) as { exchanges: number; findings: { rule: string; party: string }[] };
    expect(report.exchanges).toBeGreaterThan(10);
    expect(report.findings.find((f) => f.rule === 'caldav/put-create-without-if-none-match')).toMatchObject({ party: 'client' });
    expect(report.findings.map((f) => f.rule)).not.toContain('http/basic-auth-over-cleartext');
  }, 180_000);

  it('runs the demo on the compiled tree, and the inspector shows its flagged exchanges', async () => {
    const health = await getJson<{ runtime: string }>(`${demo.uiUrl}/api/health`);
    expect(health.runtime).toBe('compiled');
    await demo.waitForExchanges(17);
    const browser: Browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(demo.uiUrl);
      await page.locator('ds-exchange-list .row').nth(16).waitFor();
      expect(await page.locator('ds-app').textContent()).not.toContain('not built');
      const flagged = await page.locator('ds-exchange-list .row ds-severity-badges').evaluateAll((els) => els.filter((e) => (e.shadowRoot?.textContent ?? '').includes('err')).length);
      expect(flagged).toBeGreaterThan(3);
    } finally {
      await browser.close();
    }
    console.log(`installed davscope (compiled) RSS after the demo: ${Math.round(demo.rssBytes() / 1024 / 1024)} MB`);
  });
});
