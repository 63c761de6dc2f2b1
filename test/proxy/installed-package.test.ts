// davscope as a user gets it: packed, installed from the tarball with --omit=dev in an empty project,
// run from there. It carries the built page and the compiled proxy and nothing only developers need,
// runs the compiled tree (no tsx), and its demo shows flagged exchanges in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
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
