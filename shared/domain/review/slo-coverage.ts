/**
 * What is said beside an error budget when Prometheus has data for part of the SLO window only
 * (younger than the window, a shorter retention): the budget assumes the rest of the window at the
 * same traffic without failures (slo.ts), so the reader should know how much of it was seen.
 */
import { formatDuration } from '../incidents/durations.ts';
import type { ErrorBudget } from './slo.ts';

/** "over the 3 d with data, of 28 d"; null when the whole window has data (or there is none). */
export function dataCoverageNote(budget: Pick<ErrorBudget, 'coverage' | 'total'> | null | undefined, windowMs: number): string | null {
  if (!budget || budget.total <= 0 || budget.coverage >= 1) return null;
  return `over the ${formatDuration(budget.coverage * windowMs)} with data, of ${formatDuration(windowMs)}`;
}
