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
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('ui/') || f.startsWith('rules/') || /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // Only the runtime dependencies were installed: no tsx, vite, lit or CodeMirror.
    expect(readdirSync(join(installed.project, 'node_modules')).filter((n) => !n.startsWith('.')).sort()).toEqual(['davscope', 'ical.js', 'ws']);
    expect(existsSync(join(installed.dir, 'rules'))).toBe(false);
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
