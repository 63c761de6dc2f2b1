// V8 sizes its heap for short scripts: after a full GC it lets the old generation grow to up to
// about four times what is live before the next one. davscope holds a bounded store for hours and
// allocates fast under load, so that headroom became hundreds of MB of RSS holding only garbage
// (418 MB after 100,000 exchanges with ~60 MB live). A smaller growing factor trades a little GC
// time for a heap that stays nearer its live size (100%: about twice what is live; 50% saved
// 15 MB more but its extra full GCs showed in Radicale's p99). It is set at start-up, before the
// heap grows, and the analysis worker's isolate inherits it. DAVSCOPE_HEAP_GROWING_PERCENT overrides it (0: V8's
// own choice); a factor given as a node flag is left alone.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

export function tuneHeap(): void {
  if (process.execArgv.some((a) => a.includes('heap-growing-percent'))) return;
  const percent = Number(process.env.DAVSCOPE_HEAP_GROWING_PERCENT ?? HEAP_GROWING_PERCENT);
  if (Number.isInteger(percent) && percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
