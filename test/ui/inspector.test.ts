// The inspector in real headless Chromium: the real davscope command in front of real Radicale, real
// CalDAV traffic from curl; rows appear live with findings, the detail explains them, filters work,
// files open, hostile content stays text. Screenshots go to test-artifacts/.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { artifactPath, ensureUiBuilt, launchChromium, type Browser } from '../harness/chromium.ts';

const run = promisify(execFile);

let radicale: Radicale;
let davscope: DavscopeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** One request with curl, as a user would send it; returns the status. */
async function curl(method: string, path: string, opts: { headers?: string[]; body?: string } = {}): Promise<number> {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', method];
  for (const h of opts.headers ?? []) args.push('-H', h);
  if (opts.body !== undefined) args.push('--data-binary', opts.body);
  args.push(`${davscope.proxyUrl}${path}`);
  const { stdout } = await run('curl', args);
  return Number(stdout);
}

const event = (uid: string, summary: string) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

function row(method: string, path: string) {
  return page.locator('ds-exchange-list .row', { has: page.locator('.method', { hasText: new RegExp(`^${method}$`) }) }).filter({ has: page.locator('.path', { hasText: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** The text a user sees in an element, through the shadow roots of the components inside it. */
function deepText(loc: Locator): Promise<string> {
  return loc.evaluate((el) => {
    const walk = (n: Node): string => {
      if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
      const root = (n as Element).shadowRoot;
      let s = '';
      for (const c of (root ?? n).childNodes) s += walk(c);
      return s;
    };
    return walk(el);
  });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(name) });
}

beforeAll(async () => {
  // Before davscope starts: another test file may be rebuilding dist/ui this very moment.
  await ensureUiBuilt();
  radicale = await startRadicale();
  davscope = await startDavscopeProcess(radicale.url);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${davscope.uiUrl}/`);
});

afterAll(async () => {
  await browser?.close();
  await davscope?.stop();
  await radicale?.stop();
});

describe('the live inspector in Chromium', () => {
  it('greets an empty capture by naming the proxy URL to point a client at', async () => {
    await expect.poll(() => page.locator('header .conn').textContent()).toContain('live');
    const empty = page.locator('ds-exchange-list .empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('Point your CalDAV client at');
    expect(await page.locator('ds-exchange-list .proxy-url').textContent()).toBe(`${davscope.proxyUrl}/`);
    await shot('inspector-empty.png');
  });

  it('shows curl traffic live, each row with its findings by severity', async () => {
    expect(await curl('MKCOL', '/anon/')).toBe(201);
    expect(await curl('MKCALENDAR', '/anon/cal')).toBe(201);
    expect(await curl('PUT', '/anon/cal/e1.ics', { headers: ['Content-Type: text/calendar'], body: event('e1@davscope', 'Team meeting') })).toBe(201);
    expect(await curl('MKCALENDAR', '/anon/cal/')).toBe(409);
    expect(await curl('PROPFIND', '/anon/cal/', { headers: ['Depth: 1'] })).toBe(207);

    await expect.poll(() => page.locator('ds-exchange-list .row[data-state="analysed"]').count(), { timeout: 10_000 }).toBe(5);
    // Rows appear in arrival order, paths relative to the target.
    expect(await page.locator('ds-exchange-list .row .method').allTextContents()).toEqual(['MKCOL', 'MKCALENDAR', 'PUT', 'MKCALENDAR', 'PROPFIND']);
    expect(await row('MKCALENDAR', '/anon/cal').locator('ds-severity-badges').evaluate((e) => e.shadowRoot?.textContent ?? '')).toMatch(/warn|err/);
    expect(await row('PUT', '/anon/cal/e1.ics').locator('ds-severity-badges').evaluate((e) => e.shadowRoot?.textContent ?? '')).toMatch(/warn|err/);
    expect(await row('MKCALENDAR', '/anon/cal/').locator('ds-severity-badges .error').count()).toBe(1);
    expect(await row('MKCALENDAR', '/anon/cal/').locator('.status').textContent()).toContain('409');
    await shot('inspector-live-rows.png');
  });

  it('opens a failed MKCALENDAR with the decoded precondition as a banner and the finding explained', async () => {
    await row('MKCALENDAR', '/anon/cal/').click();
    const banner = page.locator('ds-precondition-banner .banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('DAV:resource-must-be-null');
    expect(await banner.textContent()).toContain('409');
    // The banner explains it (meaning and fix); the finding points there rather than repeat it.
    expect(await banner.textContent()).toMatch(/Fix: .{10,}/);
    const card = page.locator('ds-finding-card', { hasText: 'webdav/precondition-error' });
    expect(await card.locator('.explained-above').textContent()).toContain('banner above');
    expect(await card.locator('.fix').count()).toBe(0);
    // The element the finding points at is highlighted in the pretty-printed XML.
    expect(await page.locator('ds-body-view.response-body ds-xml-view .hl').first().textContent()).toContain('resource-must-be-null');
    await shot('inspector-precondition-banner.png');
  });

  it('explains the PUT that created without If-None-Match, with RFC links and the iCalendar tree', async () => {
    await row('PUT', '/anon/cal/e1.ics').click();
    const card = page.locator('ds-finding-card', { hasText: 'caldav/put-create-without-if-none-match' });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.locator('.explanation').textContent()).toMatch(/Why: .{40,}/);
    expect(await card.locator('a').first().getAttribute('href')).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/);
    const tree = page.locator('ds-body-view.request-body ds-ical-view');
    expect(await tree.locator('summary').first().textContent()).toContain('VCALENDAR');
    expect(await deepText(tree)).toContain('Team meeting');
    await page.locator('ds-body-view.request-body .toggle-raw').click();
    expect(await page.locator('ds-body-view.request-body pre.raw').textContent()).toContain('BEGIN:VEVENT');
    await page.locator('ds-exchange-detail .copy-curl').click();
    expect(await page.locator('ds-exchange-detail pre.curl').textContent()).toMatch(/^curl -i --globoff --path-as-is -X 'PUT' .*--data-raw 'BEGIN:VCALENDAR/s);
    await shot('inspector-put-detail.png');
  });

  it('moves the selection with the arrow keys', async () => {
    await page.locator('ds-exchange-list .viewport').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('ds-exchange-list .row.selected .method').textContent()).toBe('MKCALENDAR');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('ds-exchange-list .row.selected .method').textContent()).toBe('MKCALENDAR');
    expect(await page.locator('ds-exchange-list .row.selected .path').textContent()).toBe('/anon/cal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('ds-exchange-detail h3').textContent()).toBe('MKCALENDAR /anon/cal');
  });

  it('filters by rule id, and back', async () => {
    await page.locator('ds-filter-bar input.rule').fill('caldav/put-create-without-if-none-match');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(1);
    expect(await page.locator('ds-exchange-list .row .path').textContent()).toBe('/anon/cal/e1.ics');
    expect(await page.locator('ds-filter-bar .count').textContent()).toBe('1 of 5 exchanges');
    await shot('inspector-filter-rule.png');
    await page.locator('ds-filter-bar input.rule').fill('webdav/');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBeGreaterThanOrEqual(2);
    await page.locator('ds-filter-bar .reset').click();
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(5);
  });

  it('renders hostile traffic as text and runs none of it', async () => {
    const evil = `<script>window.__pwned='script'</script><img src=x onerror="window.__pwned='img'">`;
    expect(await curl('PUT', '/anon/cal/evil.ics', { headers: ['Content-Type: text/calendar', 'If-None-Match: *'], body: event('evil@davscope', evil) })).toBe(201);
    const xml = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/></d:prop><d:x title="&lt;img src=x onerror=alert(1)&gt;">${evil.replace(/</g, '&lt;')}</d:x></d:propfind>`;
    expect(await curl('PROPFIND', '/anon/cal/', { headers: ['Depth: 0', 'Content-Type: application/xml', `X-Evil: ${evil}`], body: xml })).toBe(207);
    await expect.poll(() => page.locator('ds-exchange-list .row[data-state="analysed"]').count(), { timeout: 10_000 }).toBe(7);

    await row('PUT', '/anon/cal/evil.ics').click();
    const tree = page.locator('ds-body-view.request-body ds-ical-view');
    await tree.waitFor({ timeout: 10_000 });
    expect(await deepText(tree)).toContain(evil);
    await page.locator('ds-body-view.request-body .toggle-raw').click();
    expect(await page.locator('ds-body-view.request-body pre.raw').textContent()).toContain(`SUMMARY:${evil}`);
    await shot('inspector-hostile-ical.png');

    await page.locator('ds-exchange-list .row').last().click();
    const xmlView = page.locator('ds-body-view.request-body ds-xml-view');
    await xmlView.waitFor({ timeout: 10_000 });
    expect(await deepText(xmlView)).toContain(evil);
    expect(await deepText(page.locator('ds-headers-table', { hasText: 'X-Evil' }))).toContain(evil);
    await shot('inspector-hostile-xml.png');

    // Nothing ran, and no element came out of captured text: no <img>, no extra <script> anywhere.
    const found = await page.evaluate(() => {
      const all: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          all.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return {
        pwned: (window as unknown as { __pwned?: string }).__pwned,
        imgs: all.filter((e) => e.tagName === 'IMG').length,
        scripts: all.filter((e) => e.tagName === 'SCRIPT').map((s) => (s as HTMLScriptElement).src),
        handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      };
    });
    expect(found.pwned).toBeUndefined();
    expect(found.imgs).toBe(0);
    expect(found.handlers).toBe(0);
    expect(found.scripts).toHaveLength(1);
    expect(found.scripts[0]).toMatch(/\/assets\/index-[\w-]+\.js$/);
  });

  it('silencing a rule on the rules page hides its findings in the list', async () => {
    await page.locator('nav .rules-tab').click();
    const article = page.locator('ds-rules-page article[data-rule="caldav/put-create-without-if-none-match"]');
    expect(await article.locator('.summary').textContent()).toMatch(/.{20,}/);
    await article.locator('input.silence').check();
    await shot('inspector-rules-page.png');
    await page.locator('nav button', { hasText: 'Traffic' }).click();
    await page.locator('ds-filter-bar input.rule').fill('caldav/put-create-without-if-none-match');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(0);
    await page.locator('nav .rules-tab').click();
    await article.locator('input.silence').uncheck();
    await page.locator('nav button', { hasText: 'Traffic' }).click();
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(1);
    await page.locator('ds-filter-bar .reset').click();
  });

  it('opens a HAR file and runs the rules on it in the page', async () => {
    const SABRE_401 =
      '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n  <s:sabredav-version>4.6.0</s:sabredav-version>\n' +
      "  <s:exception>Sabre\\DAV\\Exception\\NotAuthenticated</s:exception>\n  <s:message>No 'Authorization: Digest' header found. Either the client didn't send one, or the server is misconfigured</s:message>\n</d:error>\n";
    const PRECONDITION = '<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:resource-must-be-null/></d:error>';
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'davscope-test', version: '1' },
        entries: [
          {
            startedDateTime: '2025-06-10T12:00:00.000Z',
            time: 12,
            request: { method: 'PUT', url: 'https://cal.example.com/dav/alice/work/meeting.ics', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'text/calendar' }], postData: { mimeType: 'text/calendar', text: event('har1@example', 'From a HAR') } },
            response: { status: 201, statusText: 'Created', httpVersion: 'HTTP/1.1', headers: [{ name: 'ETag', value: '"1"' }], content: { size: 0, mimeType: 'text/plain' } },
            timings: { send: 1, wait: 10, receive: 1 },
          },
          {
            startedDateTime: '2025-06-10T12:00:01.000Z',
            time: 8,
            request: { method: 'MKCALENDAR', url: 'https://cal.example.com/dav/alice/work/', httpVersion: 'HTTP/1.1', headers: [] },
            response: { status: 403, statusText: 'Forbidden', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/xml' }], content: { size: PRECONDITION.length, mimeType: 'application/xml', text: PRECONDITION } },
            timings: { send: 1, wait: 6, receive: 1 },
          },
          {
            // sabre/dav 4's 401 challenge (Nextcloud, Baïkal): its own exception and message, not a precondition.
            startedDateTime: '2025-06-10T12:00:02.000Z',
            time: 5,
            request: { method: 'PROPFIND', url: 'https://cal.example.com/dav/alice/', httpVersion: 'HTTP/1.1', headers: [{ name: 'Depth', value: '0' }] },
            response: { status: 401, statusText: 'Unauthorized', httpVersion: 'HTTP/1.1', headers: [{ name: 'WWW-Authenticate', value: 'Digest realm="SabreDAV", qop="auth", nonce="n1", opaque="o1"' }, { name: 'Content-Type', value: 'application/xml; charset=utf-8' }], content: { size: SABRE_401.length, mimeType: 'application/xml; charset=utf-8', text: SABRE_401 } },
            timings: { send: 1, wait: 3, receive: 1 },
          },
        ],
      },
    };
    const file = artifactPath('inspector-fixture.har');
    writeFileSync(file, JSON.stringify(har));
    await page.locator('ds-file-open input[type=file]').setInputFiles(file);
    await page.locator('.file', { hasText: 'inspector-fixture.har' }).waitFor();
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(3);
    expect(await page.locator('ds-exchange-list .row .path').allTextContents()).toEqual(['/dav/alice/work/meeting.ics', '/dav/alice/work/', '/dav/alice/']);
    expect(await row('PUT', '/dav/alice/work/meeting.ics').locator('ds-severity-badges').evaluate((e) => e.shadowRoot?.textContent ?? '')).toMatch(/warn|err/);
    await row('MKCALENDAR', '/dav/alice/work/').click();
    expect(await page.locator('ds-precondition-banner .banner').textContent()).toContain('DAV:resource-must-be-null');
    await shot('inspector-har-file.png');
    // The sabre/dav challenge: no precondition banner, the server's message shown at info.
    await row('PROPFIND', '/dav/alice/').click();
    const card = page.locator('ds-finding-card', { hasText: 'webdav/server-exception' });
    await card.waitFor();
    expect(await card.locator('.sev').textContent()).toBe('info');
    expect(await card.locator('.message').textContent()).toContain("No 'Authorization: Digest' header found");
    expect(await page.locator('ds-precondition-banner .banner').count()).toBe(0);
    expect(await page.locator('ds-finding-card .sev', { hasText: 'error' }).count()).toBe(0);
    await page.locator('.file .back-live').click();
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(7);
  });


  it('opens a davscope recording dropped on the page and analyses it there', async () => {
    const list = (await (await fetch(`${davscope.uiUrl}/api/exchanges`)).json()) as { id: string }[];
    const lines = [JSON.stringify({ format: 'davscope-recording', version: 1, created: new Date().toISOString(), upstream: radicale.url + '/' })];
    for (const { id } of list) {
      const ex = (await (await fetch(`${davscope.uiUrl}/api/exchanges/${id}`)).json()) as { findings: unknown[] };
      // Findings are dropped so that only the page's own analysis can produce them.
      lines.push(JSON.stringify({ ...ex, findings: [] }));
    }
    const text = lines.join('\n') + '\n';
    const dt = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'session.jsonl', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('ds-app', 'drop', { dataTransfer: dt });
    await page.locator('.file', { hasText: 'session.jsonl' }).waitFor();
    expect(await page.locator('.file').textContent()).toContain('davscope recording');
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(list.length);
    expect(await row('MKCALENDAR', '/anon/cal/').locator('ds-severity-badges .error').count()).toBe(1);
    expect(await row('PUT', '/anon/cal/e1.ics').locator('ds-severity-badges').evaluate((e) => e.shadowRoot?.textContent ?? '')).toMatch(/warn/);
    await page.locator('.file .back-live').click();
  });

  it('pause holds new rows back until resume', async () => {
    await page.locator('ds-filter-bar .pause').click();
    const before = await page.locator('ds-exchange-list .row').count();
    expect(await curl('PROPFIND', '/anon/', { headers: ['Depth: 0'] })).toBe(207);
    await expect.poll(() => page.locator('ds-filter-bar .pause').textContent(), { timeout: 10_000 }).toBe('resume (1 new)');
    expect(await page.locator('ds-exchange-list .row').count()).toBe(before);
    await page.locator('ds-filter-bar .pause').click();
    await expect.poll(() => page.locator('ds-exchange-list .row').count()).toBe(before + 1);
  });

  it('logged no page error, console error or Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('the inspector in a dark system theme', () => {
  it('follows the system colour scheme', async () => {
    const dark = await launchChromium({ colorScheme: 'dark' });
    try {
      const p = await dark.context.newPage();
      await p.goto(`${davscope.uiUrl}/`);
      await p.locator('ds-exchange-list .row').first().waitFor();
      await p.locator('ds-exchange-list .row').nth(3).click();
      await p.locator('ds-precondition-banner .banner').waitFor();
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(22, 25, 31)');
      await p.screenshot({ path: artifactPath('inspector-dark.png') });
    } finally {
      await dark.close();
    }
  });
});

describe('clearing the capture', () => {
  it('the clear button empties the proxy store and every open page', async () => {
    const second = await browser.context.newPage();
    await second.goto(`${davscope.uiUrl}/`);
    await second.locator('ds-exchange-list .row').first().waitFor();
    await page.locator('ds-filter-bar .clear').click();
    // It asks first, saying it clears every page: "keep" keeps everything.
    expect(await page.locator('ds-filter-bar .confirm').textContent()).toContain('every open page');
    await page.locator('ds-filter-bar .clear-no').click();
    expect(await page.locator('ds-exchange-list .row').count()).toBeGreaterThan(0);
    await page.locator('ds-filter-bar .clear').click();
    await page.locator('ds-filter-bar .clear-yes').click();
    await page.locator('ds-exchange-list .empty').waitFor();
    await second.locator('ds-exchange-list .empty').waitFor();
    expect(await (await fetch(`${davscope.uiUrl}/api/exchanges`)).json()).toEqual([]);
    await second.close();
  });
});
