// The Faults panel in real Chromium, in front of real Radicale: a preset turned on in the page fires
// on the next matching request, the row says injected, the panel counts it, and off means off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Davscope } from '../../proxy/server.ts';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { artifactPath } from '../harness/chromium.ts';
import type { Radicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';

const AUTH = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
let radicale: Radicale;
let app: Davscope;
let session: InspectorSession;
let page: Page;

beforeAll(async () => {
  session = await startInspectorSession({ users: { alice: 'pw' } });
  ({ radicale, app, page } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('the Faults panel', () => {
  it('turns quota on: the next PUT gets 507 without reaching Radicale, the row says injected, the panel counts it', async () => {
    await page.locator('ds-faults-panel .bar').click();
    const quota = page.locator('ds-faults-panel tr.fault[data-name="quota"]');
    expect(await quota.textContent()).toContain('RFC 4331');
    await quota.locator('input.toggle').check();
    await page.locator('ds-faults-panel .summary', { hasText: 'quota (fired 0)' }).waitFor();
    const before = radicale.answered().filter((a) => a.method === 'PUT').length;
    const put = await request(app.proxyUrl, { method: 'PUT', path: '/alice/q.ics', headers: { Authorization: AUTH, 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' });
    expect(put.status).toBe(507);
    expect(put.body.toString()).toContain('quota-not-exceeded');
    expect(radicale.answered().filter((a) => a.method === 'PUT').length).toBe(before);
    const row = page.locator('ds-exchange-list .row', { hasText: '/alice/q.ics' });
    await row.waitFor();
    expect(await row.locator('.origin-tag').textContent()).toBe('injected · fault: quota');
    await page.locator('ds-faults-panel .summary', { hasText: 'quota (fired 1)' }).waitFor();
    await row.click();
    await page.locator('ds-exchange-detail', { hasText: 'answered 507 without forwarding' }).waitFor();
    await page.screenshot({ path: artifactPath('faults-panel.png') });
  });

  it('turned off, lets the next PUT reach Radicale', async () => {
    await page.locator('ds-faults-panel tr.fault[data-name="quota"] input.toggle').uncheck();
    await page.locator('ds-faults-panel .summary', { hasText: 'none on' }).waitFor();
    const put = await request(app.proxyUrl, { method: 'PUT', path: '/alice/q2.ics', headers: { Authorization: AUTH, 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\nUID:q2\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' });
    expect(put.status).not.toBe(507);
  });
});
