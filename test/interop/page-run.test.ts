// An interop run started from the inspector (POST /api/interop and the Interop panel in Chromium):
// the live session in front of real Radicale sent to real Xandikos, a second real Radicale with
// --interop-auth and a raw upstream that shows what left davscope. Only --interop-target servers
// can be reached, the session's credentials never leave, and the table lands in the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type net from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startRadicale } from '../harness/radicale.ts';
import { startXandikos } from '../harness/xandikos.ts';
import { startRawUpstream, type RawUpstream } from '../harness/raw-upstream.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { ndjsonLines, request } from '../harness/net.ts';
import { ARTIFACTS, launchChromium } from '../harness/chromium.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { useCleanups, type Cleanup } from '../harness/cleanups.ts';
import { SCENARIO, sendScenario, USERS } from './scenario.ts';
import { withinBudget } from '../../proxy/interop/page-run.ts';

const cleanups = useCleanups();
/** What beforeAll started, stopped after the last test. */
const shared: Cleanup[] = [];
const PASSWORD_B64 = Buffer.from(`user:${USERS.user}`).toString('base64');

interface Cell {
  status: string;
  conditions: string[];
  differs: string[];
}
interface Report {
  davscopeInterop: number;
  recording: string;
  columns: { name: string; url: string; error?: string }[];
  rows: { index: number; method: string; path: string; cells: Cell[] }[];
}
type Line = { started?: { targets: string[]; exchanges: number }; progress?: { target: string; n: number; total: number }; warning?: string; report?: Report; error?: string };

let proxy: DavscopeProcess;
let raw: RawUpstream;
let xandikosUrl: string;
let otherUrl: string;
/** Lets the slow target answer (it holds every request until then). */
let releaseSlow: () => void = () => {};
let slowGate: Promise<void>;
let slow: RawUpstream;

function post(path: string, value: unknown, headers: Record<string, string> = {}) {
  const body = JSON.stringify(value);
  return request(proxy.uiUrl, { method: 'POST', path, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers }, body });
}
const lines = (body: Buffer) => ndjsonLines<Line>(body);

beforeAll(async () => {
  const radicale = await startRadicale({ users: USERS });
  shared.push(() => radicale.stop());
  const other = await startRadicale({ users: USERS });
  shared.push(() => other.stop());
  otherUrl = other.url;
  const xandikos = await startXandikos();
  shared.push(() => xandikos.stop());
  xandikosUrl = xandikos.url;
  raw = await startRawUpstream();
  shared.push(() => raw.close());
  slowGate = new Promise((r) => (releaseSlow = r));
  slow = await startRawUpstream({ answer: () => (socket: net.Socket) => void slowGate.then(() => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')) });
  shared.push(() => (releaseSlow(), slow.close()));
  proxy = await startDavscopeProcess(radicale.url, [
    '--quiet',
    '--interop-target', `xandikos=${xandikos.url}`,
    '--interop-target', `other=${other.url}/`,
    '--interop-auth', `other=user:${USERS.user}`,
    '--interop-target', `raw=${raw.url}`,
    '--interop-target', `slow=${slow.url}`,
  ]);
  shared.push(() => proxy.stop());
  await sendScenario(proxy.proxyUrl);
  await proxy.waitForExchanges(SCENARIO.length);
}, 120_000);

afterAll(async () => {
  releaseSlow();
  for (const c of shared.splice(0).reverse()) await c();
});

describe('interop from the page (POST /api/interop)', () => {
  it('sends the session to the targets typed (by name or URL) and answers the table as it comes', async () => {
    const before = (await proxy.exchanges()).length;
    // "other" typed as its URL without the scheme: it is the same --interop-target.
    const res = await post('/api/interop', { targets: ['xandikos', otherUrl.replace('http://', ''), 'raw'] });
    expect(res.status, res.body.toString()).toBe(200);
    const answer = lines(res.body);
    expect(answer[0]!.started).toEqual({ targets: ['xandikos', 'other', 'raw'], exchanges: SCENARIO.length });
    expect(answer.some((l) => l.progress?.target === 'xandikos' && l.progress.n === SCENARIO.length)).toBe(true);
    // Xandikos and raw have no --interop-auth: the page is told why they will answer 401.
    expect(answer.find((l) => l.warning)?.warning).toMatch(/xandikos, raw will likely answer 401; start davscope with --interop-auth NAME=USER:PASSWORD/);
    const report = answer.at(-1)!.report!;
    expect(report.davscopeInterop).toBe(1);
    expect(report.recording).toBe(`the live session (${SCENARIO.length} exchanges)`);
    expect(report.columns.map((c) => c.name)).toEqual(['session', 'xandikos', 'other', 'raw']);
    const cell = (index: number, column: number) => report.rows[index - 1]!.cells[column]!;
    // The session's own answers (Radicale), the other Radicale with its credentials: same story.
    expect([cell(4, 0).status, cell(4, 2).status]).toEqual(['201', '201']);
    expect(cell(6, 0)).toMatchObject({ status: '409', conditions: ['CALDAV:no-uid-conflict'] });
    expect(cell(6, 2)).toMatchObject({ status: '409', conditions: ['CALDAV:no-uid-conflict'], differs: [] });
    // Xandikos answers the duplicate UID with a 207, marked.
    expect(cell(6, 1).status).toBe('207');
    expect(cell(6, 1).differs).toContain('status');
    // What left for raw carried none of the session's credentials, only the redacted form.
    const got = raw.requests();
    expect(got.length).toBeGreaterThanOrEqual(SCENARIO.length);
    const auths = got.flatMap((r) => r.headers.filter(([n]) => n.toLowerCase() === 'authorization').map(([, v]) => v));
    expect(auths.length).toBeGreaterThan(0);
    expect(auths.every((v) => !v.includes(PASSWORD_B64) && v.includes('[redacted]'))).toBe(true);
    expect(got.some((r) => r.headers.some(([, v]) => v.includes(PASSWORD_B64)))).toBe(false);
    // The run is not traffic of the session: the upstream got nothing new, the list is unchanged.
    expect((await proxy.exchanges()).length).toBe(before);
  }, 120_000);

  it('runs on the rows named, and marks cells against a reference column', async () => {
    const ids = (await proxy.exchanges()).filter((e) => e.method === 'PUT').map((e) => e.id);
    const res = await post('/api/interop', { targets: ['xandikos'], ids, reference: 'xandikos' });
    const report = lines(res.body).at(-1)!.report!;
    expect(report.rows.map((r) => r.method)).toEqual(SCENARIO.filter(([m]) => m === 'PUT').map(() => 'PUT'));
    // Against xandikos, the session's 409 to the duplicate UID is what differs.
    expect(report.rows[2]!.cells[0]!.differs).toContain('status');
    expect(report.rows[2]!.cells[1]!.differs).toEqual([]);
  }, 120_000);

  it('never sends to a server that is not an --interop-target, whatever is typed', async () => {
    for (const typed of ['http://127.0.0.1:1/', 'evil.example.com', `${xandikosUrl}/elsewhere/`, `http://user:pw@${xandikosUrl.slice(7)}/`]) {
      const res = await post('/api/interop', { targets: ['xandikos', typed] });
      expect(res.status, typed).toBe(403);
      const error = (JSON.parse(res.body.toString()) as { error: string }).error;
      expect(error).toContain('is not an interop target');
      expect(error).toContain(`xandikos=${xandikosUrl}/`);
      expect(error).toContain('--interop-target NAME=URL');
    }
    // The writable API's own guards: another host's name (DNS rebinding), another site's page, a form post, a bad shape.
    const rebound = await post('/api/interop', { targets: ['xandikos'] }, { Host: 'evil.example' });
    expect(rebound.status).toBe(403);
    expect(rebound.body.toString()).toContain('protection against DNS rebinding');
    expect((await post('/api/interop', { targets: ['xandikos'] }, { Origin: 'http://evil.example' })).status).toBe(403);
    const form = await request(proxy.uiUrl, { method: 'POST', path: '/api/interop', headers: { 'Content-Type': 'text/plain', 'Content-Length': '2' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await post('/api/interop', { targets: [] })).status).toBe(400);
    expect(JSON.parse((await post('/api/interop', { targets: ['xandikos'], reference: 'nobody' })).body.toString()).error).toContain('no column is named "nobody"');
  });

  it('runs one at a time: a second run while one is going is refused with 409', async () => {
    const first = post('/api/interop', { targets: ['slow'] });
    // The slow target holds the first run's OPTIONS probe until released: once it has it, the run is under way.
    await slow.waitFor((events) => events.some((e) => e.kind === 'request'));
    const second = await post('/api/interop', { targets: ['xandikos'] });
    expect(second.status).toBe(409);
    expect(second.body.toString()).toContain('one run at a time');
    releaseSlow();
    const res = await first;
    expect(res.status).toBe(200);
    expect(lines(res.body).at(-1)!.report!.columns.map((c) => c.name)).toEqual(['session', 'slow']);
    // And after it, runs are taken again.
    expect((await post('/api/interop', { targets: ['xandikos'], ids: [] })).status).toBe(400);
  }, 120_000);

  it('shows an Interop panel that runs, refuses typed strangers and opens the table (Chromium)', async () => {
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.context.newPage();
    await page.goto(proxy.uiUrl);
    const panel = page.locator('ds-interop-panel');
    await expect.poll(() => panel.locator('.bar').textContent()).toContain('compare this session');
    await panel.locator('.bar').click();
    const input = panel.locator('input.targets');
    expect(await input.inputValue()).toBe('xandikos, other, raw, slow');
    await input.fill('xandikos, 127.0.0.1:1');
    await panel.locator('button.run').click();
    await expect.poll(() => panel.locator('[role=alert]').textContent()).toContain('"127.0.0.1:1" is not an interop target');
    await input.fill('xandikos other');
    await panel.locator('select.reference').selectOption('other');
    await panel.locator('button.run').click();
    // The servers keep what the earlier runs made (as real servers do): row 6's 207 from Xandikos holds on any run.
    const view = page.locator('ds-interop-view');
    await expect.poll(() => view.locator('table.matrix tr[data-index]').count(), { timeout: 60_000 }).toBe(SCENARIO.length);
    expect(await view.locator('table.matrix th').allTextContents()).toEqual(expect.arrayContaining(['session', 'xandikos', 'other']));
    // Compared with "other" (a Radicale): Xandikos's 207 to the duplicate UID differs, other never does.
    expect(await view.locator('h3').textContent()).toContain('compared with other');
    const dup = view.locator('tr[data-index="6"] td').nth(3);
    expect(await dup.getAttribute('class')).toContain('differs');
    expect(await dup.textContent()).toContain('207');
    expect(await view.locator('table.matrix tr[data-index] td:nth-child(5).differs').count()).toBe(0);
    // A row opens to the bodies side by side, as text.
    const bodies = view.locator('tr.bodies');
    expect(await bodies.count()).toBe(0);
    await view.locator('tr[data-index="6"]').click();
    await expect.poll(() => bodies.count()).toBe(1);
    expect(await bodies.locator('.side > div').count()).toBe(3);
    expect(await bodies.locator('pre').nth(1).textContent()).toContain('no-uid-conflict');
    expect(await bodies.locator('.badge.differs').count()).toBeGreaterThan(0);
    expect(await view.locator('multistatus, D\\:multistatus, ns0\\:multistatus').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'interop-run.png'), fullPage: false });
    // The table saves as the JSON davscope interop writes, which the page opens again.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.save-interop').click()]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Report;
    expect(saved.davscopeInterop).toBe(1);
    expect(saved.columns.map((c) => c.name)).toEqual(['session', 'xandikos', 'other']);
    expect((saved as unknown as { bodies: unknown[][] }).bodies).toHaveLength(SCENARIO.length);
  }, 120_000);
});

describe('the bodies a page report carries', () => {
  it('keeps bodies until the budget is spent, then says where the rest are', () => {
    const kept = withinBudget([[{ text: 'abcd' }, undefined], [{ text: 'efgh', contentType: 'text/calendar' }, { text: 'ij' }]], 9);
    expect(kept[0]).toEqual([{ text: 'abcd' }, null]);
    expect(kept[1]![0]).toEqual({ text: 'efgh', contentType: 'text/calendar' });
    expect(kept[1]![1]!.text).toMatch(/^\(not in this report: its body budget is spent/);
  });
});

describe('interop from the page: refused unless the command line allows it', () => {
  it('answers 403 with what to start davscope with when no --interop-target was given, and honours the token', async () => {
    const radicale = await startRadicale({ users: USERS });
    cleanups.push(() => radicale.stop());
    const bare = await startDavscopeProcess(radicale.url, ['--quiet', '--ui-token', 'interop-token-1234']);
    cleanups.push(() => bare.stop());
    const ask = (headers: Record<string, string>) => request(bare.uiUrl, { method: 'POST', path: '/api/interop', headers: { 'Content-Type': 'application/json', 'Content-Length': '25', ...headers }, body: '{"targets":["xandikos"]}\n' });
    expect((await ask({})).status).toBe(401);
    const res = await ask({ Authorization: 'Bearer interop-token-1234' });
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('started without --interop-target');
  });

  it('refuses interop flags it cannot honour, saying what to write', async () => {
    const bad = async (...args: string[]) => {
      const r = await davscope(['-t', 'http://127.0.0.1:1', ...args]);
      expect(r.code).toBe(2);
      return r.stderr;
    };
    expect(await bad('--interop-auth', 'a=u:p')).toContain('--interop-auth names an --interop-target: give --interop-target NAME=URL too');
    expect(await bad('--interop-target', 'session=http://127.0.0.1:2')).toContain('the name "session" is taken');
    expect(await bad('--interop-target', 'a=http://u:p@127.0.0.1:2')).toContain('--interop-target must not carry credentials: give them with --interop-auth NAME=USER:PASSWORD');
    expect(await bad('--interop-target', 'a=http://127.0.0.1:2', '--interop-rebase', 'b=/x/=/y/')).toContain('--interop-rebase: no --interop-target is named "b" (targets: a)');
  });
});
