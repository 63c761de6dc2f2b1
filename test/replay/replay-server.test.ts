// The replay server answers a python3-caldav session from what davscope captured against real
// Radicale, with Radicale stopped; misses name the nearest candidates.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startRadicale } from '../harness/radicale.ts';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { exchangeFromWire } from '../../rules/model/wire.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { startReplayServer } from '../../proxy/replay/replay-server.ts';
import { useCleanups } from '../harness/cleanups.ts';

const SCRIPT = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const cleanups = useCleanups();

async function captureSession(): Promise<{ exchanges: Exchange[]; stdout: string }> {
  const radicale = await startRadicale({ users: { alice: 'secret' } });
  const proxy = await startDavscopeProcess(radicale.url, ['--quiet']);
  const session = await run('/usr/bin/python3', [SCRIPT, proxy.proxyUrl, 'alice', 'secret']);
  expect(session.stdout).toContain('SESSION OK');
  const n = radicale.answered().length;
  const list = await proxy.waitForExchanges(n);
  const exchanges = await Promise.all(list.map((s) => proxy.exchange(s.id).then(exchangeFromWire)));
  await proxy.stop();
  await radicale.stop(); // from here on, nothing but the recording answers
  return { exchanges, stdout: session.stdout };
}

describe('replay server', () => {
  it('answers the same python3-caldav session with Radicale stopped, identical requests in recorded order', async () => {
    const { exchanges, stdout } = await captureSession();
    const misses: string[] = [];
    const replay = await startReplayServer({ exchanges, host: '127.0.0.1', port: 0, onMiss: (m, t) => misses.push(`${m} ${t}`) });
    cleanups.push(() => replay.close());
    const again = await run('/usr/bin/python3', [SCRIPT, replay.url, 'alice', 'secret']);
    expect(misses).toEqual([]);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(stdout);
  });

  it('answers an unmatched request with a clear error naming the nearest candidates and why they differ', async () => {
    const { exchanges } = await captureSession();
    const replay = await startReplayServer({ exchanges, host: '127.0.0.1', port: 0 });
    cleanups.push(() => replay.close());
    const res = await request(`${replay.url}/alice/`, { method: 'PROPFIND', headers: { Depth: '7', Authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expect(res.status).toBe(502);
    const text = res.body.toString();
    expect(text).toContain('no recorded exchange matches PROPFIND /alice/');
    expect(text).toMatch(/#\d+ PROPFIND \/alice\/\n\s+Depth: recorded 0, got 7/);
  });
});
