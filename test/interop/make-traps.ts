// Writes proxy/interop/caldav-traps.jsonl, the trap scenario davscope ships: SCENARIO recorded
// through davscope in front of a fresh real Radicale. Run it when SCENARIO changes:
//   npx tsx test/interop/make-traps.ts
// (interop.test.ts fails while the shipped file and SCENARIO disagree).
import { copyFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { TRAPS_RECORDING } from '../../proxy/interop/traps.ts';
import { recordScenario } from './scenario.ts';

const file = await recordScenario();
copyFileSync(file, TRAPS_RECORDING);
rmSync(dirname(file), { recursive: true, force: true });
console.log(`wrote ${TRAPS_RECORDING}`);
