// Real clients against real Xandikos (the second, independently written CalDAV server), directly and
// through davscope: python3-caldav, vdirsyncer, litmus and curl see the same thing either way, and
// davscope captures every exchange. Radicale's quirks are not CalDAV: these runs keep the rules honest.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startXandikos, XANDIKOS_CALENDAR, type Xandikos } from '../harness/xandikos.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { runLitmus } from '../harness/litmus.ts';
import { vdirsyncerPair } from '../harness/vdirsyncer.ts';
import { run } from '../harness/run.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const cleanups = useCleanups();

async function xandikos(): Promise<Xandikos> {
  const x = await startXandikos();
  cleanups.push(() => x.stop());
  return x;
}

async function davscope(target: string): Promise<DavscopeProcess> {
  const d = await startDavscopeProcess(target, ['--quiet']);
  cleanups.push(() => d.stop());
  return d;
}

/** Direct against one fresh Xandikos, proxied in front of another: what the client printed, and the proxy. */
async function both<T>(client: (base: string) => Promise<T>): Promise<{ direct: T; proxied: T; proxy: DavscopeProcess }> {
  const direct = await client((await xandikos()).url);
  const proxy = await davscope((await xandikos()).url);
  const proxied = await client(proxy.proxyUrl);
  return { direct, proxied, proxy };
}

describe('real clients against Xandikos, directly and through davscope', () => {
  it('python3-caldav: the same session output, every exchange captured', async () => {
    const session = async (base: string) => run('/usr/bin/python3', [SESSION, base], { timeoutMs: 120_000 });
    const { direct, proxied, proxy } = await both(session);
    expect(direct.stdout).toContain('SESSION OK');
    expect(proxied.stderr).toBe(direct.stderr);
    expect(proxied.stdout).toBe(direct.stdout);
    const captured = await proxy.exchanges();
    expect(captured.length).toBeGreaterThan(10);
    expect(captured.every((c) => c.status !== undefined)).toBe(true);
  });

  it('vdirsyncer: discovers and syncs the same folder up, with the same output', async () => {
    const sync = async (base: string) => {
      const work = mkdtempSync(join(tmpdir(), 'davscope-xk-vds-'));
      cleanups.push(() => rmSync(work, { recursive: true, force: true }));
      const pair = vdirsyncerPair(work, `${base}${XANDIKOS_CALENDAR}`);
      for (const i of [1, 2, 3])
        writeFileSync(join(work, 'local', `x-${i}.ics`), `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//xandikos test//EN\r\nBEGIN:VEVENT\r\nUID:x-${i}@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:2025020${i}T100000Z\r\nSUMMARY:event ${i}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);
      const vds = pair.run;
      const discover = await vds('discover', 'cal');
      const first = await vds('sync');
      const again = await vds('sync');
      const strip = (s: string) => s.replaceAll(base, 'BASE').replaceAll(work, 'WORK');
      return { codes: [discover.code, first.code, again.code], out: strip(discover.stdout + first.stdout + again.stdout + first.stderr + again.stderr), files: readdirSync(join(work, 'local')).length };
    };
    const { direct, proxied, proxy } = await both(sync);
    expect(direct.codes).toEqual([0, 0, 0]);
    expect(proxied).toEqual(direct);
    const captured = await proxy.exchanges();
    expect(captured.filter((c) => c.method === 'PUT')).toHaveLength(3);
  });

  it('litmus: the same per-test results', async () => {
    const { direct, proxied, proxy } = await both((base) => runLitmus(`${base}/user/`));
    expect(direct.tests.length).toBeGreaterThan(40);
    expect(proxied.tests).toEqual(direct.tests);
    expect((await proxy.exchanges()).length).toBeGreaterThan(40);
  });

  it('curl: the same statuses and bodies for a scripted session', async () => {
    const event = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//curl//EN\r\nBEGIN:VEVENT\r\nUID:curl-1@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250102T100000Z\r\nSUMMARY:curl\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const propfind = '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>';
    const steps: [string, string, string[], string?][] = [
      ['OPTIONS', '/', []],
      ['PROPFIND', XANDIKOS_CALENDAR, ['-H', 'Depth: 0', '-H', 'Content-Type: application/xml'], propfind],
      ['PUT', `${XANDIKOS_CALENDAR}curl-1.ics`, ['-H', 'Content-Type: text/calendar', '-H', 'If-None-Match: *'], event],
      ['PUT', `${XANDIKOS_CALENDAR}curl-1.ics`, ['-H', 'Content-Type: text/calendar', '-H', 'If-None-Match: *'], event],
      ['GET', `${XANDIKOS_CALENDAR}curl-1.ics`, []],
      ['PROPFIND', XANDIKOS_CALENDAR, ['-H', 'Depth: 1', '-H', 'Content-Type: application/xml'], propfind],
      ['MKCALENDAR', '/user/calendars/curl', []],
      ['DELETE', `${XANDIKOS_CALENDAR}curl-1.ics`, []],
      ['GET', `${XANDIKOS_CALENDAR}curl-1.ics`, []],
    ];
    const session = async (base: string) => {
      const out: string[] = [];
      for (const [method, path, headers, body] of steps) {
        const res = await run('curl', ['-s', '-X', method, ...headers, ...(body !== undefined ? ['--data-binary', body] : []), '-w', '\n%{http_code}', `${base}${path}`]);
        // ETags and dates differ between two servers' stores; the rest is compared as it came.
        out.push(`${method} ${path} -> ${res.stdout.replace(/"[0-9a-f]{16,}"/g, '"ETAG"').replaceAll(base, 'BASE')}`);
      }
      return out;
    };
    const { direct, proxied, proxy } = await both(session);
    expect(direct.some((l) => /-> [\s\S]*\n201$/.test(l))).toBe(true);
    expect(proxied).toEqual(direct);
    expect((await proxy.waitForExchanges(steps.length)).length).toBe(steps.length);
  });
});
