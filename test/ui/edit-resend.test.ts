// Edit and resend, the compare view and the composer, in real Chromium against real Radicale:
// a 409 MKCALENDAR edited to a fresh URL and resent gives 201 and a linked row; the composer's PUT
// create, sent and then resent unchanged, gives 201 then 412.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Davscope } from '../../proxy/server.ts';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { artifactPath } from '../harness/chromium.ts';
import type { Radicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';
import { writeFileSync } from 'node:fs';
import type { WireExchange } from '../../rules/model/wire.ts';

const AUTH = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
const MKCALENDAR = '<?xml version="1.0" encoding="utf-8"?>\n<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>';

let radicale: Radicale;
let app: Davscope;
let session: InspectorSession;
let page: Page;
/** Uncaught errors in the page: none may happen. */
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await startInspectorSession({ users: { alice: 'pw' }, onPage: (p) => p.on('pageerror', (e) => pageErrors.push(e.message)) });
  ({ radicale, app, page } = session);
}, 60_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await session?.close();
});

/** The selected row once it is the one tagged so and shows a status. */
async function selectedRow(tag: string) {
  const row = page.locator('ds-exchange-list .row.selected', { has: page.locator('.origin-tag', { hasText: tag }) });
  await row.locator('.status').filter({ hasText: /\d{3}/ }).waitFor({ timeout: 20_000 });
  return row;
}

describe('edit and resend from a redacted recording', () => {
  it('asks for the credentials the recording redacted, then sends with them', async () => {
    const file = artifactPath('redacted-session.jsonl');
    const recorded: WireExchange = {
      id: '1', seq: 1, source: 'live', upstream: `${radicale.url}/`, timings: { startedAt: Date.UTC(2025, 0, 1) }, findings: [],
      request: {
        method: 'MKCALENDAR', target: '/alice/from-file/', httpVersion: '1.1',
        headers: [['Host', '127.0.0.1:8088'], ['Authorization', 'Basic YWxpY2U6[redacted]'], ['Content-Type', 'application/xml']],
        body: { kind: 'captured', size: MKCALENDAR.length, truncated: false, encoding: 'utf8', data: MKCALENDAR },
      },
      response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
    };
    writeFileSync(file, `${JSON.stringify({ format: 'davscope-recording', version: 1, created: new Date(0).toISOString(), redacted: true })}\n${JSON.stringify(recorded)}\n`);
    await page.locator('ds-file-open input[type=file]').setInputFiles(file);
    await page.locator('.file', { hasText: 'redacted-session.jsonl' }).waitFor();
    await page.locator('ds-exchange-list .row').first().click();
    await page.locator('ds-exchange-detail .edit-resend:not([disabled])').click();
    const editor = page.locator('ds-request-editor');
    expect(await editor.locator('h3').textContent()).toBe('Edit and send');
    await editor.locator('button.send').click();
    await editor.locator('.error', { hasText: 'Authorization came from a redacted recording' }).waitFor();
    await editor.locator('input.credential').fill(AUTH);
    await editor.locator('button.send').click();
    // Sent from a file, the exchange is composed (the file's ids are not the proxy's).
    const row = await selectedRow('composed');
    expect(await row.locator('.status').textContent()).toMatch(/^201/);
    expect((await request(radicale.url, { method: 'PROPFIND', path: '/alice/from-file/', headers: { Authorization: AUTH, Depth: '0' } })).status).toBe(207);
  });
});

describe('edit and resend', () => {
  it('turns a 409 MKCALENDAR, edited to a fresh URL in the page, into a 201 with a row linked to it', async () => {
    expect((await request(radicale.url, { method: 'MKCALENDAR', path: '/alice/work/', headers: { Authorization: AUTH, 'Content-Type': 'application/xml' }, body: MKCALENDAR })).status).toBe(201);
    const failed = await request(app.proxyUrl, { method: 'MKCALENDAR', path: '/alice/work/', headers: { Authorization: AUTH, 'Content-Type': 'application/xml' }, body: MKCALENDAR });
    expect(failed.status).toBe(409);
    await app.idle();
    const original = app.store.rows(-Infinity, Infinity).at(-1)!;

    await page.locator(`ds-exchange-list .row[data-id="${original.id}"]`).click();
    // The banner explains the precondition; its finding does not say it all again.
    await page.locator('ds-precondition-banner .banner', { hasText: 'resource-must-be-null' }).waitFor();
    const card = page.locator('ds-finding-card', { hasText: 'webdav/precondition-error' });
    expect(await card.locator('.explained-above').count()).toBe(1);
    expect(await card.locator('.fix').count()).toBe(0);
    await page.locator('ds-exchange-detail .edit-resend:not([disabled])').click();
    const editor = page.locator('ds-request-editor');
    expect(await editor.locator('h3').textContent()).toBe(`Edit and resend #${original.id}`);
    // The body is in CodeMirror, highlighted as XML.
    expect(await editor.locator('ds-code-editor.body .cm-content').textContent()).toContain('C:mkcalendar');
    await editor.locator('input.target').fill('/alice/work-2/');
    await page.screenshot({ path: artifactPath('edit-resend.png') });
    await editor.locator('button.send').click();

    const row = await selectedRow(`resent from #${original.id}`);
    expect(await row.locator('.status').textContent()).toMatch(/^201/);
    const check = await request(radicale.url, { method: 'PROPFIND', path: '/alice/work-2/', headers: { Authorization: AUTH, Depth: '0' } });
    expect(check.status).toBe(207);

    await page.locator('ds-exchange-detail button.compare').click();
    const compare = page.locator('ds-compare-view');
    await compare.locator('.right-status').waitFor();
    expect(await compare.locator('.left-status').textContent()).toMatch(/^409/);
    expect(await compare.locator('.right-status').textContent()).toMatch(/^201/);
    expect(await compare.locator('.differences').textContent()).toContain('resource-must-be-null');
    await page.screenshot({ path: artifactPath('compare.png') });
    await compare.locator('button.close').click();
    // The detail's "resent from #N" selects the original.
    await page.locator('ds-exchange-origin a.based-on').click();
    await page.locator(`ds-exchange-list .row.selected[data-id="${original.id}"]`).waitFor();
  });

  it("sends the composer's PUT create (201), then the same again from its row (412)", async () => {
    await page.locator('header button.new-request').click();
    const editor = page.locator('ds-request-editor');
    await editor.locator('select.template').selectOption('put-create');
    expect(await editor.locator('input.method').inputValue()).toBe('PUT');
    expect(await editor.locator('input.target').inputValue()).toMatch(/^\/alice\/work(-2)?\/.+\.ics$/);
    expect(await editor.locator('.needs').count()).toBe(0);
    // The template carries no credentials: add them as a client would.
    const headers = editor.locator('textarea.headers');
    await headers.fill(`${await headers.inputValue()}\nAuthorization: ${AUTH}`);
    await editor.locator('button.send').click();
    const created = await selectedRow('composed');
    expect(await created.locator('.status').textContent()).toMatch(/^201/);
    const createdId = await created.getAttribute('data-id');

    await page.locator('ds-exchange-detail .edit-resend:not([disabled])').click();
    await page.locator('ds-request-editor button.send').click();
    const again = await selectedRow(`resent from #${createdId}`);
    expect(await again.locator('.status').textContent()).toMatch(/^412/);
    // Sent again unchanged through the editor, the body is the same bytes (CRLF line ends kept).
    await app.idle();
    const bodyOf = (id: string | null) => Buffer.from((app.store.get(id!)!.request.body as { bytes: Uint8Array }).bytes).toString();
    expect(bodyOf(createdId)).toContain('\r\nBEGIN:VEVENT\r\n');
    expect(bodyOf(await again.getAttribute('data-id'))).toBe(bodyOf(createdId));
    // Its finding says where the object was seen; the "#N" there selects that exchange.
    const link = page.locator('ds-finding-card a.exchange-link').first();
    await link.waitFor();
    const target = (await link.textContent())!.slice(1);
    await link.click();
    await page.locator(`ds-exchange-list .row.selected[data-id="${target}"]`).waitFor();
  });
});
