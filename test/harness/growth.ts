// How work grows with its input, for tests that guard an algorithm's complexity (a quadratic
// includes(), a per-row rebuild) without a wall-clock bound a loaded CI machine would break: the
// ratio of the cost at 2n to the cost at n is about 2 for linear work and about 4 for quadratic,
// whatever the machine's speed. Cost is the process's CPU time, not the clock, so time the process
// spends preempted by a busy neighbour does not count; each size keeps its cheapest of several
// rounds, so one collection does not decide. Speed itself is `npm run bench`'s to claim.

/**
 * time(2n) / time(n), each the fastest of `rounds` runs of `work` on a fresh `setup` input. The two
 * sizes take turns, so a stretch of load slows both alike rather than one of them.
 */
export function growth<T>(setup: (n: number) => T, work: (input: T) => void, n: number, rounds = 7): number {
  const once = (size: number): number => {
    const input = setup(size);
    const before = process.cpuUsage();
    work(input);
    const spent = process.cpuUsage(before);
    return (spent.user + spent.system) / 1000;
  };
  let small = Infinity;
  let large = Infinity;
  for (let r = 0; r < rounds; r++) {
    small = Math.min(small, once(n));
    large = Math.min(large, once(2 * n));
  }
  // A floor so that two near-zero times do not make a ratio out of timer noise.
  return Math.max(large, 0.05) / Math.max(small, 0.05);
}

/** The bound tests assert: comfortably above linear (2), well below quadratic (4). */
export const LINEAR = 3;
