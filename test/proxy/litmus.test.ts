// litmus, the WebDAV compliance suite, through davscope and directly against real Radicale:
// every one of its tests must end the same way (TESTBED: compare per test, not the count).
import { describe, expect, it } from 'vitest';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { runLitmus } from '../harness/litmus.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

for (const mode of ['without auth', 'with htpasswd auth'] as const) {
  const users = mode === 'with htpasswd auth' ? { alice: 'secret' } : undefined;
  const creds: [string, string] | [] = users ? ['alice', 'secret'] : [];

  describe(`litmus ${mode}`, () => {
    it('ends every test the same way through the proxy as directly', async () => {
      const direct = await startRadicale({ rights: 'all', ...(users ? { users } : {}) });
      cleanups.push(() => direct.stop());
      const upstream = await startRadicale({ rights: 'all', ...(users ? { users } : {}) });
      cleanups.push(() => upstream.stop());
      const proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
      cleanups.push(() => proxy.stop());

      // One after the other: litmus has timing-sensitive tests (expect100), and two runs at once
      // on a busy 2-core machine made them flap.
      const viaDirect = await runLitmus(`${direct.url}/`, ...creds);
      const viaProxy = await runLitmus(`${proxy.proxyUrl}/`, ...creds);
      // All five suites ran: basic, copymove, props, locks, http.
      expect(new Set(viaDirect.tests.map((t) => t.split(' ')[0]))).toEqual(new Set(['basic', 'copymove', 'props', 'locks', 'http']));
      expect(viaDirect.tests.length).toBeGreaterThan(40);
      expect(viaProxy.tests).toEqual(viaDirect.tests);
      // The fragment test must not have deleted the collection through the proxy.
      expect(viaProxy.tests).toContain(viaDirect.tests.find((t) => / delete_fragment /.test(t)));
      // The last exchange reaches the store just after litmus has its answer: wait for it (bounded),
      // then there must be exactly one per request Radicale answered.
      const answered = upstream.answered().length;
      await proxy.waitForExchanges(answered).catch(() => undefined);
      const captured = await proxy.exchanges();
      expect(captured.length).toBe(answered);
    });
  });
}
