// The embedded default: `davscope` with no --target replays the bundled recording of real Radicale
// traffic and sends its client requests once, so the inspector shows flagged exchanges at once.
import { afterEach, describe, expect, it } from 'vitest';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import { DEMO_RECORDING } from '../../proxy/demo/demo-upstream.ts';
import WebSocket from 'ws';
import { demoSteps } from './record-demo-session.ts';

let proc: DavscopeProcess | undefined;
afterEach(async () => {
  await proc?.stop();
});

describe('the embedded demo', () => {
  it('bundles a readable recording of every demo step, with its real Radicale answers', async () => {
    const reader = readRecording(DEMO_RECORDING);
    const recorded = [];
    for await (const ex of reader) recorded.push(ex);
    expect(reader.warnings).toEqual([]);
    expect(recorded.map((e) => `${e.request.method} ${e.request.target}`)).toEqual(demoSteps().map((s) => `${s.method} ${s.path}`));
    expect(recorded.find((e) => e.request.method === 'MKCALENDAR' && e.request.target === '/demo/work/')?.response?.status).toBe(409);
  });

  it('starts with no --target, says it is a demo, and shows the flagged exchanges', async () => {
    proc = await startDavscopeProcess(undefined);
    expect(proc.output()).toContain('demo: no --target given');
    const list = await proc.waitForExchanges(demoSteps().length);
    expect(list.every((e) => e.status !== undefined && e.status < 500)).toBe(true);
    const rules = new Set<string>();
    for (const s of list) for (const f of (await proc.exchange(s.id)).findings) rules.add(f.ruleId);
    for (const id of ['caldav/put-create-without-if-none-match', 'webdav/collection-url-missing-trailing-slash', 'webdav/precondition-error', 'caldav/mkcalendar-wrong-namespace']) {
      expect(rules).toContain(id);
    }
    // The page is told it shows the demo, so it can say so.
    const ws = new WebSocket(`${proc.uiUrl.replace('http', 'ws')}/ws`, { origin: proc.uiUrl });
    const snapshot = await new Promise<{ info: { demo?: boolean } }>((resolve, reject) => {
      ws.once('message', (m) => resolve(JSON.parse(String(m))));
      ws.once('error', reject);
    });
    ws.close();
    expect(snapshot.info.demo).toBe(true);
  });
});
