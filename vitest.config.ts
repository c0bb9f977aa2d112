import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'bin/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    // The summary reporter prints the final `N passed, N failed` line that .ci/run repeats.
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
