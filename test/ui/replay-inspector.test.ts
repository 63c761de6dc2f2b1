// Replay in the inspector: a python3-caldav session captured against real Radicale is replayed by
// davscope's replay responder with Radicale stopped; every replayed exchange is captured, linked to
// the recorded one that answered it, and shown so in real Chromium; a miss shows its candidates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startDavscope, type Davscope, type DavscopeOptions } from '../../proxy/server.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { launchChromium, type Browser } from '../harness/chromium.ts';
import { assertRadicaleInstalled, startRadicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));

function options(target: string, extra: Partial<DavscopeOptions> = {}): DavscopeOptions {
  return davscopeOptions(target, { maxBody: 4 << 20, ...extra });
}

let recorded: Exchange[];
let firstRun: string;
let replay: Davscope;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  assertRadicaleInstalled();
  const radicale = await startRadicale({ users: { alice: 'secret' } });
  const live = await startDavscope(options(radicale.url));
  try {
    const session = await run('/usr/bin/python3', [SCRIPT, live.proxyUrl, 'alice', 'secret']);
    expect(session.stdout).toContain('SESSION OK');
    firstRun = session.stdout;
    await live.idle();
    recorded = live.store.rows(-Infinity, Infinity).map((r) => live.store.get(r.id)!);
  } finally {
    await live.close();
    await radicale.stop(); // from here on, only the recording answers
  }
  replay = await startDavscope(options(radicale.url, { replay: { exchanges: recorded } }));
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await replay?.close();
});

describe('replay serve with the inspector', () => {
  it('answers the session again, and captures every exchange as replayed, linked to the recorded one', async () => {
    const again = await run('/usr/bin/python3', [SCRIPT, replay.proxyUrl, 'alice', 'secret']);
    expect(again.stdout).toBe(firstRun);
    await replay.idle();
    const replayed = replay.store.rows(-Infinity, Infinity).map((r) => replay.store.get(r.id)!);
    expect(replayed.length).toBe(recorded.length);
    const byId = new Map(recorded.map((e) => [e.id, e]));
    for (const ex of replayed) {
      expect(ex.source).toBe('replayed');
      const origin = byId.get(ex.basedOn!);
      expect(origin, `#${ex.id} ${ex.request.method} ${ex.request.target}`).toBeDefined();
      expect([ex.request.method, ex.request.target, ex.response?.status]).toEqual([origin!.request.method, origin!.request.target, origin!.response?.status]);
    }
    // Each recorded exchange answered once: identical requests are answered in recorded order.
    expect(new Set(replayed.map((e) => e.basedOn)).size).toBe(recorded.length);
  });

  it('captures a miss with the nearest recorded candidates', async () => {
    const miss = await request(replay.proxyUrl, { method: 'PROPFIND', path: '/alice/', headers: { Depth: '7' } });
    expect(miss.status).toBe(502);
    await replay.idle();
    const last = replay.store.rows(-Infinity, Infinity).at(-1)!;
    const ex = replay.store.get(last.id)!;
    expect(ex.error?.code).toBe('REPLAY_MISS');
    expect(ex.replayMiss?.length).toBeGreaterThan(0);
    expect(ex.replayMiss![0]).toMatchObject({ method: 'PROPFIND' });
  });

  it('shows in the page which recorded exchange answered each request, and the candidates of a miss', async () => {
    await page.goto(replay.uiUrl);
    const rows = page.locator('ds-exchange-list .row');
    const first = rows.first();
    await first.waitFor();
    expect(await first.locator('.origin-tag').textContent()).toMatch(/^replay of #\d+$/);
    await first.click();
    await page.locator('ds-exchange-origin .origin', { hasText: 'answered by recorded exchange' }).waitFor();
    await page.locator('ds-exchange-list .viewport').press('End');
    const missRow = page.locator('ds-exchange-list .row', { hasText: 'REPLAY_MISS' });
    await missRow.click();
    await page.locator('ds-exchange-origin .miss').waitFor();
    expect(await page.locator('ds-exchange-origin .candidates > li').count()).toBeGreaterThan(0);
    expect(await page.locator('ds-exchange-origin .candidates').textContent()).toContain('PROPFIND');
  });
});
