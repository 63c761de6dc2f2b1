// One cleanup list per test file: push what a test started (a server, a process, a temp dir) and
// it is undone after each test, newest first, even when the test failed.
import { afterEach } from 'vitest';

export type Cleanup = () => Promise<unknown> | void;

/** Call at the top of a test file; registers the afterEach that empties the returned list. */
export function useCleanups(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return cleanups;
}
