// A WebSocket client of the inspector protocol for benchmarks: connects as the inspector page
// would (same Origin), reads every message, and counts them.
import WebSocket from 'ws';
import { WS_PATH } from '../../rules/model/protocol.ts';

export interface UiClient {
  readonly messages: () => number;
  stop(): Promise<void>;
}

/** Connects, retrying for up to 5 s: davscope opens its inspector port just after its proxy port. */
export async function connectUiClient(uiPort: number): Promise<UiClient> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectOnce(uiPort);
    } catch (err) {
      if (attempt >= 100) throw new Error(`the inspector on port ${uiPort} never accepted a WebSocket: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function connectOnce(uiPort: number): Promise<UiClient> {
  const origin = `http://127.0.0.1:${uiPort}`;
  const ws = new WebSocket(`ws://127.0.0.1:${uiPort}${WS_PATH}`, { origin });
  let count = 0;
  ws.on('message', () => count++);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    messages: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
