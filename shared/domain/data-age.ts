/**
 * Thresholds on data age: a panel can turn amber or red because its data is old, whatever the
 * value says (a nightly batch that did not run, a pusher that stopped). Freshness judges age
 * against the source's interval; these judge it against what the panel's owner can tolerate.
 */
import type { PanelState } from '../model/workspace.ts';

export interface DataAgeThresholds {
  /** Older than this (ms): warning. */
  readonly warning?: number | undefined;
  /** Older than this (ms): critical. */
  readonly critical?: number | undefined;
}

/** The state the data's age puts a panel in; null with no thresholds or before any data. */
export function dataAgeState(ageMs: number | null, thresholds: DataAgeThresholds | undefined): PanelState | null {
  if (!thresholds || ageMs === null) return null;
  if (thresholds.critical !== undefined && ageMs > thresholds.critical) return 'critical';
  if (thresholds.warning !== undefined && ageMs > thresholds.warning) return 'warning';
  return 'ok';
}

const rank = { unknown: -1, ok: 0, warning: 1, critical: 2 } as const;

/** The worse of a value's state and its age's state (an unknown value stays unknown unless age says worse). */
export function worseState<S extends PanelState | 'unknown'>(valueState: S, ageState: PanelState | null): S | PanelState {
  if (ageState === null || ageState === 'ok') return valueState;
  return rank[ageState] > rank[valueState] ? ageState : valueState;
}
