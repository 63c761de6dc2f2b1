// Intercept from the page, in real Chromium, with a real client against real Radicale: a
// python3-caldav save_event PUT is held, its SUMMARY edited in the page and continued, the client
// completes and Radicale stores the edited event; an aborted PUT gives the client a 502.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Davscope } from '../../proxy/server.ts';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { artifactPath } from '../harness/chromium.ts';
import type { Radicale } from '../harness/radicale.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';

const SAVE_EVENT = fileURLToPath(new URL('../clients/save_event.py', import.meta.url));
const AUTH = `Basic ${Buffer.from('alice:pw').toString('base64')}`;

let radicale: Radicale;
let app: Davscope;
let session: InspectorSession;
let page: Page;

beforeAll(async () => {
  session = await startInspectorSession({ users: { alice: 'pw' }, davscope: { intercept: 'method:PUT', interceptTimeoutMs: 60_000 } });
  ({ radicale, app, page } = session);
  await page.locator('ds-intercept-panel .toggle').waitFor();
}, 60_000);

afterAll(async () => {
  await session?.close();
});

function saveEvent(uid: string, summary: string) {
  return run('/usr/bin/python3', [SAVE_EVENT, app.proxyUrl, 'alice', 'pw', 'work', uid, summary], { timeoutMs: 60_000 });
}

describe('intercept in the page', () => {
  it('shows that intercept is on with its filter', async () => {
    expect(await page.locator('ds-intercept-panel .toggle').isChecked()).toBe(true);
    expect(await page.locator('ds-intercept-panel .filter').inputValue()).toBe('method:PUT');
  });

  it('edits the SUMMARY of a held python3-caldav PUT; the client completes and Radicale stores the edit', async () => {
    const client = saveEvent('edit-me@davscope', 'Written by the client');
    const item = page.locator('ds-intercept-panel .item');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.locator('.what').textContent()).toMatch(/PUT .*edit-me/);
    await item.locator('.edit').click();
    const body = page.locator('ds-intercept-panel ds-code-editor.body .cm-content');
    const text = await body.innerText();
    expect(text).toContain('SUMMARY:Written by the client');
    // As a user edits: at the end of the SUMMARY line, erase the old text and type the new.
    await page.locator('ds-intercept-panel ds-code-editor.body .cm-line', { hasText: 'SUMMARY:Written by the client' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'Written by the client'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('Edited in davscope');
    await page.screenshot({ path: artifactPath('intercept-edit.png') });
    await page.locator('ds-intercept-panel .send-edited').click();
    const result = await client;
    expect(result.stdout, result.stderr).toMatch(/^SAVED \/alice\/work\//m);
    const path = /^SAVED (\S+)/m.exec(result.stdout)![1]!;
    const direct = await request(radicale.url, { path, headers: { Authorization: AUTH } });
    expect(direct.status).toBe(200);
    expect(direct.body.toString()).toContain('SUMMARY:Edited in davscope');
    await item.waitFor({ state: 'detached' });
    // The edit kept the body's CRLF line ends (RFC 5545): the editor changed only what was typed.
    await app.idle();
    const edited = app.store.rows(-Infinity, Infinity).map((r) => app.store.get(r.id)!).find((e) => e.intercept?.outcome === 'edited')!;
    const sent = Buffer.from((edited.request.body as { bytes: Uint8Array }).bytes).toString();
    expect(sent).toContain('\r\nSUMMARY:Edited in davscope\r\n');
    expect(sent.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('aborts a held PUT from the page: the client gets 502 and Radicale never sees it', async () => {
    const before = radicale.answered().filter((a) => a.method === 'PUT').length;
    const client = saveEvent('abort-me@davscope', 'Never stored');
    // python3-caldav tries a failed PUT once more (its _put retry_on_failure): abort each attempt.
    let exited = false;
    void client.then(() => (exited = true));
    let aborted = 0;
    for (let i = 0; i < 5 && !exited; i++) {
      const item = page.locator('ds-intercept-panel .item').first();
      const shown = await item.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (!shown) continue;
      const id = await item.getAttribute('data-id');
      await item.locator('.abort').click();
      await page.locator(`ds-intercept-panel .item[data-id="${id}"]`).waitFor({ state: 'detached' });
      aborted++;
    }
    expect(aborted).toBeGreaterThanOrEqual(1);
    const result = await client;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAILED .*502/);
    expect(radicale.answered().filter((a) => a.method === 'PUT').length).toBe(before);
  });

  it('holds the response too when asked: the page shows the upstream status and lets it go back', async () => {
    await page.locator('ds-intercept-panel .responses').check();
    const client = saveEvent('response-too@davscope', 'Response held');
    const request = page.locator('ds-intercept-panel .item', { hasText: 'PUT' }).first();
    await request.waitFor({ timeout: 30_000 });
    await request.locator('.continue').click();
    const response = page.locator('ds-intercept-panel .item', { hasText: '← 201' });
    await response.waitFor({ timeout: 30_000 });
    expect(await response.locator('.what').textContent()).toMatch(/← 201 .* for PUT .*response-too/);
    await response.locator('.continue').click();
    const result = await client;
    expect(result.stdout, result.stderr).toMatch(/^SAVED /m);
    await page.locator('ds-intercept-panel .responses').uncheck();
  });

  it('turns intercept off from the page: the next save goes straight through', async () => {
    await page.locator('ds-intercept-panel .toggle').uncheck();
    await page.locator('ds-intercept-panel', { hasText: 'off: requests pass through' }).waitFor();
    const result = await saveEvent('straight@davscope', 'Straight through');
    expect(result.stdout, result.stderr).toMatch(/^SAVED /m);
  });
});
