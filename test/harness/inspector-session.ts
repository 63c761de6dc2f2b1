// Real Radicale, an in-process davscope in front of it and real Chromium on its inspector: the set-up
// the page's end-to-end tests share. close() stops all three, whichever started.
import type { Page } from 'playwright-core';
import { startDavscope, type Davscope, type DavscopeOptions } from '../../proxy/server.ts';
import { davscopeOptions } from './davscope-options.ts';
import { launchChromium, type Browser } from './chromium.ts';
import { assertRadicaleInstalled, startRadicale, type Radicale } from './radicale.ts';

export interface InspectorSession {
  readonly radicale: Radicale;
  readonly app: Davscope;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/** `before` runs once davscope listens (traffic the page should find); `onPage` before the page loads. */
export async function startInspectorSession(opts: {
  users: Record<string, string>;
  davscope?: Partial<DavscopeOptions>;
  before?: (app: Davscope) => Promise<void>;
  onPage?: (page: Page) => void;
}): Promise<InspectorSession> {
  assertRadicaleInstalled();
  const radicale = await startRadicale({ users: opts.users });
  const app = await startDavscope(davscopeOptions(radicale.url, opts.davscope));
  await opts.before?.(app);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  opts.onPage?.(page);
  await page.goto(app.uiUrl);
  return {
    radicale,
    app,
    browser,
    page,
    async close() {
      await browser.close();
      await app.close();
      await radicale.stop();
    },
  };
}
