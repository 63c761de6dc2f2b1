// DAViCal, the third real CalDAV server of the test bed (PHP and PostgreSQL, Debian's package): the
// harness itself, then `davscope interop` sending the trap scenario davscope ships to Radicale,
// Xandikos and DAViCal at once, with what DAViCal really answers to each trap in its cells, and
// the report opened in the inspector.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactPath } from '../harness/chromium.ts';
import { startDavical } from '../harness/davical.ts';
import { startRadicale } from '../harness/radicale.ts';
import { startXandikos } from '../harness/xandikos.ts';
import { request } from '../harness/net.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { useCleanups } from '../harness/cleanups.ts';
import { SCENARIO, USERS } from './scenario.ts';
import { openReportInInspector } from './open-report.ts';

const cleanups = useCleanups();
const BASIC = 'Basic ' + Buffer.from(`user:${USERS.user}`).toString('base64');
const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>';

function headerLines(rawHeaders: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) out.push(rawHeaders[i + 1]!);
  return out;
}

async function davical() {
  const d = await startDavical({ users: USERS });
  cleanups.push(() => d.stop());
  return d;
}

describe('the DAViCal harness', () => {
  it('answers OPTIONS with calendar-access, a PROPFIND with the password, 401 without it, and stop() removes everything', async () => {
    const d = await davical();
    expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const options = await request(`${d.caldav}/`, { method: 'OPTIONS', headers: { Authorization: BASIC } });
    expect(options.status).toBe(200);
    // Two DAV lines: 1, 2, 3, access-control, calendar-access, calendar-schedule / extended-mkcol, bind, addressbook, …
    const dav = headerLines(options.rawHeaders, 'dav');
    expect(dav).toHaveLength(2);
    expect(dav[0]).toContain('calendar-access');
    expect(dav[1]).toContain('calendar-proxy');
    // DAViCal asks for credentials even on OPTIONS.
    expect((await request(`${d.caldav}/`, { method: 'OPTIONS' })).status).toBe(401);

    const propfind = (auth?: string) =>
      request(`${d.caldav}/user/`, { method: 'PROPFIND', headers: { Depth: '1', 'Content-Type': 'application/xml', ...(auth ? { Authorization: auth } : {}) }, body: PROPFIND_BODY });
    const ok = await propfind(BASIC);
    expect(ok.status).toBe(207);
    const body = ok.body.toString();
    expect(body).toContain('<href>/caldav.php/user/</href>');
    // A new user gets its home calendar at once, as DAViCal's admin page makes users.
    expect(body).toMatch(/<href>\/caldav\.php\/user\/calendar\/<\/href>\s*<propstat>\s*<prop>\s*<resourcetype>\s*<collection\/>\s*<C:calendar\/>/);
    const none = await propfind();
    expect(none.status).toBe(401);
    expect(headerLines(none.rawHeaders, 'www-authenticate')).toEqual(['Basic realm="DAViCal CalDAV Server"']);
    expect((await propfind('Basic ' + Buffer.from('user:wrong').toString('base64'))).status).toBe(401);
    // /.well-known/caldav goes to caldav.php, as Debian's Apache site sends it.
    const wk = await request(`${d.url}/.well-known/caldav`);
    expect(wk.status).toBe(301);
    expect(headerLines(wk.rawHeaders, 'location')).toEqual([`${d.url}/caldav.php/`]);

    expect(existsSync(d.dir)).toBe(true);
    await d.stop();
    expect(existsSync(d.dir)).toBe(false);
    await expect(request(`${d.caldav}/`, { method: 'OPTIONS' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('runs two instances side by side, each with its own database', async () => {
    const [a, b] = await Promise.all([davical(), davical()]);
    expect(a.url).not.toBe(b.url);
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//davscope//test//EN', 'BEGIN:VEVENT', 'UID:only-on-a', 'DTSTAMP:20260101T090000Z', 'DTSTART:20260110T100000Z', 'SUMMARY:a', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const put = await request(`${a.caldav}/user/calendar/only-on-a.ics`, { method: 'PUT', headers: { Authorization: BASIC, 'Content-Type': 'text/calendar' }, body: ics });
    expect(put.status).toBe(201);
    expect((await request(`${a.caldav}/user/calendar/only-on-a.ics`, { headers: { Authorization: BASIC } })).status).toBe(200);
    expect((await request(`${b.caldav}/user/calendar/only-on-a.ics`, { headers: { Authorization: BASIC } })).status).toBe(404);
  });
});

interface Cell {
  status: string;
  conditions: string[];
  etag: string;
  sync: string;
  findings: { ruleId: string }[];
  note?: string;
  differs: string[];
}
interface Report {
  columns: { name: string; url: string; error?: string }[];
  rows: { index: number; method: string; path: string; cells: Cell[] }[];
  summary: { name: string; differing: number; byKind: Record<string, number> }[];
  capabilities: Record<string, Record<string, string>>;
}

/** The rows where column `c`'s status differs from the majority, by index. */
function statusRows(report: Report, c: number): number[] {
  return report.rows.filter((r) => r.cells[c]!.differs.includes('status')).map((r) => r.index);
}

describe('davscope interop against Radicale, Xandikos and DAViCal', () => {
  it('puts what DAViCal really answers to each trap in its column', async () => {
    const radicale = await startRadicale({ users: USERS });
    cleanups.push(() => radicale.stop());
    const xandikos = await startXandikos();
    cleanups.push(() => xandikos.stop());
    const d = await davical();
    const res = await davscope([
      'interop',
      '-t', `radicale=${radicale.url}`, '-t', `xandikos=${xandikos.url}`, '-t', `davical=${d.caldav}/`,
      '--auth', `radicale=user:${USERS.user}`, '--auth', `davical=user:${USERS.user}`,
      '--format', 'json',
    ]);
    // 1: cells differ.
    expect(res.code, res.stderr).toBe(1);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.columns.map((c) => [c.name, c.error])).toEqual([['recorded', undefined], ['radicale', undefined], ['xandikos', undefined], ['davical', undefined]]);
    expect(report.rows).toHaveLength(SCENARIO.length);
    const row = (index: number) => report.rows[index - 1]!;
    const dc = (index: number) => row(index).cells[3]!;
    const rules = (index: number) => dc(index).findings.map((f) => f.ruleId);

    // The target's path prefix rebases the recording: /user/… went to /caldav.php/user/…, so the
    // principal, the PUTs and the GET worked there.
    expect(row(2).path).toBe('/user/');
    expect(dc(1).status).toBe('200');
    expect(dc(2)).toMatchObject({ status: '207', differs: ['etag'] }); // DAViCal gives a 207 an ETag
    // MKCALENDAR without the slash: DAViCal made /user/calendar/ with the user (its home calendar),
    // so it refuses: 405 "A collection already exists at that location.", Content-Location with the slash.
    expect(row(3).method).toBe('MKCALENDAR');
    expect(dc(3).status).toBe('405');
    expect(dc(3).differs).toContain('status');
    expect(rules(3)).toContain('webdav/collection-url-missing-trailing-slash');
    // The first PUT lands in the home calendar.
    expect(dc(4)).toMatchObject({ status: '201', etag: 'strong', differs: [] });
    // If-None-Match: * on an existing href: 412 like the others, with a DAV:error naming DAV:if-none-match.
    expect(dc(5)).toMatchObject({ status: '412', conditions: ['DAV:if-none-match'] });
    expect(dc(5).differs).toContain('precondition');
    expect(dc(5).differs).not.toContain('status');
    // A duplicate UID at another href: DAViCal stores it (201, no CALDAV:no-uid-conflict): the client's
    // mistake is still said, and the server's acceptance is flagged as the server's.
    expect(row(6).path).toBe('/user/calendar/dup.ics');
    expect(dc(6)).toMatchObject({ status: '201', conditions: [], etag: 'strong' });
    expect(dc(6).differs).toEqual(expect.arrayContaining(['status', 'precondition']));
    expect(rules(6)).toContain('caldav/uid-conflict-on-create');
    expect(dc(6).findings.find((f) => f.ruleId === 'caldav/uid-conflict-accepted')).toMatchObject({ party: 'server' });
    expect(row(6).cells[2]!.findings.map((f) => f.ruleId)).not.toContain('caldav/uid-conflict-accepted');
    expect(dc(7)).toMatchObject({ status: '200', differs: [] });
    // A first sync: a token (data:,N).
    expect(dc(8)).toMatchObject({ status: '207', sync: 'new token' });
    // An unknown sync token: no DAV:valid-sync-token; DAViCal answers a full sync with a new token.
    expect(dc(9)).toMatchObject({ status: '207', conditions: [], sync: 'new token' });
    expect(dc(9).differs).toEqual(expect.arrayContaining(['status', 'precondition', 'sync']));
    expect(rules(9)).not.toContain('webdav/precondition-error');
    // A floating (non-UTC) time-range: DAViCal answers it (207, both events), the rule fires.
    expect(dc(10).status).toBe('207');
    expect(dc(10).differs).toContain('status');
    expect(rules(10)).toContain('caldav/time-range-not-utc');
    // A multiget naming a missing href: 207, but DAViCal leaves the missing href out (no 404 entry).
    expect(dc(11).status).toBe('207');
    expect(dc(11).differs).not.toContain('status');
    expect(rules(11)).toContain('caldav/multiget-missing-responses');
    expect(rules(11)).not.toContain('webdav/multistatus-failure');
    // Free-busy: 200 text/calendar with a VFREEBUSY, like Xandikos; the shape rule is satisfied.
    expect([row(12).cells[1]!.status, row(12).cells[2]!.status, dc(12).status]).toEqual(['207', '200', '200']);
    expect(rules(12)).not.toContain('caldav/free-busy-shape');
    expect(dc(13).status).toBe('207');
    // The seed mistakes: a blind create (201, the client's), a broken iCalendar body (a 500 where the
    // RFC names CALDAV:valid-calendar-data: the server's fault as well), a DELETE without If-Match (204).
    expect(dc(14)).toMatchObject({ status: '201', differs: [] });
    expect(rules(14)).toContain('caldav/put-create-without-if-none-match');
    expect(dc(15).status).toBe('500');
    expect(dc(15).differs).toContain('status');
    expect(dc(15).findings.find((f) => f.ruleId === 'webdav/server-error-for-precondition')).toMatchObject({ party: 'server' });
    expect(rules(15)).toContain('ical/malformed-body');
    expect(dc(16).status).toBe('204');
    expect(rules(16)).toContain('http/update-without-precondition');

    const byName = Object.fromEntries(report.summary.map((x) => [x.name, x]));
    expect(byName.radicale!.differing).toBe(0);
    // Status differs on rows 3, 6, 9, 10, 12, 15 and 16 (the DELETE's 204, Xandikos's too, against
    // Radicale's 200 twice: a tie, which goes to the recorded column); the precondition on 5, 6 and 9.
    expect(statusRows(report, 3)).toEqual([3, 6, 9, 10, 12, 15, 16]);
    expect(byName.davical!.byKind.status).toBe(7);
    expect(byName.davical!.byKind.precondition).toBe(3);
    expect(byName.davical!.differing).toBeGreaterThanOrEqual(7);
    expect(byName.davical!.byKind.serverFault).toBeGreaterThanOrEqual(3);

    const caps = report.capabilities.davical!;
    // Both DAV lines of the OPTIONS answer.
    expect(caps.davClasses).toBe('1, 2, 3, access-control, calendar-access, calendar-schedule, extended-mkcol, bind, addressbook, calendar-auto-schedule, calendar-proxy');
    // Allow on /caldav.php/ itself, the probe's path.
    expect(caps.allow).toBe('OPTIONS, PROPFIND, REPORT');
    expect(caps.supportedReports).toContain('DAV:sync-collection');
    expect(caps.supportedReports).toContain('CALDAV:free-busy-query');
    expect(caps.supportedReports).not.toContain('without the DAV:report wrapper');
    expect(caps.components).toBe('VEVENT, VJOURNAL, VTODO');
    expect(caps.wellKnown).toBe(`GET → 301 → ${d.caldav}/`);
    expect(caps.ifNoneMatchStar).toBe('honoured (412)');
    expect(caps.syncCollection).toBe('answered with tokens');
    expect(caps.scheduling).toBe('calendar-auto-schedule');
    expect(caps.maxResourceSize).toBe('not announced (404)');

    // The report opened in the inspector: three servers, DAViCal's 201 to the duplicate UID marked.
    const out = mkdtempSync(join(tmpdir(), 'davscope-interop-davical-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    const file = join(out, 'traps.json');
    writeFileSync(file, res.stdout);
    const { page, view } = await openReportInInspector(radicale.url, file, SCENARIO.length, cleanups, { width: 1500, height: 1050 });
    const cellAt = (index: number, column: number) => view.locator(`tr[data-index="${index}"] td`).nth(column + 2);
    expect(await cellAt(6, 3).getAttribute('class')).toContain('differs');
    expect(await cellAt(6, 3).textContent()).toContain('caldav/uid-conflict-accepted (warning, server)');
    expect(await cellAt(9, 2).textContent()).toContain('500');
    await page.screenshot({ path: artifactPath('interop-three-servers.png') });
  }, 180_000);
});
