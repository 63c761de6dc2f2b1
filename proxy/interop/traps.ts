// The trap scenario davscope ships: a recording of the classic CalDAV traps and the demo's seed
// mistakes against Radicale 3 (user "user", calendar /user/calendar/), which `davscope interop`
// sends when given no FILE. test/interop/make-traps.ts writes it; test/interop/scenario.ts says
// what each request is for.
import { fromRoot } from '../package-root.ts';

export const TRAPS_RECORDING = fromRoot('proxy', 'interop', 'caldav-traps.jsonl');
