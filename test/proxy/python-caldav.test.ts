// python3-caldav through davscope and directly against real Radicale: the client sees the same
// results, and davscope captured every exchange Radicale answered, with methods, statuses and bodies.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { run } from '../harness/run.ts';
import { bodyText } from '../../rules/model/body.ts';
import { exchangeFromWire } from '../../rules/model/wire.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const cleanups = useCleanups();

async function radicale(users?: Record<string, string>): Promise<Radicale> {
  const r = await startRadicale(users ? { users } : {});
  cleanups.push(() => r.stop());
  return r;
}

async function davscope(target: string): Promise<DavscopeProcess> {
  const d = await startDavscopeProcess(target);
  cleanups.push(() => d.stop());
  return d;
}

for (const mode of ['without auth', 'with htpasswd auth'] as const) {
  const users = mode === 'with htpasswd auth' ? { alice: 'secret' } : undefined;
  const creds = users ? ['alice', 'secret'] : [];

  describe(`python3-caldav ${mode}`, () => {
    it('gets the same results through the proxy as directly, and every exchange is captured', async () => {
      const direct = await radicale(users);
      const directRun = await run('/usr/bin/python3', [SCRIPT, direct.url, ...creds]);
      expect(directRun.stderr).toBe('');
      expect(directRun.stdout).toContain('SESSION OK');

      const upstream = await radicale(users);
      const proxy = await davscope(upstream.url);
      const proxiedRun = await run('/usr/bin/python3', [SCRIPT, proxy.proxyUrl, ...creds]);
      expect(proxiedRun.stderr).toBe('');
      expect(proxiedRun.stdout).toBe(directRun.stdout);

      // Radicale's own log is the independent witness of what crossed the proxy.
      const answered = upstream.answered();
      expect(answered.length).toBeGreaterThan(10);
      const captured = (await proxy.waitForExchanges(answered.length)).sort((a, b) => a.seq - b.seq);
      expect(captured.length).toBe(answered.length);
      expect(captured.map((c) => [c.method, decodeURIComponent(c.target.split('?')[0]), c.status])).toEqual(
        answered.map((a) => [a.method, a.path, a.status]),
      );

      const full = await Promise.all(captured.map((c) => proxy.exchange(c.id).then(exchangeFromWire)));
      const puts = full.filter((e) => e.request.method === 'PUT');
      expect(puts.length).toBeGreaterThanOrEqual(4);
      for (const put of puts) expect(bodyText(put.request.body)).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*UID:ev\d@davscope/);
      const reports = full.filter((e) => e.request.method === 'REPORT');
      expect(reports.some((r) => bodyText(r.request.body)?.includes('calendar-query'))).toBe(true);
      expect(reports.some((r) => bodyText(r.response!.body)?.includes('SUMMARY:July review'))).toBe(true);
      const mkcalendar = full.find((e) => e.request.method === 'MKCALENDAR')!;
      expect(mkcalendar.response!.status).toBe(201);
      expect(mkcalendar.timings.end).toBeGreaterThanOrEqual(mkcalendar.timings.responseStart!);
    });
  });
}
