// Prints one machine-readable line after vitest's own report: `N passed, N failed`.
// .ci/run greps this line and repeats it as its last line, so keep the format exact.
//
// Counting is per test case. A test file that fails without any failing test (a syntax error,
// a throwing import, a failing beforeAll) counts as one failed test, and so does each unhandled
// error: otherwise a broken file would read as "0 failed" while vitest exits non-zero.
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export interface Summary {
  passed: number;
  failed: number;
}

export function summarize(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): Summary {
  let passed = 0;
  let failed = 0;
  for (const mod of testModules) {
    let failedHere = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed += 1;
      else if (state === 'failed') failedHere += 1;
    }
    if (failedHere === 0 && (mod.state() === 'failed' || mod.errors().length > 0)) failedHere = 1;
    failed += failedHere;
  }
  failed += unhandledErrors.length;
  return { passed, failed };
}

export function formatSummary({ passed, failed }: Summary): string {
  return `${passed} passed, ${failed} failed`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    _reason: TestRunEndReason,
  ): void {
    process.stdout.write(`${formatSummary(summarize(testModules, unhandledErrors))}\n`);
  }
}
