// Runs a synchronous function with a hard time limit, for work whose length the user controls: a
// regular expression typed into the page's filter can backtrack for minutes on one body, and the
// search runs on the thread that forwards. V8 stops a script run through node:vm at its timeout
// (regular expression execution included), so the function runs as that script's one call.
import vm from 'node:vm';

/** The function ran past its limit and was stopped. */
export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`stopped after ${limitMs} ms`);
  }
}

const context = vm.createContext({ job: undefined as (() => unknown) | undefined });
const script = new vm.Script('job()', { filename: 'davscope-bounded-job' });

/** fn's result, or TimeLimitError when it ran longer than limitMs (its work is then abandoned). */
export function runBounded<T>(fn: () => T, limitMs: number): T {
  context.job = fn;
  try {
    return script.runInContext(context, { timeout: limitMs }) as T;
  } catch (err) {
    if ((err as { code?: unknown })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeLimitError(limitMs);
    throw err;
  } finally {
    context.job = undefined;
  }
}
