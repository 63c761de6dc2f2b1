// Save from the page, in real Chromium against real Radicale: the downloaded recording holds the
// session with credentials redacted, re-opens in the page, and lints the same as the live capture;
// HAR and "what the filter shows" download too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startDavscope, type Davscope } from '../../proxy/server.ts';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { davscopeOptions } from '../harness/davscope-options.ts';
import { artifactPath } from '../harness/chromium.ts';
import type { Radicale } from '../harness/radicale.ts';
import { request, searchAnswer } from '../harness/net.ts';
import { davscope } from '../lint/davscope-cli.ts';

const AUTH = `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`;
let radicale: Radicale;
let app: Davscope;
let session: InspectorSession;
let page: Page;

beforeAll(async () => {
  session = await startInspectorSession({
    users: { alice: 's3cret-pw' },
    async before(proxy) {
      await request(proxy.proxyUrl, { method: 'PROPFIND', path: '/alice/', headers: { Authorization: AUTH, Depth: '0' } });
      await request(proxy.proxyUrl, { method: 'MKCALENDAR', path: '/alice/saved/', headers: { Authorization: AUTH } });
      await request(proxy.proxyUrl, { method: 'PUT', path: '/alice/saved/e.ics', headers: { Authorization: AUTH, 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\nUID:e@x\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250101T100000Z\r\nSUMMARY:saved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' });
      await proxy.idle();
    },
  });
  ({ radicale, app, page } = session);
  await page.locator('ds-exchange-list .row').nth(2).waitFor();
}, 60_000);

afterAll(async () => {
  await session?.close();
});

async function save(which: string, format: 'recording' | 'har', name: string): Promise<string> {
  await page.locator('ds-save-menu button.save').click();
  await page.locator(`ds-save-menu input[value="${which}"]`).check();
  await page.locator('ds-save-menu select.format').selectOption(format);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('ds-save-menu button.download').click()]);
  const path = artifactPath(name);
  await download.saveAs(path);
  return path;
}

describe('Save from the page', () => {
  it('downloads the session as a redacted recording that lints the same as the live capture and re-opens in the page', async () => {
    const path = await save('all', 'recording', 'saved-session.jsonl');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain(Buffer.from('alice:s3cret-pw').toString('base64'));
    expect(text).toContain('Basic alice:[redacted]');
    const lint = await davscope(['lint', path, '--format', 'json', '--fail-on', 'never']);
    expect(lint.code, lint.stderr).toBe(0);
    const report = JSON.parse(lint.stdout) as { exchanges: number; findings: { rule: string }[] };
    const live = app.store.rows(-Infinity, Infinity).map((r) => app.store.get(r.id)!);
    expect(report.exchanges).toBe(live.length);
    expect(report.findings.map((f) => f.rule).sort()).toEqual(live.flatMap((e) => e.findings.map((f) => f.ruleId)).sort());
    await page.locator('ds-file-open input[type=file]').setInputFiles(path);
    await page.locator('.file', { hasText: 'saved-session.jsonl' }).waitFor();
    expect(await page.locator('ds-exchange-list .row').count()).toBe(live.length);
    await page.locator('.file button.back-live').click();
  });

  it('downloads only what the filter shows, as HAR', async () => {
    await page.locator('ds-filter-bar select').first().selectOption('PUT');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(1);
    const path = await save('shown', 'har', 'saved-puts.har');
    const har = JSON.parse(readFileSync(path, 'utf8')) as { log: { entries: { request: { method: string } }[] } };
    expect(har.log.entries.map((e) => e.request.method)).toEqual(['PUT']);
  });
});

describe('the 207 table', () => {
  it('shows a multistatus as href, status and properties, with the failed propstat highlighted and calendar-data as iCalendar', async () => {
    const body = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:X="urn:x"><D:prop><D:getetag/><X:missing/></D:prop></D:propfind>';
    expect((await request(app.proxyUrl, { method: 'PROPFIND', path: '/alice/saved/', headers: { Authorization: AUTH, Depth: '1', 'Content-Type': 'application/xml' }, body })).status).toBe(207);
    const multiget = '<?xml version="1.0"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>/alice/saved/e.ics</D:href></C:calendar-multiget>';
    expect((await request(app.proxyUrl, { method: 'REPORT', path: '/alice/saved/', headers: { Authorization: AUTH, Depth: '1', 'Content-Type': 'application/xml' }, body: multiget })).status).toBe(207);
    await app.idle();
    await page.locator('ds-filter-bar select').first().selectOption('');
    await page.locator('ds-exchange-list .row', { hasText: 'PROPFIND' }).filter({ hasText: '/alice/saved/' }).click();
    const table = page.locator('ds-body-view.response-body ds-multistatus-table');
    await table.waitFor();
    expect(await table.locator('.count').textContent()).toMatch(/2 response\(s\), 2 failed/);
    expect(await table.locator('tr.failed', { hasText: 'missing' }).count()).toBe(2);
    expect(await table.locator('tr.failed .bad', { hasText: '404' }).count()).toBe(2);
    expect(await table.locator('table').textContent()).toContain('/alice/saved/e.ics');
    await page.locator('ds-body-view.response-body button.toggle-tree').click();
    await page.locator('ds-body-view.response-body ds-xml-view').waitFor();
    await page.locator('ds-exchange-list .row', { hasText: 'REPORT' }).click();
    await page.locator('ds-body-view.response-body ds-multistatus-table ds-ical-view').waitFor();
    expect(await page.locator('ds-body-view.response-body ds-multistatus-table ds-ical-view .prop', { hasText: 'SUMMARY' }).first().textContent()).toContain('saved');
  });
});

describe('the filter expression in the list', () => {
  it('filters with or, not and header terms, says where an expression is wrong, and reads XML of a loaded exchange', async () => {
    const expr = page.locator('ds-filter-bar input.expr');
    const paths = () => page.locator('ds-exchange-list .row .method').allTextContents();
    await expr.fill('method:PUT or (method:PROPFIND and not req.header:Depth=0)');
    await expect.poll(paths).toEqual(['PUT', 'PROPFIND']);
    await expr.fill('method:PUT or (mehtod:GET');
    await page.locator('ds-filter-bar .expr-error', { hasText: 'did you mean method:?' }).waitFor();
    await expr.fill('');
    await page.locator('ds-exchange-list .row', { hasText: 'REPORT' }).click();
    await page.locator('ds-body-view.response-body').waitFor();
    await expr.fill('xml:C:calendar-multiget');
    await expect.poll(paths).toEqual(['REPORT']);
    await expr.fill('');
  });

  it('judges body and XML terms on exchanges the page never opened, through the server', async () => {
    await page.goto(app.uiUrl);
    await page.locator('ds-exchange-list .row').nth(2).waitFor();
    const expr = page.locator('ds-filter-bar input.expr');
    const paths = () => page.locator('ds-exchange-list .row .method').allTextContents();
    // No detail is loaded after a fresh load: only the server can know what the bodies hold.
    await expr.fill('xml:C:calendar-multiget or (req.body:"SUMMARY:saved" and not res.header:ETag=nothing)');
    const expected = app.store
      .rows(-Infinity, Infinity)
      .map((r) => app.store.get(r.id)!)
      .filter((e) => e.request.method === 'REPORT' || (e.request.method === 'PUT' && Buffer.from(e.request.body.kind === 'captured' ? e.request.body.bytes : []).toString().includes('SUMMARY:saved')))
      .map((e) => e.request.method);
    expect(expected).toContain('PUT');
    expect(expected).toContain('REPORT');
    await expect.poll(paths).toEqual(expected);
    const api = searchAnswer((await request(app.uiUrl, { path: `/api/search?filter=${encodeURIComponent('xml:C:calendar-multiget')}` })).body);
    expect(api).toMatchObject({ complete: true, ids: [app.store.rows(-Infinity, Infinity).find((r) => r.method === 'REPORT')!.id] });
    const bad = await request(app.uiUrl, { path: `/api/search?filter=${encodeURIComponent('xml:(')}` });
    expect(bad.status).toBe(400);
    // A body term keeps judging new traffic: the next PUT of the same summary joins the list.
    await expr.fill('req.body:"SUMMARY:saved"');
    await expect.poll(paths).toEqual(expected.filter((m) => m === 'PUT'));
    const event = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:again\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250102T100000Z\r\nSUMMARY:saved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect((await request(app.proxyUrl, { method: 'PUT', path: '/alice/saved/again.ics', headers: { Authorization: AUTH, 'Content-Type': 'text/calendar' }, body: event })).status).toBe(201);
    await expect.poll(paths, { timeout: 10_000 }).toEqual([...expected.filter((m) => m === 'PUT'), 'PUT']);
    await expr.fill('');
  });
});

describe('the keyboard', () => {
  it('works from page load without the mouse: j/k, n for findings, / to search, Esc to clear, ? for the keys', async () => {
    await page.goto(app.uiUrl);
    await page.locator('ds-exchange-list .row').nth(2).waitFor();
    const selected = () => page.locator('ds-exchange-list .row.selected').getAttribute('data-id');
    const ids = await page.locator('ds-exchange-list .row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    await page.keyboard.press('j');
    expect(await selected()).toBe(ids[0]);
    await page.keyboard.press('j');
    expect(await selected()).toBe(ids[1]);
    await page.keyboard.press('k');
    expect(await selected()).toBe(ids[0]);
    const withFindings = app.store.rows(-Infinity, Infinity).filter((r) => r.findings.error + r.findings.warning + r.findings.info > 0).map((r) => r.id);
    await page.keyboard.press('n');
    expect(await selected()).toBe(withFindings.find((id) => ids.indexOf(id) > 0));
    await page.keyboard.press('/');
    await page.keyboard.type('MKCALENDAR');
    expect(await page.locator('ds-filter-bar input.text').inputValue()).toBe('MKCALENDAR');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBeLessThan(ids.length);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(ids.length);
    await page.keyboard.press('?');
    await page.locator('ds-app .keys', { hasText: 'next exchange with findings' }).waitFor();
    await page.keyboard.press('?');
    expect(await page.locator('ds-app .keys').count()).toBe(0);
  });
});

describe('search everything', () => {
  it('finds a text that only a body the page never opened holds, through the server', async () => {
    // Only the stored event's body (PUT request, never opened in this page) says "saved" next to SUMMARY.
    await page.goto(app.uiUrl);
    await page.locator('ds-exchange-list .row').nth(2).waitFor();
    await page.locator('ds-filter-bar input.text').fill('summary:saved');
    await expect.poll(() => page.locator('ds-exchange-list .row .method').allTextContents()).toContain('PUT');
    const shown = await page.locator('ds-exchange-list .row .method').allTextContents();
    expect(shown.length).toBeLessThan(await page.locator('ds-filter-bar .count').textContent().then((t) => Number(/of (\d+)/.exec(t ?? '')?.[1] ?? 0)));
    const api = searchAnswer((await request(app.uiUrl, { path: '/api/search?q=summary:saved' })).body);
    expect(api.complete).toBe(true);
    expect(api.ids.length).toBeGreaterThan(0);
    await page.locator('ds-filter-bar input.text').fill('');
  });
});

describe('the layout', () => {
  it('at 900 px keeps method, path, status and findings in the list, lets the divider resize it, and jumps within the detail', async () => {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(app.uiUrl);
    const row = page.locator('ds-exchange-list .row', { hasText: 'PUT' }).first();
    await row.waitFor();
    for (const cell of ['.method', '.path', '.status', '.badges']) expect(await row.locator(cell).isVisible(), cell).toBe(true);
    expect(await row.locator('.time').isVisible()).toBe(false);
    // The full status text is there to read, not cut off.
    expect(await row.locator('.status').getAttribute('title')).toMatch(/^\d{3} /);
    await page.screenshot({ path: artifactPath('layout-900.png') });
    const list = page.locator('ds-app .list');
    const before = (await list.boundingBox())!.width;
    const divider = (await page.locator('ds-app .divider').boundingBox())!;
    await page.mouse.move(divider.x + 2, divider.y + 100);
    await page.mouse.down();
    await page.mouse.move(divider.x + 152, divider.y + 100, { steps: 5 });
    await page.mouse.up();
    expect((await list.boundingBox())!.width).toBeGreaterThan(before + 100);
    await row.click();
    await page.locator('ds-exchange-detail a.jump-response').click();
    await expect.poll(() => page.locator('ds-exchange-detail').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await page.locator('ds-exchange-detail section.response').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});

describe('a truncated body', () => {
  it('still gets its pretty view, marked partial', async () => {
    const small = await startDavscope(davscopeOptions(radicale.url, { maxBody: 400 }));
    try {
      const res = await request(small.proxyUrl, { method: 'PROPFIND', path: '/alice/saved/', headers: { Authorization: AUTH, Depth: '1' } });
      expect(res.body.length).toBeGreaterThan(400);
      await small.idle();
      await page.goto(small.uiUrl);
      await page.locator('ds-exchange-list .row', { hasText: 'PROPFIND' }).click();
      const body = page.locator('ds-body-view.response-body');
      await body.locator('.partial').waitFor();
      expect(await body.locator('.warn').first().textContent()).toContain('truncated');
      expect(await body.locator('ds-multistatus-table tr.response').count()).toBeGreaterThan(0);
      // What was kept is analysed too: a multiget whose first answer (a 404) fits under the cap.
      const multiget = '<?xml version="1.0"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>/alice/saved/missing.ics</D:href><D:href>/alice/saved/e.ics</D:href></C:calendar-multiget>';
      const answer = await request(small.proxyUrl, { method: 'REPORT', path: '/alice/saved/', headers: { Authorization: AUTH, 'Content-Type': 'application/xml' }, body: multiget });
      expect(answer.body.length).toBeGreaterThan(400);
      expect(answer.body.toString().indexOf('404')).toBeLessThan(400);
      await small.idle();
      const failure = small.store.rows(-Infinity, Infinity).map((r) => small.store.get(r.id)!).find((e) => e.request.method === 'REPORT')!.findings.find((f) => f.ruleId === 'webdav/multistatus-failure');
      expect(failure).toMatchObject({ partial: true });
      expect(failure!.message).toContain('/alice/saved/missing.ics');
      await page.locator('ds-exchange-list .row', { hasText: 'REPORT' }).click();
      await page.locator('ds-finding-card', { hasText: 'webdav/multistatus-failure' }).locator('.partial', { hasText: 'part of the body that was kept' }).waitFor();
    } finally {
      await small.close();
    }
  });
});
