// vdirsyncer syncs a folder of .ics files to real Radicale through davscope, both ways.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { vdirsyncerPair } from '../harness/vdirsyncer.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

const AUTH = { Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') };

function event(uid: string, day: number, summary: string): string {
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//vdirsyncer test//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:202502${String(day).padStart(2, '0')}T100000Z\r\nDTEND:202502${String(day).padStart(2, '0')}T110000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
}

describe('vdirsyncer through davscope', () => {
  it('syncs a folder of .ics files up, then a remote change and a local edit both ways', async () => {
    const radicale = await startRadicale({ users: { alice: 'secret' } });
    cleanups.push(() => radicale.stop());
    const proxy = await startDavscopeProcess(radicale.url, ['--quiet']);
    cleanups.push(() => proxy.stop());
    const work = mkdtempSync(join(tmpdir(), 'davscope-vdirsyncer-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const pair = vdirsyncerPair(work, `${proxy.proxyUrl}/alice/vsync/`, { user: 'alice', password: 'secret' });
    const local = pair.local;
    for (const i of [1, 2, 3]) writeFileSync(join(local, `vds-${i}.ics`), event(`vds-${i}@davscope`, i, `local event ${i}`));
    // The home collection appears on the first authenticated PROPFIND; then the calendar.
    await request(`${radicale.url}/alice/`, { method: 'PROPFIND', headers: { ...AUTH, Depth: '0' } });
    expect((await request(`${radicale.url}/alice/vsync/`, { method: 'MKCALENDAR', headers: AUTH })).status).toBe(201);

    const vds = pair.run;
    const discover = await vds('discover', 'cal');
    expect(discover.code, discover.stderr).toBe(0);
    const first = await vds('sync');
    expect(first.code, first.stderr).toBe(0);

    // Checked directly on Radicale, not through the proxy.
    const remote = async () => (await request(`${radicale.url}/alice/vsync/`, { headers: AUTH })).body.toString();
    expect((await remote()).match(/BEGIN:VEVENT/g)).toHaveLength(3);

    // A remote addition, a remote deletion and a local edit, then sync again.
    await request(`${radicale.url}/alice/vsync/remote-new.ics`, { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'text/calendar' }, body: event('remote-new@davscope', 9, 'remote event') });
    const listing = (await request(`${radicale.url}/alice/vsync/`, { method: 'PROPFIND', headers: { ...AUTH, Depth: '1' } })).body.toString();
    for (const href of listing.match(/\/alice\/vsync\/[^<]+\.ics/g) ?? []) {
      const item = (await request(`${radicale.url}${href}`, { headers: AUTH })).body.toString();
      if (item.includes('UID:vds-2@davscope')) await request(`${radicale.url}${href}`, { method: 'DELETE', headers: AUTH });
    }
    writeFileSync(join(local, 'vds-3.ics'), event('vds-3@davscope', 3, 'local event 3 EDITED'));
    const second = await vds('sync');
    expect(second.code, second.stderr).toBe(0);

    const files = readdirSync(local);
    expect(files).toHaveLength(3);
    expect(files.map((f) => readFileSync(join(local, f), 'utf8')).join('')).toContain('UID:remote-new@davscope');
    const after = await remote();
    expect(after.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(after).toContain('local event 3 EDITED');
    expect(after).not.toContain('UID:vds-2@davscope');

    const captured = await proxy.exchanges();
    expect(captured.filter((c) => c.method === 'PUT').length).toBeGreaterThanOrEqual(4);
    expect(captured.every((c) => c.status !== undefined && c.status < 500)).toBe(true);
  });
});
