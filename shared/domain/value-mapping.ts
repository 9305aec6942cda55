/**
 * What a value looks like on a wall: Grafana-style value mappings (1 → "UP", 0 → "DOWN"), else
 * the number in its unit; its state from the mapping, else from the thresholds. One function for
 * every panel type (stat, gauge, status-grid tiles, table cells), so they never disagree.
 */
import type { PanelState, Thresholds, Unit, ValueMapping } from '../model/workspace.ts';
import { formatValue } from './format.ts';
import { stateOf } from './thresholds.ts';

/** A state, or "unknown" when there is no value to judge. */
export type ValueState = PanelState | 'unknown';

export interface ValueLook {
  readonly unit: Unit;
  readonly decimals?: number;
  readonly thresholds?: Thresholds;
  readonly mappings?: readonly ValueMapping[];
}

export interface ValueDisplay {
  /** The whole text: "2.41K req/s", "UP", "–". */
  readonly text: string;
  /** The number part ("2.41K"), or the mapped text. */
  readonly number: string;
  /** The unit part with its leading space (" req/s"), "" when none or mapped. */
  readonly unit: string;
  readonly state: ValueState;
  /** Whether the state says something (thresholds or a mapping with a state, and a value). */
  readonly judged: boolean;
  /** The mapping that matched, if one did. */
  readonly mapping: ValueMapping | null;
}

/** The first mapping that matches the value: exact value, or a range with inclusive ends. */
export function matchMapping(value: number | null | undefined, mappings: readonly ValueMapping[] | undefined): ValueMapping | null {
  if (value === null || value === undefined || Number.isNaN(value) || !mappings) return null;
  for (const m of mappings) {
    if ('value' in m) {
      if (m.value === value) return m;
      continue;
    }
    if ((m.from === undefined || value >= m.from) && (m.to === undefined || value <= m.to)) return m;
  }
  return null;
}

/** The state of a value: a mapping's state first, then the thresholds; "ok" when neither judges. */
export function valueState(value: number | null | undefined, look: Pick<ValueLook, 'thresholds' | 'mappings'>): PanelState | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const mapped = matchMapping(value, look.mappings);
  if (mapped?.state) return mapped.state;
  return stateOf(value, look.thresholds);
}

/** Split "2.41K req/s" into the number and the unit, so the number can be drawn bigger. */
export function splitUnit(text: string): { number: string; unit: string } {
  const space = text.indexOf(' ');
  return space === -1 ? { number: text, unit: '' } : { number: text.slice(0, space), unit: text.slice(space) };
}

export function displayValue(value: number | null | undefined, look: ValueLook): ValueDisplay {
  const present = value !== null && value !== undefined && !Number.isNaN(value);
  const mapping = present ? matchMapping(value, look.mappings) : null;
  const state = valueState(value, look);
  const judged = present && (mapping?.state !== undefined || look.thresholds !== undefined);
  if (mapping?.text !== undefined) {
    return { text: mapping.text, number: mapping.text, unit: '', state: state ?? 'unknown', judged, mapping };
  }
  const text = formatValue(value, look.unit, look.decimals);
  return { text, ...splitUnit(text), state: state ?? 'unknown', judged, mapping };
}

const rank: Record<PanelState, number> = { ok: 0, warning: 1, critical: 2 };

/**
 * The worst state among the latest values of several series (a grid's or a table's own state).
 * Series without a value do not count; "unknown" only when none has one.
 */
export function worstSeriesState(
  series: readonly { readonly points: readonly (readonly [number, number])[] }[],
  look: Pick<ValueLook, 'thresholds' | 'mappings'>,
): ValueState {
  let worst: PanelState | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    const state = last ? valueState(last[1], look) : null;
    if (state !== null && (worst === null || rank[state] > rank[worst])) worst = state;
  }
  return worst ?? 'unknown';
}
