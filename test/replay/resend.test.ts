// Interop re-send against real Radicale: a session recorded on one Radicale re-sent to a fresh one
// shows no difference; re-sent to a Radicale whose rights forbid creating anything, the refusals
// are reported exchange by exchange.
import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { run } from '../harness/run.ts';
import { exchangeFromWire } from '../../rules/model/wire.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { resend } from '../../proxy/replay/resend.ts';
import { formatReport } from '../../proxy/replay/resend-report.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const cleanups = useCleanups();

async function recordSession(): Promise<Exchange[]> {
  const radicale = await startRadicale();
  const proxy = await startDavscopeProcess(radicale.url, ['--quiet']);
  const session = await run('/usr/bin/python3', [SCRIPT, proxy.proxyUrl]);
  expect(session.stdout).toContain('SESSION OK');
  const list = await proxy.waitForExchanges(radicale.answered().length);
  const exchanges = await Promise.all(list.map((s) => proxy.exchange(s.id).then(exchangeFromWire)));
  await proxy.stop();
  await radicale.stop();
  return exchanges;
}

describe('replay send', () => {
  it('finds no difference between the recorded Radicale and a fresh one', async () => {
    const exchanges = await recordSession();
    const fresh = await startRadicale();
    cleanups.push(() => fresh.stop());
    const rows = await resend(exchanges, { target: new URL(fresh.url + '/') });
    expect(rows.length).toBe(exchanges.length);
    expect(rows.filter((r) => r.differences.length > 0)).toEqual([]);
    expect(rows.some((r) => r.method === 'PUT' && r.replayed?.status === '201')).toBe(true);
    expect(formatReport(rows, 'text', 'a', 'b')).toMatch(/no difference\n$/);
  });

  it('reports each refusal of a Radicale whose rights file forbids creating calendars', async () => {
    const exchanges = await recordSession();
    const dir = mkdtempSync(join(tmpdir(), 'davscope-rights-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'rights'), '[read-only]\nuser: .*\ncollection: .*\npermissions: Rr\n');
    const strict = await startRadicale({ rights: { rightsFile: join(dir, 'rights') } });
    cleanups.push(() => strict.stop());
    const rows = await resend(exchanges, { target: new URL(strict.url + '/') });
    const mkcalendar = rows.find((r) => r.method === 'MKCALENDAR')!;
    // Without authentication Radicale answers a refusal with 401 (TESTBED: "403, 401 without auth").
    expect(mkcalendar.differences).toContain('status: recorded 201, new server 401');
    expect(rows.filter((r) => r.method === 'PUT').every((r) => r.differences.length > 0)).toBe(true);
    const report = formatReport(rows, 'markdown', 'radicale A', 'radicale B');
    expect(report).toContain('| `MKCALENDAR /anon/session/` | 201 | 401 |');
    const json = JSON.parse(formatReport(rows, 'json', 'a', 'b'));
    expect(json.identical).toBe(false);
  });
});
