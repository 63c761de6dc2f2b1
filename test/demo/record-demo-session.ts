// Regenerates proxy/demo/demo-session.jsonl, the recording `npm start` replays when no --target is
// given: real Radicale traffic through the real proxy, a client making the classic mistakes.
// Usage: npx tsx test/demo/record-demo-session.ts
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';

export const DEMO_RECORDING = fileURLToPath(new URL('../../proxy/demo/demo-session.jsonl', import.meta.url));

const ics = (uid: string, summary: string, extra = '') =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//demo//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:${summary}\r\n${extra}END:VEVENT\r\nEND:VCALENDAR\r\n`;

const xml = (body: string) => `<?xml version="1.0" encoding="utf-8"?>\n${body}`;

/** The demo client's steps: each is one request a real client could send, mistakes included. */
export function demoSteps(): { method: string; path: string; headers?: Record<string, string>; body?: string }[] {
  const cal = '/demo/work/';
  return [
    { method: 'OPTIONS', path: '/' },
    { method: 'MKCOL', path: '/demo/' },
    { method: 'PROPFIND', path: '/demo/', headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' }, body: xml('<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:resourcetype/><C:calendar-home-set/><D:displayname/></D:prop></D:propfind>') },
    // Mistake: MKCALENDAR without the trailing slash (Radicale accepts it; others redirect or refuse).
    { method: 'MKCALENDAR', path: '/demo/work', headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: xml('<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>') },
    // Mistake: creating it again: 409 with DAV:resource-must-be-null.
    { method: 'MKCALENDAR', path: cal },
    // Mistake: the CardDAV namespace on mkcalendar.
    { method: 'MKCALENDAR', path: '/demo/home/', headers: { 'Content-Type': 'application/xml' }, body: xml('<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:displayname>Home</D:displayname></D:prop></D:set></C:mkcalendar>') },
    // Mistake: a PUT that creates without If-None-Match: *.
    { method: 'PUT', path: `${cal}standup.ics`, headers: { 'Content-Type': 'text/calendar; charset=utf-8' }, body: ics('standup@demo', 'Stand-up') },
    // Right: a create with If-None-Match: *.
    { method: 'PUT', path: `${cal}review.ics`, headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' }, body: ics('review@demo', 'Review') },
    // Mistake: the same UID at another href: 409 with CALDAV:no-uid-conflict.
    { method: 'PUT', path: `${cal}standup-copy.ics`, headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' }, body: ics('standup@demo', 'Stand-up (copy)') },
    // Mistake: an update with a stale If-Match: 412.
    { method: 'PUT', path: `${cal}standup.ics`, headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'If-Match': '"not-the-etag"' }, body: ics('standup@demo', 'Stand-up moved') },
    // Mistake: broken iCalendar: 400.
    { method: 'PUT', path: `${cal}broken.ics`, headers: { 'Content-Type': 'text/calendar', 'If-None-Match': '*' }, body: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:no uid, no end\r\nEND:VCALENDAR\r\n' },
    { method: 'PROPFIND', path: cal, headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, body: xml('<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:getcontenttype/></D:prop></D:propfind>') },
    // Mistake: a time-range in local time, not UTC.
    { method: 'REPORT', path: cal, headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, body: xml('<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20250601T000000" end="20250701T000000"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>') },
    { method: 'REPORT', path: cal, headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, body: xml(`<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>${cal}standup.ics</D:href><D:href>${cal}missing.ics</D:href></C:calendar-multiget>`) },
    // Mistake: malformed XML in a PROPFIND: 400.
    { method: 'PROPFIND', path: cal, headers: { Depth: '0', 'Content-Type': 'application/xml' }, body: '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag></D:propfind>' },
    { method: 'GET', path: `${cal}standup.ics` },
    { method: 'DELETE', path: `${cal}review.ics` },
  ];
}

async function main(): Promise<void> {
  rmSync(DEMO_RECORDING, { force: true });
  const radicale = await startRadicale();
  const proxy = await startDavscopeProcess(radicale.url, ['--record', DEMO_RECORDING]);
  try {
    for (const step of demoSteps()) {
      const res = await request(proxy.proxyUrl, { method: step.method, path: step.path, headers: step.headers, body: step.body });
      process.stdout.write(`${step.method} ${step.path} -> ${res.status}\n`);
    }
    await proxy.waitForExchanges(demoSteps().length);
  } finally {
    await proxy.stop();
    await radicale.stop();
  }
  process.stdout.write(`wrote ${DEMO_RECORDING}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
