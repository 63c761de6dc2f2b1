// `davscope interop` as a user runs it, against real Radicale and real Xandikos (and a closed
// port): the trap scenario davscope ships (recorded through davscope in front of Radicale) is sent
// to both, and the differences each server really shows land in the right cells of the JSON,
// Markdown and HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { TRAPS_RECORDING } from '../../proxy/interop/traps.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRadicale } from '../harness/radicale.ts';
import { startXandikos } from '../harness/xandikos.ts';
import { freePort } from '../bench/processes.ts';
import { BIN } from '../harness/davscope-process.ts';
import { artifactPath, launchChromium } from '../harness/chromium.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { useCleanups } from '../harness/cleanups.ts';
import { SCENARIO, USERS } from './scenario.ts';
import { openReportInInspector } from './open-report.ts';

const cleanups = useCleanups();
const scenario = TRAPS_RECORDING;
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'davscope-interop-out-'));
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

/** Fresh servers for each run: the scenario creates calendars and events. */
async function servers(): Promise<{ radicale: string; xandikos: string }> {
  const radicale = await startRadicale({ users: USERS });
  cleanups.push(() => radicale.stop());
  const xandikos = await startXandikos();
  cleanups.push(() => xandikos.stop());
  return { radicale: radicale.url, xandikos: xandikos.url };
}

const auth = ['--auth', `radicale=user:${USERS.user}`];

interface Cell {
  status: string;
  conditions: string[];
  etag: string;
  sync: string;
  findings: { ruleId: string; severity: string }[];
  note?: string;
  differs: string[];
}
interface Report {
  davscopeInterop: number;
  columns: { name: string; url: string; error?: string }[];
  rows: { index: number; method: string; path: string; cells: Cell[] }[];
  summary: { name: string; differing: number; byKind: Record<string, number> }[];
  capabilities: Record<string, Record<string, string>>;
}

describe('the trap scenario davscope ships', () => {
  it('is SCENARIO recorded: the same requests, in order, each answered (else run test/interop/make-traps.ts)', () => {
    const lines = readFileSync(TRAPS_RECORDING, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'davscope-recording', redacted: true });
    const recorded = lines.slice(1).map((l) => JSON.parse(l) as { request: { method: string; target: string; body: { text?: string; base64?: string } }; response?: { status: number } });
    expect(recorded.map((e) => `${e.request.method} ${e.request.target}`)).toEqual(SCENARIO.map(([m, p]) => `${m} ${p}`));
    expect(recorded.every((e) => e.response !== undefined)).toBe(true);
    // No credential of the recording's user is in the file.
    expect(readFileSync(TRAPS_RECORDING, 'utf8')).not.toContain(Buffer.from(`user:${USERS.user}`).toString('base64'));
  });
});

describe('davscope interop against Radicale and Xandikos', () => {
  it('puts what each server answers in its column and marks where Xandikos parts from the others (JSON)', async () => {
    const s = await servers();
    const closed = await freePort();
    const file = join(out, 'report.json');
    // No FILE: the trap scenario davscope ships.
    const res = await davscope(['interop', '-t', `radicale=${s.radicale}`, '-t', `xandikos=${s.xandikos}`, '-t', `down=http://127.0.0.1:${closed}`, ...auth, '--format', 'json', '-o', file]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toContain("no FILE given: sending davscope's trap scenario");
    expect(res.stderr).toMatch(new RegExp(`down \\(http://127\\.0\\.0\\.1:${closed}/\\): unreachable: ECONNREFUSED`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(report.davscopeInterop).toBe(1);
    expect(report.columns.map((c) => c.name)).toEqual(['recorded', 'radicale', 'xandikos', 'down']);
    expect(report.columns[3]!.error).toMatch(/^unreachable: ECONNREFUSED/);
    expect(report.rows).toHaveLength(SCENARIO.length);
    const cell = (index: number, column: number) => report.rows[index - 1]!.cells[column]!;
    const row = (index: number) => report.rows[index - 1]!;

    // The unreachable target's column says why on every row; the others completed.
    expect(report.rows.every((r) => r.cells[3]!.status === '-' && /ECONNREFUSED/.test(r.cells[3]!.note ?? ''))).toBe(true);
    // MKCALENDAR without the slash: both servers create it, and the rule says so on each.
    expect(row(3).method).toBe('MKCALENDAR');
    for (const c of [0, 1, 2]) {
      expect(cell(3, c).status).toBe('201');
      expect(cell(3, c).findings.map((f) => f.ruleId)).toContain('webdav/collection-url-missing-trailing-slash');
    }
    // If-None-Match: * on an existing href: honoured by both (412), no cell differs.
    expect([0, 1, 2].map((c) => cell(5, c).status)).toEqual(['412', '412', '412']);
    expect(cell(5, 2).differs).toEqual([]);
    // A duplicate UID: Radicale 409 with CALDAV:no-uid-conflict, Xandikos a 207 carrying the same condition.
    expect(row(6).path).toBe('/user/calendar/dup.ics');
    expect(cell(6, 1)).toMatchObject({ status: '409', conditions: ['CALDAV:no-uid-conflict'], differs: [] });
    expect(cell(6, 2)).toMatchObject({ status: '207', conditions: ['CALDAV:no-uid-conflict'] });
    expect(cell(6, 2).differs).toContain('status');
    expect(cell(6, 2).differs).not.toContain('precondition');
    // An unknown sync token: Radicale 403 DAV:valid-sync-token, Xandikos a 500 without the precondition.
    expect(cell(9, 1)).toMatchObject({ status: '403', conditions: ['DAV:valid-sync-token'] });
    expect(cell(9, 2).status).toBe('500');
    expect(cell(9, 2).differs).toEqual(expect.arrayContaining(['status', 'precondition']));
    // A first sync: both give a token.
    expect([cell(8, 1).sync, cell(8, 2).sync]).toEqual(['new token', 'new token']);
    // A non-UTC time-range: the rule fires on every column; Radicale 400, Xandikos 500.
    expect([cell(10, 1).status, cell(10, 2).status]).toEqual(['400', '500']);
    expect(cell(10, 2).findings.map((f) => f.ruleId)).toContain('caldav/time-range-not-utc');
    // A multiget naming a missing href: same shape on both (a 404 entry each), nothing differs.
    expect(cell(11, 1).status).toBe('207');
    expect(cell(11, 2).differs).toEqual([]);
    // Free-busy: Radicale answers 207 (a multistatus), Xandikos 200 with a VFREEBUSY.
    expect([cell(12, 1).status, cell(12, 2).status]).toEqual(['207', '200']);
    expect(cell(12, 2).differs).toContain('status');
    // The seed mistakes: a blind create is the client's on every column; a broken iCalendar body is
    // a 400 on Radicale and a 207 carrying CALDAV:valid-calendar-data on Xandikos.
    for (const c of [0, 1, 2]) expect(cell(14, c).findings.map((f) => f.ruleId)).toContain('caldav/put-create-without-if-none-match');
    expect(cell(15, 1).status).toBe('400');
    expect(cell(15, 2)).toMatchObject({ status: '207', conditions: ['CALDAV:valid-calendar-data'] });
    expect(cell(15, 2).differs).toEqual(expect.arrayContaining(['status', 'precondition']));
    for (const c of [0, 1, 2]) expect(cell(15, c).findings.map((f) => f.ruleId)).toContain('ical/malformed-body');
    // A DELETE without If-Match: flagged everywhere; Radicale 200, Xandikos 204.
    expect([cell(16, 1).status, cell(16, 2).status]).toEqual(['200', '204']);
    for (const c of [0, 1, 2]) expect(cell(16, c).findings.map((f) => f.ruleId)).toContain('http/update-without-precondition');

    const byName = Object.fromEntries(report.summary.map((x) => [x.name, x]));
    expect(byName.radicale!.differing).toBe(0);
    expect(byName.xandikos!.differing).toBeGreaterThanOrEqual(4);
    expect(byName.xandikos!.byKind.status).toBeGreaterThanOrEqual(4);
    expect(byName.xandikos!.byKind.precondition).toBeGreaterThanOrEqual(1);
    // What the rules lay at Xandikos's door, row by row with the RFC; the rest is variation.
    const faults = (byName.xandikos as unknown as { faults: { index: number; ruleId: string; specs: string[] }[] }).faults;
    expect(faults).toEqual(expect.arrayContaining([
      expect.objectContaining({ index: 6, ruleId: 'webdav/multistatus-for-single-resource' }),
      expect.objectContaining({ index: 9, ruleId: 'webdav/server-error-for-precondition', specs: expect.arrayContaining(['RFC 6578 §3.2']) }),
      expect.objectContaining({ index: 12, ruleId: 'caldav/free-busy-shape' }),
    ]));
    expect((byName.xandikos as unknown as { variation: number[] }).variation).toContain(7);

    expect(report.capabilities.xandikos!.davClasses).toContain('sync-collection');
    expect(report.capabilities.radicale!.davClasses).toContain('calendar-access');
    expect(report.capabilities.xandikos!.components).toContain('VFREEBUSY');
    expect(report.capabilities.radicale!.components).not.toContain('VFREEBUSY');
    expect(report.capabilities.xandikos!.supportedReports).toContain('without the DAV:report wrapper');
    expect(report.capabilities.radicale!.wellKnown).toMatch(/^GET → 30[12] → /);
    expect(report.capabilities.xandikos!.ifNoneMatchStar).toBe('honoured (412)');
    expect(report.capabilities.down!.davClasses).toBe('unknown');
    expect(report.capabilities.radicale!.scheduling).toBe('not announced');
    expect(report.capabilities.xandikos!.scheduling).toContain('calendar-auto-scheduling');
    expect([report.capabilities.radicale!.maxResourceSize, report.capabilities.xandikos!.maxResourceSize]).toEqual(['not announced (404)', 'not announced (404)']);
    // The recording's column knows only what the session showed.
    expect(report.capabilities.recorded!.components).toBe('unknown');

    // The same report opened in the inspector: the page shows the matrix with Xandikos's 207 marked.
    const { page, view } = await openReportInInspector(s.radicale, file, SCENARIO.length, cleanups);
    const dup = view.locator('tr[data-index="6"] td').nth(4);
    expect(await dup.getAttribute('class')).toContain('differs');
    expect(await dup.textContent()).toContain('207');
    expect(await view.locator('table.matrix th').nth(5).textContent()).toContain('unreachable: ECONNREFUSED');
    expect(await view.locator('.faults[data-server="xandikos"] li').first().textContent()).toMatch(/^#\d+ \S+ \(RFC /);
    await page.screenshot({ path: artifactPath('interop-traps-page.png') });
  }, 120_000);

  it('writes Markdown with differing parts in bold, and a reference column when asked', async () => {
    const s = await servers();
    const res = await davscope(['interop', scenario, '-t', `radicale=${s.radicale}`, '-t', `xandikos=${s.xandikos}`, ...auth, '--reference', 'xandikos']);
    expect(res.code, res.stderr).toBe(1);
    const md = res.stdout;
    expect(md).toContain('| # | request | recorded | radicale | xandikos |');
    expect(md).toContain('Cells that differ from **xandikos**');
    // Against xandikos as the reference, Radicale's 409 is what differs; xandikos is never marked.
    const dup = md.split('\n').find((l) => l.startsWith('| 6 |'))!;
    const [, , recorded, radicale, xandikos] = dup.split(' | ');
    expect(recorded).toContain('⚠ **409**');
    expect(radicale).toContain('⚠ **409**');
    expect(xandikos).not.toContain('⚠');
    expect(md).toMatch(/\| xandikos \| 0 \| 0 \| 0 \|/);
    expect(md).toContain('### Capabilities');
    expect(md).toContain('**xandikos**: where the rules call it at fault:');
    expect(md).toMatch(/^- #9 webdav\/server-error-for-precondition \(RFC 6578 §3\.2/m);
  }, 120_000);

  it('writes one self-contained HTML file: the table, a marked differing cell, a row that opens to the bodies', async () => {
    const s = await servers();
    const file = join(out, 'report.html');
    const res = await davscope(['interop', scenario, '-t', `radicale=${s.radicale}`, '-t', `xandikos=${s.xandikos}`, ...auth, '--format', 'html', '-o', file]);
    expect(res.code, res.stderr).toBe(1);
    const html = readFileSync(file, 'utf8');
    // No external fetch: no src or href to anything.
    expect(html).not.toMatch(/\s(src|href)=/i);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await expect.poll(() => page.locator('#exchanges tr.exchange').count()).toBe(SCENARIO.length);
    const dup = page.locator('#x6 td[data-column="xandikos"]');
    expect(await dup.getAttribute('class')).toContain('differs');
    expect(await dup.getAttribute('data-differs')).toContain('status');
    const shade = (sel: string) => page.locator(sel).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await shade('#x6 td[data-column="xandikos"]')).not.toBe(await shade('#x6 td[data-column="radicale"]'));
    // A row opens to the bodies side by side; bodies are text, never markup.
    const bodies = page.locator('#x6 + tr.bodies');
    expect(await bodies.isVisible()).toBe(false);
    await page.locator('#x6').click();
    await expect.poll(() => bodies.isVisible()).toBe(true);
    expect(await bodies.locator('.side > div').count()).toBe(3);
    expect(await bodies.locator('pre').nth(2).textContent()).toContain('no-uid-conflict');
    expect(await bodies.locator('.badge.differs').count()).toBeGreaterThan(0);
    expect(await page.locator('multistatus, ns0\\:multistatus, D\\:multistatus').count()).toBe(0);
    await expect.poll(() => page.locator('#capabilities td').count()).toBeGreaterThan(0);
    expect(await page.locator('.faults[data-server="xandikos"] li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^#9 webdav\/server-error-for-precondition \(RFC 6578 §3\.2/)]));
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  }, 120_000);

  it('sends paths elsewhere on a target with --rebase (Xandikos keeps its calendar at /user/calendars/calendar/)', async () => {
    const s = await servers();
    const res = await davscope(['interop', scenario, '-t', `xandikos=${s.xandikos}`, '--rebase', 'xandikos=/user/calendar/=/user/calendars/calendar/', '--format', 'json']);
    const report = JSON.parse(res.stdout) as Report;
    // The events go into Xandikos's own calendar; the multiget's hrefs follow, so its entries compare.
    expect(report.rows[3]!.cells[1]!.status).toBe('201');
    expect(report.rows[10]!.cells[1]!.status).toBe('207');
    expect(report.rows[10]!.cells[1]!.differs).not.toContain('body');
  }, 120_000);

  it('says which target is at which exchange on a terminal, and clears the line (under script(1))', async () => {
    const s = await servers();
    const env = { ...process.env, NO_COLOR: '1', DAVSCOPE_PROGRESS_AFTER_MS: '0' };
    const cmd = [process.execPath, BIN, 'interop', scenario, '-t', `radicale=${s.radicale}`, '-t', `xandikos=${s.xandikos}`, ...auth, '-o', join(out, 'progress.md')].map((a) => JSON.stringify(a)).join(' ');
    const res = spawnSync('script', ['-qec', cmd, '/dev/null'], { env, encoding: 'utf8', timeout: 120_000 });
    const n = SCENARIO.length;
    expect(res.stdout).toMatch(new RegExp(`\\rdavscope interop: radicale ${n}/${n}, xandikos ${n}/${n}, \\d+\\.\\d s…`));
    expect(res.stdout).toContain('\r\x1b[K');
  }, 120_000);

  it('refuses a command line it cannot run, saying what to write', async () => {
    expect((await davscope(['interop', scenario])).stderr).toContain('give at least one --target NAME=URL');
    const res = await davscope(['interop', scenario, '-t', 'a=http://127.0.0.1:1', '--auth', 'b=u:p']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--auth: no --target is named "b" (targets: a)');
    expect((await davscope(['interop', scenario, '-t', 'a=http://127.0.0.1:1', '--reference', 'zz'])).stderr).toContain('no column is named "zz"');
  });
});
