/**
 * A failed assertion in words: "expected status 200, got 403", with its step in front for
 * multi-step checks. `expected` already names what was checked (status, latency, the header, the
 * body, the JSON path), so the assertion's own label is not repeated in front of it.
 */
import type { AssertionOutcome } from '../../protocol/canaries.ts';

export function failedAssertionText(o: Pick<AssertionOutcome, 'step' | 'expected' | 'actual'>): string {
  return `${o.step ? `${o.step}: ` : ''}expected ${o.expected}, got ${o.actual}`;
}
