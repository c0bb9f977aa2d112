// Prints one machine-readable line after Playwright's own report: `N passed, N failed`, the same
// line tests/support/summary-reporter.ts prints for vitest (tests/support/run-all.mjs adds the two).
//
// Counting is per test, by its final outcome: flaky (passed on a retry) counts as passed,
// unexpected as failed, skipped as neither. Errors outside any test (a config or global-setup
// failure, a web server that never came up) count one failed each, so a run that could not start
// never reads "0 failed".
import type { FullResult, Reporter, TestCase, TestError } from '@playwright/test/reporter';

export default class PlaywrightSummaryReporter implements Reporter {
  private readonly tests = new Set<TestCase>();
  private globalErrors = 0;

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase): void {
    this.tests.add(test);
  }

  onError(_error: TestError): void {
    this.globalErrors += 1;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    for (const t of this.tests) {
      const outcome = t.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed += 1;
      else if (outcome === 'unexpected') failed += 1;
    }
    failed += this.globalErrors;
    if (result.status !== 'passed' && failed === 0) failed = 1;
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
