/** How an SLO's alert state and figures read on a wall: a tone (colour), an icon (shape) and a word. */
import type { SloStatus } from '../../shared/protocol/review.ts';
import type { DisplayState } from '../wall/model.ts';

export interface AlertLook {
  readonly tone: DisplayState;
  readonly word: string;
}

export function alertLook(alert: SloStatus['alert']): AlertLook {
  if (alert === 'page') return { tone: 'critical', word: 'PAGE' };
  if (alert === 'ticket') return { tone: 'warning', word: 'TICKET' };
  if (alert === 'ok') return { tone: 'ok', word: 'OK' };
  return { tone: 'unknown', word: 'NO DATA' };
}

/** "42.5%" of the budget left; below zero when overspent ("−120%"). */
export function formatBudget(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) return '—';
  const pct = remaining * 100;
  // A budget that has been dipped into never reads "100%" (beside a PAGE and "0.1% burned"):
  // between 99 and 100 it keeps a decimal, rounded down.
  if (pct >= 99 && pct < 100) return `${(Math.floor(pct * 10) / 10).toFixed(1)}%`;
  return `${pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(Math.abs(pct) >= 10 ? 0 : 1)}%`;
}

/** "2.0%" of the budget burned in a range; a burn too small for one decimal is "<0.1%", not "0.0%" beside a budget below 100%. */
export function formatBurned(burned: number | null | undefined): string {
  if (burned === null || burned === undefined || !Number.isFinite(burned)) return '—';
  if (burned > 0 && burned < 0.0005) return '<0.1%';
  return `${(burned * 100).toFixed(1)}%`;
}

/** "×14.4": how many times faster than the budget allows. */
export function formatBurn(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `×${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}`;
}

/**
 * Why an evaluated SLO reads NO DATA, in a line under the chip (else null): no event counted in
 * its window yet (a Prometheus that has just started), or none lately (a source that went quiet).
 */
export function noDataReason(status: Pick<SloStatus, 'error' | 'alert' | 'budget'>): string | null {
  if (status.error !== null || status.alert !== null) return null;
  return (status.budget?.total ?? 0) === 0 ? 'no events counted in its window yet' : 'no events counted lately';
}
