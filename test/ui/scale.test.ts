// The inspector in real Chromium with 50,000 exchanges in the store: the list renders only the rows
// in view, filters and scrolls to the right rows, and follows the tail correctly. It is also the UI
// benchmark (test/bench/ui-bench.ts runs it with DAVSCOPE_BENCH=1): then filtering and scrolling
// must answer in under 100 ms (the median of several runs, so one garbage collection does not
// decide). Speed is claimed by the benchmark only, never by CI on a machine of unknown load.
// Figures are printed at the end: time until the components updated and until painted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import type { Exchange, Finding } from '../../rules/model/exchange.ts';
import { artifactPath, ensureUiBuilt, launchChromium, type Browser } from '../harness/chromium.ts';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';

const N = 50_000;
/** Under `npm run bench`: the 100 ms targets are asserted, not only reported. */
const BENCH = process.env.DAVSCOPE_BENCH === '1';
const withinTarget = (ms: number, what: string) => {
  if (BENCH) expect(ms, what).toBeLessThan(100);
};
let upstream: EchoUpstream;
let app: Davscope;
let browser: Browser;
let page: Page;
let seq = 0;
const figures: Record<string, string> = {};

const warn: Finding = { ruleId: 'caldav/put-create-without-if-none-match', messageId: 'm', severity: 'warning', message: 'PUT created without If-None-Match: *', explanation: 'x', fix: 'y', specs: [] };

/** A PUT's event, so the server-side search has 10,000 bodies to read. */
function eventBody(n: number): Exchange['request']['body'] {
  const bytes = new TextEncoder().encode(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:${n}@bench\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250102T100000Z\r\nSUMMARY:meeting ${n}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);
  return { kind: 'captured', bytes, size: bytes.length, truncated: false };
}

function add(): void {
  seq++;
  const put = seq % 5 === 0;
  const ex: Exchange = {
    id: String(seq),
    seq,
    source: 'live',
    upstream: upstream.url + '/',
    request: { method: put ? 'PUT' : 'PROPFIND', target: `/alice/cal/${seq}.ics`, httpVersion: '1.1', headers: [['Depth', '1'], ['User-Agent', 'DAVx5/4.4']], body: put ? eventBody(seq) : { kind: 'none' } },
    response: { status: put ? 201 : 207, statusText: put ? 'Created' : 'Multi-Status', httpVersion: '1.1', headers: [['Content-Type', 'text/xml']], body: { kind: 'none' } },
    timings: { startedAt: 1_750_000_000_000 + seq * 10, requestEnd: 0.5, responseStart: 3, end: 4 },
    findings: put ? [warn] : [],
  };
  app.store.add(ex);
}

/**
 * Runs `action` in the page and times it twice: until the components finished updating (our code:
 * filtering, slicing, rendering; what the 100 ms bound is about) and until the next frame was
 * painted (what a user sees; on an idle machine about two frames, ~30 ms, and at the mercy of the
 * machine's load, so only reported).
 */
function timed(action: string, arg: string | number): Promise<{ ms: number; paintedMs: number; firstId: string | null; rows: number }> {
  return page.evaluate(
    async ([action, arg]) => {
      type Updating = Element & { updateComplete: Promise<unknown> };
      const app = document.querySelector('ds-app') as Updating;
      const list = app.shadowRoot!.querySelector('ds-exchange-list') as Updating;
      const viewport = list.shadowRoot!.querySelector('.viewport') as HTMLElement;
      const t0 = performance.now();
      if (action === 'filter') {
        const input = app.shadowRoot!.querySelector('ds-filter-bar')!.shadowRoot!.querySelector('input.text') as HTMLInputElement;
        input.value = String(arg);
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      } else {
        viewport.scrollTop = Number(arg);
        // The scroll event is delivered before the next frame; the list renders from it.
        await new Promise((r) => viewport.addEventListener('scroll', r, { once: true }));
      }
      await app.updateComplete;
      await list.updateComplete;
      const ms = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const paintedMs = performance.now() - t0;
      const rows = list.shadowRoot!.querySelectorAll('.row');
      return { ms, paintedMs, firstId: rows[0]?.getAttribute('data-id') ?? null, rows: rows.length };
    },
    [action, arg] as const,
  );
}

beforeAll(async () => {
  // Before davscope starts: another test file may be rebuilding dist/ui this very moment.
  await ensureUiBuilt();
  upstream = await startEchoUpstream();
  app = await startDavscope({
    target: new URL(upstream.url),
    host: '127.0.0.1', port: 0, uiHost: '127.0.0.1', uiPort: 0,
    maxBody: 1 << 20, keep: 200_000, storeBytes: 1 << 30,
    insecure: false, quiet: true, upstreamConnections: 4, upstreamTimeoutMs: 10_000,
  });
  for (let i = 0; i < N; i++) add();
  browser = await launchChromium();
  page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(`${app.uiUrl}/`);
  await page.locator('ds-filter-bar .count', { hasText: `${N} exchanges` }).waitFor({ timeout: 60_000 });
  figures['page load with 50,000 exchanges (snapshot over the WebSocket)'] = `${Date.now() - t0} ms`;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await upstream?.close();
  console.log(`\nUI scale benchmark (${N} exchanges, headless Chromium):\n` + Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n'));
});

describe('the inspector with 50,000 exchanges', () => {
  it('renders only the rows in view', async () => {
    const rows = await page.locator('ds-exchange-list .row').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(120);
  });

  it('scrolls to any position and shows the rows there (median of 6 jumps timed; under 100 ms asserted by the bench)', async () => {
    const times: number[] = [];
    const painted: number[] = [];
    for (const index of [25_000, 100, 49_000, 12_345, 37_000, 0]) {
      const r = await timed('scroll', index * 24);
      // Overscan keeps 10 rows above the first one in view.
      expect(Number(r.firstId)).toBe(Math.max(1, index + 1 - 10));
      times.push(r.ms);
      painted.push(r.paintedMs);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[3]!;
    figures['scroll (6 jumps), median'] = `${med(times).toFixed(1)} ms updated, ${med(painted).toFixed(1)} ms painted (worst ${Math.max(...times).toFixed(1)} / ${Math.max(...painted).toFixed(1)} ms)`;
    withinTarget(med(times), 'scroll, median');
  });

  it('filters by free text and clears the filter (median of 5 timed; under 100 ms asserted by the bench)', async () => {
    const runs: Record<'narrow' | 'none' | 'all', { ms: number; paintedMs: number }[]> = { narrow: [], none: [], all: [] };
    for (let i = 0; i < 5; i++) {
      const narrow = await timed('filter', '/alice/cal/4999');
      expect(narrow.rows).toBe(11);
      const none = await timed('filter', 'no-such-thing');
      expect(none.rows).toBe(0);
      const all = await timed('filter', '');
      expect(all.rows).toBeGreaterThan(10);
      runs.narrow.push(narrow);
      runs.none.push(none);
      runs.all.push(all);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    const show = (xs: { ms: number; paintedMs: number }[]) =>
      `${med(xs.map((x) => x.ms)).toFixed(1)} ms updated, ${med(xs.map((x) => x.paintedMs)).toFixed(1)} ms painted (runs ${xs.map((x) => x.ms.toFixed(0)).join(', ')})`;
    figures['filter "/alice/cal/4999" (11 of 50,000), median of 5'] = show(runs.narrow);
    figures['filter with no match, median of 5'] = show(runs.none);
    figures['clear the filter (all 50,000), median of 5'] = show(runs.all);
    for (const kind of ['narrow', 'none', 'all'] as const) withinTarget(med(runs[kind].map((x) => x.ms)), `text filter ${kind}, median`);
  });

  /** Types `value` into the filter bar's `input` and times it five times (then clears it each time). */
  async function timeFilterField(input: string, value: string): Promise<{ median: number; ms: number[]; counts: (string | null)[] }> {
    const once = () =>
      page.evaluate(
        async ([input, value]) => {
          type Updating = Element & { updateComplete: Promise<unknown> };
          const app = document.querySelector('ds-app') as Updating;
          const list = app.shadowRoot!.querySelector('ds-exchange-list') as Updating;
          const bar = app.shadowRoot!.querySelector('ds-filter-bar')!.shadowRoot!;
          const field = bar.querySelector(input) as HTMLInputElement;
          const t0 = performance.now();
          field.value = value;
          field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          await app.updateComplete;
          await list.updateComplete;
          const ms = performance.now() - t0;
          const count = bar.querySelector('.count')!.textContent;
          field.value = '';
          field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          await app.updateComplete;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return { ms, count };
        },
        [input, value] as const,
      );
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await once());
    const ms = runs.map((t) => t.ms);
    return { median: [...ms].sort((a, b) => a - b)[2]!, ms, counts: runs.map((r) => r.count) };
  }
  const runsText = (ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ');

  it('filters by rule id to the right rows (median of 5 timed; under 100 ms asserted by the bench)', async () => {
    const { median, ms, counts } = await timeFilterField('input.rule', 'caldav/put-create-without-if-none-match');
    for (const c of counts) expect(c).toBe(`${N / 5} of ${N} exchanges`);
    figures['filter by rule id (10,000 of 50,000), median of 5'] = `${median.toFixed(1)} ms updated (runs ${runsText(ms)})`;
    withinTarget(median, 'rule filter, median');
  });

  it('filters with a filter-language expression (median of 5 timed; under 100 ms asserted by the bench)', async () => {
    const { median, ms, counts } = await timeFilterField('input.expr', '(method:PUT or status:4xx) and not rule:http/ and path:/alice/cal/** and header:User-Agent');
    for (const c of counts) expect(c).toBe(`${N / 5} of ${N} exchanges`);
    figures['filter expression (10,000 of 50,000), median of 5'] = `${median.toFixed(1)} ms updated (runs ${runsText(ms)})`;
    withinTarget(median, 'expression filter, median');
  });

  it('searches every kept body on the server: text, and a body term of the filter language', async () => {
    const ask = (query: string) => page.evaluate(async (query) => {
      const t0 = performance.now();
      const lines = (await (await fetch(`/api/search?${query}`)).text()).trim().split('\n').map((l) => JSON.parse(l) as { ids?: string[]; complete?: boolean; searched?: number });
      return { ms: performance.now() - t0, ids: lines.flatMap((l) => l.ids ?? []), complete: lines.at(-1)!.complete, searched: lines.at(-1)!.searched };
    }, query);
    const text = await ask(`q=${encodeURIComponent('meeting 49995')}`);
    expect(text).toMatchObject({ ids: ['49995'], complete: true, searched: N });
    const expr = await ask(`filter=${encodeURIComponent('req.body:"SUMMARY:meeting 4999" and method:PUT')}`);
    expect(expr.complete).toBe(true);
    // Every fifth exchange is a PUT: of 4999 and 49990-49999, those are 49990 and 49995.
    expect([...expr.ids].sort()).toEqual(['49990', '49995']);
    figures['server search of every kept body (text; 10,000 bodies)'] = `${text.ms.toFixed(0)} ms`;
    figures['server filter with a body term (10,000 bodies)'] = `${expr.ms.toFixed(0)} ms`;
  });

  it('follows the tail while at the bottom, and stays put once the user scrolled up', async () => {
    const viewport = page.locator('ds-exchange-list .viewport');
    await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const before = seq;
    for (let i = 0; i < 20; i++) add();
    await page.locator('ds-filter-bar .count', { hasText: `${before + 20} exchanges` }).waitFor();
    await expect.poll(() => page.locator(`ds-exchange-list .row[data-id="${seq}"]`).count()).toBe(1);
    expect(await viewport.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2)).toBe(true);

    await viewport.evaluate((el) => (el.scrollTop = 24 * 1000));
    await page.locator('ds-exchange-list .follow').waitFor();
    for (let i = 0; i < 20; i++) add();
    await page.locator('ds-filter-bar .count', { hasText: `${before + 40} exchanges` }).waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await viewport.evaluate((el) => el.scrollTop)).toBe(24 * 1000);
    await page.screenshot({ path: artifactPath('inspector-50k.png') });
    await page.locator('ds-exchange-list .follow').click();
    await expect.poll(() => page.locator(`ds-exchange-list .row[data-id="${seq}"]`).count()).toBe(1);
  });
});
