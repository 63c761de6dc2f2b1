// The analysis worker: a rule engine on the second core, so analysis never competes with
// forwarding for the proxy's event loop. Exchanges arrive and leave in order.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { analyseExchange } from './analyse-exchange.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.ts';

const init = workerData as WorkerInit;
const engine = createEngine({ rules: allRules, config: init.rules });
const port = parentPort!;

port.postMessage({ ready: true });

port.on('message', (msg: WorkerRequest) => {
  // A batch is analysed in order and answered as one message: fewer round trips under load.
  void (async () => {
    const replies: WorkerReply['results'][number][] = [];
    for (const ex of msg.exchanges) {
      try {
        const done = await analyseExchange(engine, ex as Exchange, init.maxDecoded);
        // Only what the main thread lacks goes back: findings and decoded forms, never the bytes again.
        const decodedOf = (b: Exchange['request']['body'] | undefined) => (b?.kind === 'captured' ? b.decoded : undefined);
        const requestDecoded = decodedOf(done.request.body);
        const responseDecoded = decodedOf(done.response?.body);
        replies.push({ id: ex.id, findings: done.findings, ...(requestDecoded ? { requestDecoded } : {}), ...(responseDecoded ? { responseDecoded } : {}) });
      } catch (err) {
        replies.push({ id: ex.id, error: (err as Error).stack ?? String(err) });
      }
    }
    port.postMessage({ batch: msg.batch, results: replies } satisfies WorkerReply);
  })();
});
