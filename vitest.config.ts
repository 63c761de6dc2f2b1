// Vitest settings: real servers and browsers make some tests slow, so time limits are generous.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One test file at a time: the suite drives real servers, clients and Chromium, several of them
    // timing-sensitive (litmus's expect100, the UI at scale), and two files at once on a 2-core
    // machine made them flap. The whole suite still runs well inside CI's time.
    fileParallelism: false,
    // The JSON report is what .ci/run counts from; screenshots and logs go beside it.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest-results.json' },
  },
});
