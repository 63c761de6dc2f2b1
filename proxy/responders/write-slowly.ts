// A body written at a given rate (the slow-body fault), in tenths each 100 ms, stopping when the
// exchange is over.
import type { ServerResponse } from 'node:http';

/** Writes `body` at about `bytesPerSecond`, a tenth each 100 ms, until done or `stopped()`. */
export function writeSlowly(res: ServerResponse, body: Buffer, bytesPerSecond: number, stopped: () => boolean): void {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
  let at = 0;
  const tick = () => {
    if (stopped() || res.destroyed) return;
    const next = body.subarray(at, at + slice);
    at += next.length;
    if (at >= body.length) res.end(next);
    else {
      res.write(next);
      setTimeout(tick, 100);
    }
  };
  tick();
}
