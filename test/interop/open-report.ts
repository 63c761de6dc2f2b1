// Opens an interop report file in the inspector, as a user does ("open recording or HAR…"): a real
// davscope in front of `upstream`, real Chromium; the page's interop view once its rows are shown.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { launchChromium } from '../harness/chromium.ts';
import type { Cleanup } from '../harness/cleanups.ts';

export async function openReportInInspector(upstream: string, file: string, rows: number, cleanups: Cleanup[], viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; view: Locator }> {
  const inspector = await startDavscopeProcess(upstream, ['--quiet']);
  cleanups.push(() => inspector.stop());
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(inspector.uiUrl);
  await page.locator('ds-file-open input[type=file]').setInputFiles(file);
  const view = page.locator('ds-interop-view');
  await expect.poll(() => view.locator('table.matrix tr[data-index]').count()).toBe(rows);
  return { page, view };
}
