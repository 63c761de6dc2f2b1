// The embedded default: with no --target, davscope proxies a replay of a bundled recording of real
// Radicale traffic (mistakes included) and sends the recorded client requests through it once,
// so a newcomer sees flagged exchanges in the inspector straight away.
import { fromRoot } from '../package-root.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { readRecording } from '../recording/reader.ts';
import { startReplayServer, type ReplayServer } from '../replay/replay-server.ts';
import { resend } from '../replay/resend.ts';

export const DEMO_RECORDING = fromRoot('proxy', 'demo', 'demo-session.jsonl');

export interface DemoUpstream {
  readonly replay: ReplayServer;
  readonly exchanges: readonly Exchange[];
  /** Sends the recorded client requests to the proxy once; resolves with how many went. */
  playClient(proxyUrl: string): Promise<number>;
}

export async function startDemoUpstream(): Promise<DemoUpstream> {
  const exchanges: Exchange[] = [];
  for await (const ex of readRecording(DEMO_RECORDING)) exchanges.push(ex);
  const replay = await startReplayServer({ exchanges, host: '127.0.0.1', port: 0 });
  return {
    replay,
    exchanges,
    playClient: async (proxyUrl) => (await resend(exchanges, { target: new URL(proxyUrl + '/') })).length,
  };
}
