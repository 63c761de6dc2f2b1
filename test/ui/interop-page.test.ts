// An interop report (`davscope interop --format json`) opened in the inspector shows the same table
// as the command's outputs: a row per exchange, a column per server, differing cells marked, the
// summary and the capabilities; traffic text stays text. Real Chromium, real davscope page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startInspectorSession, type InspectorSession } from '../harness/inspector-session.ts';
import { artifactPath } from '../harness/chromium.ts';
import { renderJson } from '../../proxy/interop/report-json.ts';
import type { InteropCell, InteropResultShape } from '../../rules/interop/table.ts';

let session: InspectorSession;
let page: Page;
beforeAll(async () => {
  session = await startInspectorSession({ users: { alice: 'pw' } });
  ({ page } = session);
}, 60_000);
afterAll(async () => {
  await session?.close();
});

const cell = (status: string, extra: Partial<InteropCell> = {}): InteropCell => ({ status, conditions: [], etag: '', sync: '', findings: [], bodyKey: '', differs: [], ...extra }) as InteropCell;
const caps = (davClasses: string) => ({ davClasses, allow: 'GET, PUT', supportedReports: 'calendar-query', components: 'VEVENT', scheduling: 'not announced', maxResourceSize: '10000000 bytes', wellKnown: 'GET → 301', ifNoneMatchStar: 'honoured (412)', syncCollection: 'answered with tokens' });

describe('an interop report opened in the page', () => {
  it('shows the matrix with the differing cell marked, the summary and the capabilities, as text', async () => {
    const result: InteropResultShape = {
      columns: [{ name: 'recorded', url: 'http://127.0.0.1:5232/' }, { name: 'radicale', url: 'http://127.0.0.1:5232/' }, { name: 'xandikos', url: 'http://127.0.0.1:8080/' }],
      rows: [
        { index: 1, method: 'MKCALENDAR', path: '/user/calendar', cells: [cell('201'), cell('201'), cell('201')] },
        {
          index: 2, method: 'REPORT', path: '/user/calendar/<b>x</b>',
          cells: [cell('403', { conditions: ['DAV:valid-sync-token'] }), cell('403', { conditions: ['DAV:valid-sync-token'] }), cell('500', { differs: ['status', 'precondition'], findings: [{ ruleId: 'webdav/server-error-for-precondition', severity: 'warning', message: 'm', party: 'server' }] as never })],
        },
      ],
      summary: [
        { name: 'recorded', differing: 0, byKind: { status: 0, precondition: 0, etag: 0, sync: 0, body: 0, findings: 0, findingOnlyHere: 0, serverFault: 0 } },
        { name: 'radicale', differing: 0, byKind: { status: 0, precondition: 0, etag: 0, sync: 0, body: 0, findings: 0, findingOnlyHere: 0, serverFault: 0 } },
        { name: 'xandikos', differing: 1, byKind: { status: 1, precondition: 1, etag: 0, sync: 0, body: 0, findings: 0, findingOnlyHere: 1, serverFault: 1 } },
      ],
      capabilities: [caps('1, 2, 3, calendar-access'), caps('1, 2, 3, calendar-access'), caps('1, 2, 3, calendar-access, <script>')],
    };
    const file = artifactPath('interop-report.json');
    writeFileSync(file, renderJson(result, 'scenario.jsonl'));
    await page.locator('ds-file-open input[type=file]').setInputFiles(file);
    const view = page.locator('ds-interop-view');
    await view.locator('table.matrix').waitFor();
    expect(await page.locator('ds-app .file').first().textContent()).toContain('interop report of scenario.jsonl');
    expect(await view.locator('table.matrix tr').count()).toBe(3);
    const marked = view.locator('table.matrix td.differs');
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toContain('500');
    expect(await marked.textContent()).toContain('webdav/server-error-for-precondition (warning, server)');
    // Traffic is text: the path's markup is shown, not obeyed.
    expect(await view.locator('table.matrix tr[data-index="2"] td').nth(1).textContent()).toBe('REPORT /user/calendar/<b>x</b>');
    expect(await view.locator('table.matrix b').count()).toBe(0);
    expect(await view.locator('table.summary tr', { hasText: 'xandikos' }).textContent()).toMatch(/xandikos\s*1/);
    expect(await view.locator('table.capabilities').textContent()).toContain('calendar-access, <script>');
    await page.screenshot({ path: artifactPath('interop-page.png') });
    await page.locator('ds-app button.close-interop').click();
    expect(await page.locator('ds-interop-view').count()).toBe(0);
  });
});
