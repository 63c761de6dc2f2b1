// --fault NAME and --faults FILE, shared by the proxy and `replay serve`: checked at start-up, so
// an unknown preset or a bad file is refused with what to write instead.
import { readFileSync } from 'node:fs';
import { PRESETS } from '../../rules/faults/presets.ts';
import { checkFaults, FaultError, type FaultSpec } from '../../rules/faults/spec.ts';
import { closeMatches } from '../../rules/index.ts';
import { UsageError } from '../usage.ts';

export interface FaultOptions {
  readonly enabled?: readonly string[];
  readonly fromFile?: readonly FaultSpec[];
}

export const FAULT_FLAGS = { fault: { type: 'string', multiple: true }, faults: { type: 'string' } } as const;

export const FAULT_USAGE = `      --fault NAME              turn on a preset fault from the start (repeatable; the page turns
                                them on and off live); \`davscope faults\` lists them: ${PRESETS.map((p) => p.fault.name).join(', ')}
      --faults FILE             faults of your own, JSON: [{"name", "match": {methods, path, header,
                                bodyContains, xmlElement, syncToken, trailingSlash, nth, times,
                                probability, seed}, "action": {"kind": "answer"|"alter"|"delay"|
                                "throttle"|"reset"|"truncate-sync", ...}}]; on from the start`;

export function parseFaultOptions(names: readonly string[] | undefined, file: string | undefined): FaultOptions | undefined {
  if (!names?.length && file === undefined) return undefined;
  const known = PRESETS.map((p) => p.fault.name);
  for (const n of names ?? []) {
    if (!known.includes(n)) {
      const close = closeMatches(n, known);
      throw new UsageError(`--fault: no preset named "${n}"${close.length ? `; did you mean ${close.join(' or ')}?` : ''} (davscope faults lists them)`);
    }
  }
  let fromFile: FaultSpec[] | undefined;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`--faults: cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      fromFile = checkFaults(JSON.parse(text));
    } catch (err) {
      if (err instanceof FaultError || err instanceof SyntaxError) throw new UsageError(`--faults ${file}: ${err.message}`);
      throw err;
    }
  }
  return { ...(names?.length ? { enabled: names } : {}), ...(fromFile ? { fromFile } : {}) };
}

/** The `faults` option of startDavscope from the two flags; nothing when neither was given. */
export function faultsFromFlags(names: readonly string[] | undefined, file: string | undefined): { faults?: FaultOptions } {
  const faults = parseFaultOptions(names, file);
  return faults ? { faults } : {};
}
