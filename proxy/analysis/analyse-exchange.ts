// One exchange's analysis: bodies decoded for inspection, then the rule engine. Runs in the
// analysis worker (and in the main thread if no worker could start).
import type { Exchange } from '../../rules/model/exchange.ts';
import type { Engine } from '../../rules/engine/engine.ts';
import { decodeBodies } from '../decode-body.ts';

export async function analyseExchange(engine: Engine, ex: Exchange, maxDecoded: number): Promise<Exchange> {
  const decoded = await decodeBodies(ex, maxDecoded);
  return { ...decoded, findings: engine.analyse(decoded) };
}
