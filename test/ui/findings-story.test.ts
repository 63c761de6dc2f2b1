// Findings people trust, in real Chromium in front of real Radicale: each finding says whose fault it
// is, a refusal explained by two rules is one card with the other folded under it, and the list filters
// server faults with one click (it writes party:server into the expression).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Davscope } from '../../proxy/server.ts';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { artifactPath } from '../harness/chromium.ts';
import { request } from '../harness/net.ts';

const AUTH = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
const event = (uid: string, summary: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250102T100000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
let app: Davscope;
let session: InspectorSession;
let page: Page;

beforeAll(async () => {
  session = await startInspectorSession({
    users: { alice: 'pw' },
    before: async (app) => {
      const send = (method: string, path: string, headers: Record<string, string>, body?: string) => request(app.proxyUrl, { method, path, headers: { Authorization: AUTH, ...headers }, ...(body !== undefined ? { body } : {}) });
      expect((await send('MKCALENDAR', '/alice/story/', {})).status).toBe(201);
      const created = await send('PUT', '/alice/story/a.ics', { 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, event('story-a', 'first'));
      expect(created.status).toBe(201);
      // An update with the current ETag: Radicale answers 201 where RFC 9110 §9.3.4 wants 200 or 204 (the server's fault).
      const etag = created.rawHeaders[created.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'etag') + 1]!;
      expect((await send('PUT', '/alice/story/a.ics', { 'Content-Type': 'text/calendar', 'If-Match': etag }, event('story-a', 'second'))).status).toBe(201);
      // The same UID at another href: 409 CALDAV:no-uid-conflict, explained by two rules (the client's fault).
      expect((await send('PUT', '/alice/story/copy.ics', { 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, event('story-a', 'copy'))).status).toBe(409);
      // Two blind creates: the same finding twice, told once with its count.
      for (const name of ['b', 'c']) expect((await send('PUT', `/alice/story/${name}.ics`, { 'Content-Type': 'text/calendar' }, event(`story-${name}`, name))).status).toBe(201);
      await app.idle();
    },
  });
  ({ app, page } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('findings people trust', () => {
  it('shows one card for the UID conflict, the decoded precondition folded under it, with whose fault it is', async () => {
    await page.locator('ds-exchange-list .row', { hasText: '/alice/story/copy.ics' }).click();
    const cards = page.locator('ds-exchange-detail ds-finding-card');
    await cards.first().waitFor();
    const primary = page.locator('ds-finding-card', { hasText: 'caldav/uid-conflict-on-create' });
    expect(await primary.locator('.party').textContent()).toBe('client');
    expect(await cards.filter({ hasText: 'webdav/precondition-error' }).count()).toBe(1);
    // The precondition's only appearance is inside the primary's "also" list.
    await primary.locator('details.folded summary').click();
    expect(await primary.locator('.folded-finding').textContent()).toContain('webdav/precondition-error');
    expect(await page.locator('ds-exchange-detail a.jump-findings').textContent()).toBe(`Findings (${await cards.count()})`);
    const stored = app.store.rows(-Infinity, Infinity).map((r) => app.store.get(r.id)!).find((e) => e.request.target === '/alice/story/copy.ics')!;
    expect(stored.findings.find((f) => f.ruleId === 'webdav/precondition-error')).toMatchObject({ foldedInto: 'caldav/uid-conflict-on-create', party: 'client' });
    await page.screenshot({ path: artifactPath('findings-folded.png') });
  });

  it('tells a repeated finding with its count and the first exchange, and filters to all of them', async () => {
    await page.locator('ds-exchange-list .row', { hasText: '/alice/story/c.ics' }).click();
    const card = page.locator('ds-finding-card', { hasText: 'caldav/put-create-without-if-none-match' });
    const repeats = card.locator('.repeats');
    await repeats.waitFor();
    const first = app.store.rows(-Infinity, Infinity).find((r) => r.target === '/alice/story/b.ics')!.seq;
    expect(await repeats.textContent()).toContain(`Seen on 2 PUT exchanges in this session, first #${first}`);
    await repeats.locator('button.show-repeats').click();
    expect(await page.locator('ds-filter-bar input.expr').inputValue()).toBe('rule:caldav/put-create-without-if-none-match method:PUT');
    await expect.poll(() => page.locator('ds-exchange-list .row .path').allTextContents()).toEqual(['/alice/story/b.ics', '/alice/story/c.ics']);
    await page.locator('ds-filter-bar input.expr').fill('');
  });

  it('filters the list to server faults with the shortcut, which writes party:server into the expression', async () => {
    const box = page.locator('ds-filter-bar input.server-faults');
    await box.check();
    expect(await page.locator('ds-filter-bar input.expr').inputValue()).toBe('party:server');
    const rows = page.locator('ds-exchange-list .row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('/alice/story/a.ics');
    await rows.first().click();
    const card = page.locator('ds-finding-card', { hasText: 'http/put-replace-answered-created' });
    expect(await card.locator('.party').textContent()).toBe('server');
    expect(await rows.first().locator('ds-severity-badges').evaluate((e) => e.shadowRoot!.querySelector('span')!.getAttribute('title'))).toBe('1 warning(s) · whose fault: server');
    await box.uncheck();
    expect(await page.locator('ds-filter-bar input.expr').inputValue()).toBe('');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
  });
});
