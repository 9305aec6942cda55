/**
 * An ingested JUnit report as one run of its suite's canary: it failed if any test failed or
 * errored, it passed on retry (flaky) if a test only passed after a rerun, and its latency is the
 * report's duration. A report with no test cases at all is an error, not a pass: a suite that
 * silently ran nothing (jest-junit drops test files that failed to load) must not look green.
 */
import type { CanaryResult, JUnitSummary } from '../../model/canary.ts';

const MAX_NAMES = 3;

export function canaryResultFromJUnit(summary: JUnitSummary, at?: number): CanaryResult {
  const base: CanaryResult = { type: 'result', outcome: 'pass', latencyMs: summary.durationMs };
  if (at !== undefined) base.at = at;
  if (summary.tests === 0) return { ...base, outcome: 'error', classification: 'error', message: 'the report has no test cases' };
  const broken = summary.failed + summary.errored;
  if (broken > 0) {
    const names = summary.failures.slice(0, MAX_NAMES).map((f) => f.name);
    const more = summary.failures.length > MAX_NAMES ? ` and ${summary.failures.length - MAX_NAMES} more` : '';
    return {
      ...base,
      outcome: summary.failed > 0 ? 'fail' : 'error',
      classification: summary.failed > 0 ? 'assertion' : 'error',
      message: `${broken} of ${summary.tests} tests failed: ${names.join(', ')}${more}`.slice(0, 1000),
    };
  }
  if (summary.flaky > 0) {
    return { ...base, retried: true, message: `${summary.passed + summary.flaky} of ${summary.tests} tests passed, ${summary.flaky} only on retry` };
  }
  return { ...base, message: `${summary.passed} of ${summary.tests} tests passed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}` };
}
