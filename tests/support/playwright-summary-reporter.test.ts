import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FullResult, TestCase } from '@playwright/test/reporter';
import PlaywrightSummaryReporter from './playwright-summary-reporter';

const test = (outcome: ReturnType<TestCase['outcome']>) => ({ outcome: () => outcome }) as unknown as TestCase;
const result = (status: FullResult['status']) => ({ status }) as FullResult;

function printed(fn: (r: PlaywrightSummaryReporter) => void): string {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const r = new PlaywrightSummaryReporter();
  fn(r);
  const out = spy.mock.calls.map((c) => String(c[0])).join('');
  spy.mockRestore();
  return out;
}

describe('playwright summary reporter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts expected and flaky tests as passed, unexpected as failed, skipped as neither', () => {
    const out = printed((r) => {
      for (const o of ['expected', 'flaky', 'unexpected', 'skipped'] as const) r.onTestEnd(test(o));
      r.onEnd(result('failed'));
    });
    expect(out).toBe('2 passed, 1 failed\n');
  });

  it('counts a retried test once, by its final outcome', () => {
    const t = test('flaky');
    const out = printed((r) => {
      r.onTestEnd(t);
      r.onTestEnd(t);
      r.onEnd(result('passed'));
    });
    expect(out).toBe('1 passed, 0 failed\n');
  });

  it('never reports 0 failed for a run that failed outside any test', () => {
    const out = printed((r) => r.onEnd(result('failed')));
    expect(out).toBe('0 passed, 1 failed\n');
  });

  it('counts each error outside a test as one failure', () => {
    const out = printed((r) => {
      r.onError({ message: 'web server did not start' });
      r.onError({ message: 'global setup threw' });
      r.onEnd(result('failed'));
    });
    expect(out).toBe('0 passed, 2 failed\n');
  });
});
