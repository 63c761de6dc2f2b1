// Regenerates the corpus of real CalDAV exchanges in test/corpus/*.jsonl: real clients (python3-caldav,
// vdirsyncer, curl) through the real davscope process (--record) against real Radicale or real Xandikos.
// Usage: npx tsx test/corpus/record-corpus.ts [NAME...]    (NAME: a corpus file without .jsonl)
// After re-recording, check each *.expect.json sidecar: exchange indices may shift.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRadicale } from '../harness/radicale.ts';
import { startXandikos, XANDIKOS_CALENDAR } from '../harness/xandikos.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { vdirsyncerPair } from '../harness/vdirsyncer.ts';
import { run } from '../harness/run.ts';

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url));
const PYTHON = '/usr/bin/python3';
const CALDAV_SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const CALDAV_EXTRA = fileURLToPath(new URL('./caldav_extra.py', import.meta.url));
const UTF8_ENV = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
const basic = (user: string, pw: string) => ({ Authorization: 'Basic ' + Buffer.from(`${user}:${pw}`).toString('base64') });

interface Recorder {
  readonly name: string;
  readonly users?: Record<string, string>;
  readonly rights?: 'all';
  /** The server recorded against (default Radicale; Xandikos has no authentication). */
  readonly server?: 'xandikos';
  /** Runs the client through proxyUrl; may set things up directly on the server (not recorded). */
  run(proxy: DavscopeProcess, server: { readonly url: string }): Promise<void>;
}

function check(ok: boolean, what: string, detail = ''): void {
  if (!ok) throw new Error(`${what}${detail ? `\n${detail}` : ''}`);
}

async function client(cmd: string, args: string[], expectText: string): Promise<void> {
  const r = await run(cmd, args, { env: UTF8_ENV });
  process.stdout.write(r.stdout);
  check(r.code === 0 && r.stdout.includes(expectText), `${cmd} ${args.join(' ')} failed (exit ${r.code})`, r.stderr);
}

// ---- (d) curl, with deliberate mistakes -------------------------------------------------------

interface CurlResult {
  status: number;
  headers: Map<string, string>;
  body: string;
}

async function curl(base: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<CurlResult> {
  const work = mkdtempSync(join(tmpdir(), 'davscope-curl-'));
  try {
    const args = ['-s', '-X', method, '-D', join(work, 'h'), '-o', join(work, 'b')];
    for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
    if (opts.body !== undefined) {
      writeFileSync(join(work, 'in'), opts.body);
      args.push('--data-binary', `@${join(work, 'in')}`);
    }
    args.push(base + path);
    const r = await run('curl', args);
    check(r.code === 0, `curl ${method} ${path} failed (exit ${r.code})`, r.stderr);
    const head = readFileSync(join(work, 'h'), 'latin1').split('\r\n');
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head[0] ?? '')?.[1]);
    const headers = new Map<string, string>();
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
    }
    let body = '';
    try {
      body = readFileSync(join(work, 'b'), 'utf8');
    } catch {
      /* no body */
    }
    process.stdout.write(`curl ${method} ${path} -> ${status}\n`);
    return { status, headers, body };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ics = (uid: string, summary: string, start = '20250610T120000Z', end = '20250610T130000Z') =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus curl//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:${start}\r\nDTEND:${end}\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
const xmlDecl = '<?xml version="1.0" encoding="utf-8"?>\n';
const XML = 'application/xml; charset=utf-8';
const CAL = 'text/calendar; charset=utf-8';

async function curlSession(proxy: DavscopeProcess): Promise<void> {
  const b = proxy.proxyUrl;
  const cal = '/curl/work/';
  const expect = (r: CurlResult, status: number, what: string) => check(r.status === status, `curl: ${what}: expected ${status}, got ${r.status}`, r.body);
  expect(await curl(b, 'OPTIONS', '/'), 200, 'OPTIONS');
  expect(await curl(b, 'MKCOL', '/curl/'), 201, 'MKCOL principal');
  expect(await curl(b, 'PROPFIND', '/curl/', { headers: { Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>` }), 207, 'PROPFIND home');
  // Mistake: MKCALENDAR without the trailing slash (Radicale creates /curl/work/).
  expect(await curl(b, 'MKCALENDAR', '/curl/work', { headers: { 'Content-Type': XML }, body: `${xmlDecl}<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>` }), 201, 'MKCALENDAR without slash');
  // Mistake: creating it again: 409 DAV:resource-must-be-null.
  expect(await curl(b, 'MKCALENDAR', cal), 409, 'MKCALENDAR existing');
  // Mistake: a create without If-None-Match: *.
  expect(await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL }, body: ics('standup@curl', 'Stand-up') }), 201, 'PUT create without If-None-Match');
  // Right: a create with If-None-Match: *.
  const review = await curl(b, 'PUT', `${cal}review.ics`, { headers: { 'Content-Type': CAL, 'If-None-Match': '*' }, body: ics('review@curl', 'Review', '20250612T090000Z', '20250612T100000Z') });
  expect(review, 201, 'PUT create with If-None-Match');
  // Mistake: the same UID at another href: 409 CALDAV:no-uid-conflict.
  expect(await curl(b, 'PUT', `${cal}standup-copy.ics`, { headers: { 'Content-Type': CAL, 'If-None-Match': '*' }, body: ics('standup@curl', 'Stand-up (copy)') }), 409, 'PUT UID conflict');
  // Mistake: a stale If-Match: 412.
  expect(await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL, 'If-Match': '"not-the-etag"' }, body: ics('standup@curl', 'Stand-up moved') }), 412, 'PUT stale If-Match');
  // Right: GET for the current ETag, then an update with it.
  const got = await curl(b, 'GET', `${cal}standup.ics`);
  expect(got, 200, 'GET');
  const etag = got.headers.get('etag');
  check(etag !== undefined, 'GET answered without an ETag');
  expect(await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL, 'If-Match': etag! }, body: ics('standup@curl', 'Stand-up moved', '20250610T140000Z', '20250610T150000Z') }), 201, 'PUT update with If-Match');
  // Mistake: broken iCalendar (no UID, no END:VEVENT): 400.
  expect(await curl(b, 'PUT', `${cal}broken.ics`, { headers: { 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, body: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus curl//EN\r\nBEGIN:VEVENT\r\nSUMMARY:no uid, no end\r\nEND:VCALENDAR\r\n' }), 400, 'PUT broken iCalendar');
  // Mistake: malformed PROPFIND XML: 400.
  expect(await curl(b, 'PROPFIND', cal, { headers: { Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:getetag></D:propfind>` }), 400, 'PROPFIND malformed');
  // Mistake: PROPFIND without Depth (Radicale treats it as 1 and answers).
  expect(await curl(b, 'PROPFIND', cal, { headers: { 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>` }), 207, 'PROPFIND without Depth');
  // Mistake: a floating (non-UTC) time-range.
  expect(await curl(b, 'REPORT', cal, { headers: { Depth: '1', 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250601T000000" end="20250701T000000"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>` }), 400, 'REPORT non-UTC time-range (Radicale refuses it)');
  // Right: the same query in UTC, a multiget and a sync-collection.
  expect(await curl(b, 'REPORT', cal, { headers: { Depth: '1', 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250601T000000Z" end="20250701T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>` }), 207, 'REPORT UTC time-range');
  expect(await curl(b, 'REPORT', cal, { headers: { 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>${cal}standup.ics</D:href><D:href>${cal}review.ics</D:href></C:calendar-multiget>` }), 207, 'REPORT multiget');
  expect(await curl(b, 'REPORT', cal, { headers: { Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }, body: `${xmlDecl}<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>` }), 207, 'REPORT sync-collection');
  // Mistake: DELETE without If-Match.
  expect(await curl(b, 'DELETE', `${cal}review.ics`), 200, 'DELETE without If-Match');
  // Right: DELETE of the calendar.
  expect(await curl(b, 'DELETE', cal), 200, 'DELETE calendar');
}

/** Legal Radicale answers a rule could mistake for errors (seen from Radicale 3.1), and a
 *  few more client mistakes, with htpasswd auth. */
async function curlEdgeSession(proxy: DavscopeProcess): Promise<void> {
  const b = proxy.proxyUrl;
  const alice = basic('alice', 'secret');
  const A = (h: Record<string, string> = {}) => ({ ...alice, ...h });
  const expect = (r: CurlResult, status: number, what: string) => check(r.status === status, `curl: ${what}: expected ${status}, got ${r.status}`, r.body);
  const propfind = `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getetag/></D:prop></D:propfind>`;
  // No credentials: 401 with a Basic challenge, then a wrong password (twice: a client retrying it).
  expect(await curl(b, 'PROPFIND', '/alice/', { headers: { Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }, body: propfind }), 401, 'PROPFIND without credentials');
  for (let i = 0; i < 2; i++) expect(await curl(b, 'PROPFIND', '/alice/', { headers: { ...basic('alice', 'wrong'), Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }, body: propfind }), 401, 'PROPFIND wrong password');
  // Well-known discovery: Radicale redirects to /.
  const wk = await curl(b, 'PROPFIND', '/.well-known/caldav', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/></D:prop></D:propfind>` });
  check(wk.status >= 300 && wk.status < 400, `curl: well-known: expected a redirect, got ${wk.status}`);
  expect(await curl(b, 'PROPFIND', '/', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/></D:prop></D:propfind>` }), 207, 'PROPFIND current-user-principal');
  expect(await curl(b, 'PROPFIND', '/alice/', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: `${xmlDecl}<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-home-set/><D:resourcetype/></D:prop></D:propfind>` }), 207, 'PROPFIND home');
  expect(await curl(b, 'MKCALENDAR', '/alice/cal/', { headers: A({ 'Content-Type': XML }), body: `${xmlDecl}<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Cal</D:displayname></D:prop></D:set></C:mkcalendar>` }), 201, 'MKCALENDAR');
  // Legal: MKCALENDAR inside a calendar is refused with 403 plain text.
  expect(await curl(b, 'MKCALENDAR', '/alice/cal/inner/', { headers: A() }), 403, 'MKCALENDAR inside a calendar');
  // Legal: MKCALENDAR with a missing parent: 403 plain text with auth and owner_only rights (409 without auth).
  expect(await curl(b, 'MKCALENDAR', '/alice/missing/cal/', { headers: A() }), 403, 'MKCALENDAR missing parent');
  // Legal: MKCOL on an existing calendar: 403 plain text with owner_only rights (405 with open rights).
  expect(await curl(b, 'MKCOL', '/alice/cal/', { headers: A() }), 403, 'MKCOL existing');
  // Legal: PUT into a missing collection: 409 plain text.
  expect(await curl(b, 'PUT', '/alice/nowhere/x.ics', { headers: A({ 'Content-Type': CAL, 'If-None-Match': '*' }), body: ics('nowhere@curl', 'Nowhere') }), 409, 'PUT into a missing collection');
  const created = await curl(b, 'PUT', '/alice/cal/one.ics', { headers: A({ 'Content-Type': CAL, 'If-None-Match': '*' }), body: ics('one@curl', 'One') });
  expect(created, 201, 'PUT create');
  // Mistake: If-None-Match: * on an existing href: 412 (an update sent as a create).
  expect(await curl(b, 'PUT', '/alice/cal/one.ics', { headers: A({ 'Content-Type': CAL, 'If-None-Match': '*' }), body: ics('one@curl', 'One again') }), 412, 'PUT If-None-Match on existing');
  // Legal: an overwrite with the right If-Match is answered 201, not 204.
  expect(await curl(b, 'PUT', '/alice/cal/one.ics', { headers: A({ 'Content-Type': CAL, 'If-Match': created.headers.get('etag')! }), body: ics('one@curl', 'One edited') }), 201, 'PUT update');
  // Mistake: PROPFIND Depth: infinity (Radicale treats it as 1).
  expect(await curl(b, 'PROPFIND', '/alice/', { headers: A({ Depth: 'infinity', 'Content-Type': XML, Accept: 'application/xml' }), body: propfind }), 207, 'PROPFIND Depth infinity');
  // Right: an initial sync, then an incremental one with the token Radicale issued.
  const sync = (token: string) => `${xmlDecl}<D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`;
  const first = await curl(b, 'REPORT', '/alice/cal/', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: sync('') });
  expect(first, 207, 'sync-collection initial');
  const token = /<[^>]*sync-token>([^<]+)</.exec(first.body)?.[1];
  check(token !== undefined, 'no sync-token in the sync-collection answer', first.body);
  expect(await curl(b, 'REPORT', '/alice/cal/', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: sync(token!) }), 207, 'sync-collection incremental');
  // Mistake: a sync token Radicale never issued: 403 with DAV:valid-sync-token.
  expect(await curl(b, 'REPORT', '/alice/cal/', { headers: A({ Depth: '0', 'Content-Type': XML, Accept: 'application/xml' }), body: sync('http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000') }), 403, 'sync-collection invalid token');
  // Legal: GET of the calendar collection answers the whole calendar (two events, two UIDs) as text/calendar.
  expect(await curl(b, 'PUT', '/alice/cal/two.ics', { headers: A({ 'Content-Type': CAL, 'If-None-Match': '*' }), body: ics('two@curl', 'Two', '20250611T120000Z', '20250611T130000Z') }), 201, 'PUT create two');
  expect(await curl(b, 'GET', '/alice/cal/', { headers: A() }), 200, 'GET calendar collection');
  // Legal: DELETE of an item answers 200 with a multistatus.
  const got = await curl(b, 'GET', '/alice/cal/one.ics', { headers: A() });
  expect(got, 200, 'GET');
  expect(await curl(b, 'DELETE', '/alice/cal/one.ics', { headers: A({ 'If-Match': got.headers.get('etag')! }) }), 200, 'DELETE with If-Match');
  // Legal: unknown method: 405.
  expect(await curl(b, 'LOCK', '/alice/cal/', { headers: A() }), 405, 'LOCK');
  expect(await curl(b, 'DELETE', '/alice/cal/', { headers: A() }), 200, 'DELETE calendar');
}

// ---- (c) vdirsyncer -------------------------------------------------------------------------------

function vdsEvent(uid: string, day: number, summary: string): string {
  const d = String(day).padStart(2, '0');
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus vdirsyncer//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:202502${d}T100000Z\r\nDTEND:202502${d}T110000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
}

async function vdirsyncerSession(proxy: DavscopeProcess, radicale: { readonly url: string }): Promise<void> {
  const auth = basic('alice', 'secret');
  const work = mkdtempSync(join(tmpdir(), 'davscope-corpus-vds-'));
  try {
    const pair = vdirsyncerPair(work, `${proxy.proxyUrl}/alice/vsync/`, { user: 'alice', password: 'secret' });
    const local = pair.local;
    for (const i of [1, 2, 3]) writeFileSync(join(local, `vds-${i}.ics`), vdsEvent(`vds-${i}@davscope`, i, `local event ${i}`));
    // Set-up directly on Radicale (not recorded): the home collection, then the calendar.
    await request(`${radicale.url}/alice/`, { method: 'PROPFIND', headers: { ...auth, Depth: '0' } });
    check((await request(`${radicale.url}/alice/vsync/`, { method: 'MKCALENDAR', headers: auth })).status === 201, 'MKCALENDAR /alice/vsync/');
    const cfg = pair.config;
    await client('vdirsyncer', [...cfg, 'discover', 'cal'], '');
    await client('vdirsyncer', [...cfg, 'sync'], '');
    // A remote addition and a remote deletion made by "another client" (directly), and a local edit.
    await request(`${radicale.url}/alice/vsync/remote-new.ics`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, body: vdsEvent('remote-new@davscope', 9, 'remote event') });
    const listing = (await request(`${radicale.url}/alice/vsync/`, { method: 'PROPFIND', headers: { ...auth, Depth: '1' } })).body.toString();
    for (const href of listing.match(/\/alice\/vsync\/[^<]+\.ics/g) ?? []) {
      const item = (await request(`${radicale.url}${href}`, { headers: auth })).body.toString();
      if (item.includes('UID:vds-2@davscope')) await request(`${radicale.url}${href}`, { method: 'DELETE', headers: auth });
    }
    writeFileSync(join(local, 'vds-3.ics'), vdsEvent('vds-3@davscope', 3, 'local event 3 EDITED'));
    await client('vdirsyncer', [...cfg, 'sync'], '');
    const remote = (await request(`${radicale.url}/alice/vsync/`, { headers: auth })).body.toString();
    check(remote.match(/BEGIN:VEVENT/g)?.length === 3 && remote.includes('EDITED') && !remote.includes('UID:vds-2@'), 'vdirsyncer did not converge', remote);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- (e) litmus, the WebDAV-only "basic" suite: a small slice of a non-CalDAV client ------------------

async function litmusBasic(proxy: DavscopeProcess): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'davscope-corpus-litmus-'));
  try {
    // litmus writes debug.log and child.log into its working directory.
    const r = await run('litmus', [`${proxy.proxyUrl}/`], { cwd: work, env: { ...UTF8_ENV, TESTS: 'basic' }, timeoutMs: 60_000 });
    process.stdout.write(r.stdout.replace(/[^\n -~]/g, ''));
    // Radicale fails some basic tests (its own limits): only require that the suite ran.
    check(/<- summary for `basic'/.test(r.stdout), 'litmus basic did not run', r.stderr);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- the recorders ----------------------------------------------------------------------------------

/** vdirsyncer syncing three events up to Xandikos's default calendar, then again (nothing to do). */
async function xandikosVdirsyncer(proxy: DavscopeProcess): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'davscope-corpus-xvds-'));
  try {
    const pair = vdirsyncerPair(work, `${proxy.proxyUrl}${XANDIKOS_CALENDAR}`);
    for (const i of [1, 2, 3]) writeFileSync(join(pair.local, `x-${i}.ics`), vdsEvent(`x-${i}@davscope`, i, `local event ${i}`));
    const cfg = pair.config;
    await client('vdirsyncer', [...cfg, 'discover', 'cal'], '');
    await client('vdirsyncer', [...cfg, 'sync'], '');
    await client('vdirsyncer', [...cfg, 'sync'], '');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The classic mistakes against Xandikos, each answered as Xandikos answers it (no status is assumed). */
async function xandikosCurl(proxy: DavscopeProcess): Promise<void> {
  const b = proxy.proxyUrl;
  const cal = XANDIKOS_CALENDAR;
  const query = (range: string) => `${xmlDecl}<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">${range}</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`;
  const xml = { 'Content-Type': XML, Accept: 'application/xml' };
  await curl(b, 'OPTIONS', '/');
  await curl(b, 'PROPFIND', cal, { headers: { ...xml, Depth: '0' }, body: `${xmlDecl}<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:sync-token/></D:prop></D:propfind>` });
  await curl(b, 'MKCALENDAR', '/user/calendars/work', { headers: { 'Content-Type': XML }, body: `${xmlDecl}<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>` });
  await curl(b, 'MKCALENDAR', cal);
  await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL }, body: ics('standup@xk', 'Stand-up') });
  await curl(b, 'PUT', `${cal}review.ics`, { headers: { 'Content-Type': CAL, 'If-None-Match': '*' }, body: ics('review@xk', 'Review') });
  await curl(b, 'PUT', `${cal}review.ics`, { headers: { 'Content-Type': CAL, 'If-None-Match': '*' }, body: ics('review@xk', 'Review again') });
  await curl(b, 'PUT', `${cal}standup-copy.ics`, { headers: { 'Content-Type': CAL, 'If-None-Match': '*' }, body: ics('standup@xk', 'Stand-up (copy)') });
  await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL, 'If-Match': '"not-the-etag"' }, body: ics('standup@xk', 'Stand-up moved') });
  const got = await curl(b, 'GET', `${cal}standup.ics`);
  const etag = got.headers.get('etag');
  if (etag) await curl(b, 'PUT', `${cal}standup.ics`, { headers: { 'Content-Type': CAL, 'If-Match': etag }, body: ics('standup@xk', 'Stand-up moved') });
  await curl(b, 'PUT', `${cal}broken.ics`, { headers: { 'Content-Type': CAL }, body: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:broken@xk\r\nEND:VCALENDAR\r\n' });
  await curl(b, 'REPORT', cal, { headers: { ...xml, Depth: '1' }, body: query('<C:time-range start="20250601T000000Z" end="20250701T000000Z"/>') });
  await curl(b, 'REPORT', cal, { headers: { ...xml, Depth: '1' }, body: query('<C:time-range start="20250601T000000" end="20250701T000000"/>') });
  await curl(b, 'REPORT', cal, { headers: xml, body: `${xmlDecl}<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>${cal}standup.ics</D:href><D:href>${cal}missing.ics</D:href></C:calendar-multiget>` });
  await curl(b, 'REPORT', cal, { headers: { ...xml, Depth: '0' }, body: `${xmlDecl}<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>` });
  await curl(b, 'REPORT', cal, { headers: { ...xml, Depth: '0' }, body: `${xmlDecl}<D:sync-collection xmlns:D="DAV:"><D:sync-token>http://example.com/ns/sync/unknown</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>` });
  await curl(b, 'REPORT', cal, { headers: { ...xml, Depth: '1' }, body: `${xmlDecl}<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20250601T000000Z" end="20250701T000000Z"/></C:free-busy-query>` });
  await curl(b, 'DELETE', `${cal}review.ics`);
}

export const RECORDERS: readonly Recorder[] = [
  { name: 'python-caldav-noauth', run: (p) => client(PYTHON, [CALDAV_SESSION, p.proxyUrl], 'SESSION OK') },
  { name: 'python-caldav-auth', users: { alice: 'secret' }, run: (p) => client(PYTHON, [CALDAV_SESSION, p.proxyUrl, 'alice', 'secret'], 'SESSION OK') },
  { name: 'python-caldav-tasks-sync', users: { alice: 'secret' }, run: (p) => client(PYTHON, [CALDAV_EXTRA, p.proxyUrl, 'alice', 'secret'], 'SESSION OK') },
  { name: 'vdirsyncer', users: { alice: 'secret' }, run: vdirsyncerSession },
  { name: 'curl-mistakes', run: (p) => curlSession(p) },
  { name: 'curl-radicale-edges', users: { alice: 'secret' }, run: curlEdgeSession },
  { name: 'litmus-basic', rights: 'all', run: litmusBasic },
  { name: 'xandikos-python-caldav', server: 'xandikos', run: (p) => client(PYTHON, [CALDAV_SESSION, p.proxyUrl], 'SESSION OK') },
  { name: 'xandikos-vdirsyncer', server: 'xandikos', run: xandikosVdirsyncer },
  { name: 'xandikos-curl', server: 'xandikos', run: xandikosCurl },
];

/** Waits until the recording stops growing (analysis and recording run after each response). */
async function settle(file: string): Promise<number> {
  const lines = () => {
    try {
      return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;
    } catch {
      return -1;
    }
  };
  let last = -2;
  for (;;) {
    const n = lines();
    if (n === last) return n;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function record(r: Recorder): Promise<void> {
  const file = join(CORPUS_DIR, `${r.name}.jsonl`);
  rmSync(file, { force: true });
  const server = r.server === 'xandikos' ? await startXandikos() : await startRadicale({ ...(r.users ? { users: r.users } : {}), ...(r.rights ? { rights: r.rights } : {}) });
  const proxy = await startDavscopeProcess(server.url, ['--quiet', '--record', file]);
  try {
    await r.run(proxy, server);
    const n = await settle(file);
    process.stdout.write(`${r.name}: ${n} exchanges\n`);
  } finally {
    await proxy.stop();
    await server.stop();
  }
  process.stdout.write(`wrote ${file} (${statSync(file).size} bytes)\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !RECORDERS.some((r) => r.name === w));
  if (unknown.length) throw new Error(`unknown corpus file(s) ${unknown.join(', ')}; known: ${RECORDERS.map((r) => r.name).join(', ')}`);
  for (const r of RECORDERS) if (!wanted.length || wanted.includes(r.name)) await record(r);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
