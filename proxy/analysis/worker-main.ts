// The analysis worker: a rule engine on the second core, so analysis never competes with
// forwarding for the proxy's event loop. Exchanges arrive and leave in order.
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { analyseExchange } from './analyse-exchange.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.ts';
import { makeStoredForm } from '../stored-form.ts';

const init = workerData as WorkerInit;

// Forwarding comes first: on Linux a thread has its own nice value, so the analysis thread yields
// the CPU to the proxy's event loop when both want it (the backlog then absorbs bursts).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid)) setPriority(tid, init.nice ?? 10);
} catch {
  /* not Linux, or not permitted: analysis simply runs at the proxy's priority */
}
const engine = createEngine({ rules: allRules, config: init.rules });
const port = parentPort!;

port.postMessage({ ready: true });

port.on('message', (msg: WorkerRequest) => {
  // A batch is analysed in order and answered as one message: fewer round trips under load.
  void (async () => {
    const replies: WorkerReply['results'][number][] = [];
    const transfer: ArrayBuffer[] = [];
    for (const ex of msg.exchanges) {
      try {
        const done = await analyseExchange(engine, ex as Exchange, init.maxDecoded);
        // Only what the main thread lacks goes back: findings and decoded forms, never the bytes again.
        const decodedOf = (b: Exchange['request']['body'] | undefined) => (b?.kind === 'captured' ? b.decoded : undefined);
        const requestDecoded = decodedOf(done.request.body);
        const responseDecoded = decodedOf(done.response?.body);
        // The store's form is made here too (serializing is not for the forwarding thread); its bytes
        // have a buffer of their own, which is moved, not copied, to the main thread.
        const stored = makeStoredForm(done);
        transfer.push(stored.blob.buffer as ArrayBuffer);
        replies.push({ id: ex.id, findings: done.findings, ...(requestDecoded ? { requestDecoded } : {}), ...(responseDecoded ? { responseDecoded } : {}), stored });
      } catch (err) {
        replies.push({ id: ex.id, error: (err as Error).stack ?? String(err) });
      }
    }
    port.postMessage({ batch: msg.batch, results: replies } satisfies WorkerReply, transfer);
  })();
});
