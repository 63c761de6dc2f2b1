// Findings on live traffic: real Radicale answers, the engine analyses after the response went
// out, and findings show in the API and on the console under their exchange's line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';

let radicale: Radicale;
let proxy: DavscopeProcess;

beforeAll(async () => {
  radicale = await startRadicale();
  proxy = await startDavscopeProcess(radicale.url);
});
afterAll(async () => {
  await proxy?.stop();
  await radicale?.stop();
});

const EVENT = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\nUID:f1@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

async function findingsOf(method: string, target: string) {
  const list = await proxy.exchanges();
  const summary = list.find((e) => e.method === method && e.target === target);
  if (!summary) throw new Error(`no ${method} ${target} captured: ${list.map((e) => `${e.method} ${e.target}`).join(', ')}`);
  return (await proxy.exchange(summary.id)).findings;
}

describe('findings on live Radicale traffic', () => {
  it('flags the classic mistakes and decodes the precondition Radicale sends', async () => {
    expect((await request(`${proxy.proxyUrl}/anon/`, { method: 'MKCOL' })).status).toBe(201);
    expect((await request(`${proxy.proxyUrl}/anon/cal`, { method: 'MKCALENDAR' })).status).toBe(201);
    expect((await request(`${proxy.proxyUrl}/anon/cal/`, { method: 'MKCALENDAR' })).status).toBe(409);
    expect((await request(`${proxy.proxyUrl}/anon/cal/f1.ics`, { method: 'PUT', headers: { 'Content-Type': 'text/calendar' }, body: EVENT })).status).toBe(201);
    await proxy.waitForExchanges(4);

    expect((await findingsOf('MKCOL', '/anon/')).filter((f) => f.severity === 'error')).toEqual([]);
    expect((await findingsOf('MKCALENDAR', '/anon/cal')).map((f) => f.ruleId)).toContain('webdav/collection-url-missing-trailing-slash');
    const conflict = (await findingsOf('MKCALENDAR', '/anon/cal/')).find((f) => f.ruleId === 'webdav/precondition-error');
    expect(conflict?.message).toContain('DAV:resource-must-be-null');
    expect(conflict?.explanation.length).toBeGreaterThan(20);
    expect(conflict?.fix.length).toBeGreaterThan(10);
    const put = (await findingsOf('PUT', '/anon/cal/f1.ics')).find((f) => f.ruleId === 'caldav/put-create-without-if-none-match');
    expect(put).toBeDefined();
    expect(put?.specs.map((s) => s.url)).toContain('https://www.rfc-editor.org/rfc/rfc4791#section-5.3.2');

    await new Promise((r) => setTimeout(r, 100));
    const out = proxy.output();
    expect(out).toMatch(/MKCALENDAR \/anon\/cal {2}201 Created[^\n]*\n {4}\w+ +webdav\/collection-url-missing-trailing-slash \[client\] {2}\S/);
    expect(out).toMatch(/PUT \/anon\/cal\/f1\.ics {2}201 Created[^\n]*\n( {4}[^\n]*\n)* {4}\w+ +caldav\/put-create-without-if-none-match/);
  });

  it('summaries count findings by severity', async () => {
    const list = await proxy.exchanges();
    const mk = list.find((e) => e.method === 'MKCALENDAR' && e.target === '/anon/cal')!;
    expect(mk.findings.error + mk.findings.warning + mk.findings.info).toBeGreaterThan(0);
  });
});
