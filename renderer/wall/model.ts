/** Pure wall logic: which frames a wall needs, each panel's freshness and reading. */
import { panelFrameKey } from '../../shared/domain/panel-query.ts';
import { freshnessWord } from '../app/status-words.ts';
import { freshnessOf } from '../../shared/domain/freshness.ts';
import type { Freshness } from '../../shared/domain/freshness.ts';
import { panelValue } from '../../shared/domain/panel-value.ts';
import type { PanelReading } from '../../shared/domain/status-radiator.ts';
import { valueState } from '../../shared/domain/value-mapping.ts';
import type { ValueLook } from '../../shared/domain/value-mapping.ts';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { DataPanelConfig, PanelConfig, PanelState, WallConfig, Workspace } from '../../shared/model/workspace.ts';
import type { FrameEntry, FrameWant } from '../state/frames.ts';
import { DEFAULT_WINDOW_MS, LATEST_ONLY, MAX_POINTS_PER_SERIES } from '../state/frames.ts';

/** The frame a panel shows: same function, same input as the hub. */
export { panelFrameKey };

export function panelWindowMs(panel: PanelConfig): number {
  return panel.type === 'timeseries' ? panel.span : DEFAULT_WINDOW_MS;
}

/**
 * Points per series a panel draws: a chart or sparkline its whole window, the others (gauge,
 * grid, table, a bare stat, the status radiator) only the latest value. A 24-panel wall that keeps
 * 15 min of history for panels that never draw it holds megabytes for nothing.
 */
export function panelPointsShown(panel: PanelConfig): number {
  if (panel.type === 'timeseries' || (panel.type === 'stat' && panel.sparkline)) return MAX_POINTS_PER_SERIES;
  return LATEST_ONLY;
}

/** Every panel of the workspace by id (status rules may name panels of other walls). */
export function panelsById(workspace: Workspace): Map<string, PanelConfig> {
  const map = new Map<string, PanelConfig>();
  for (const wall of workspace.walls) for (const panel of wall.panels) map.set(panel.id, panel);
  return map;
}

/** The panels whose readings the status radiator needs, wherever they sit (only data panels have readings). */
export function statusPanels(workspace: Workspace): DataPanelConfig[] {
  const byId = panelsById(workspace);
  const ids = new Set<string>();
  for (const level of workspace.status?.levels ?? []) for (const c of level.when) ids.add(c.panel);
  return [...ids].flatMap((id) => {
    const panel = byId.get(id);
    return panel && isDataPanel(panel) ? [panel] : [];
  });
}

/** What a wall subscribes to: its own panels and the status radiator's. */
export function wallWants(workspace: Workspace, wall: WallConfig): FrameWant[] {
  const wants = new Map<string, { windowMs: number; maxPoints: number }>();
  // Text and embed panels take no data from the hub.
  for (const panel of [...wall.panels.filter(isDataPanel), ...statusPanels(workspace)]) {
    const key = panelFrameKey(panel);
    const prev = wants.get(key);
    wants.set(key, {
      windowMs: Math.max(prev?.windowMs ?? 0, panelWindowMs(panel)),
      maxPoints: Math.max(prev?.maxPoints ?? 0, panelPointsShown(panel)),
    });
  }
  return [...wants].map(([key, want]) => ({ key, ...want }));
}

export interface PanelFreshness {
  readonly freshness: Freshness;
  /** How old the data is (hub clock), null before the first success. */
  readonly ageMs: number | null;
  /** True before any data for this frame reached the screen. */
  readonly waiting: boolean;
  /** The latest answer came, with nothing in it to show (an SLO with no event counted: "NO DATA" in its body). */
  readonly empty?: boolean;
}

/**
 * The freshness badge's word, one rule for every panel: a panel with nothing to show (no answer
 * yet, or an answer with nothing in it: a query without points, an SLO without events) never reads
 * "live" beside its empty body, which a war room takes for a contradiction; it says "no data",
 * with the answer's age when there is one. Delayed, stale or disconnected keep their word (more
 * urgent than an empty answer), as does data older than the panel tolerates ("too old").
 */
export function freshnessBadgeWord({ freshness, ageMs, waiting, empty }: PanelFreshness, ageState: PanelState | null): string {
  if (ageState === 'warning' || ageState === 'critical') return 'too old';
  const nothing = waiting || empty === true;
  if (nothing && freshness !== 'disconnected' && (ageMs === null || freshness === 'live')) return 'no data';
  return freshnessWord[freshness];
}

export function panelFreshness(
  meta: Pick<FrameEntry['meta'], 'lastSuccessAt' | 'expectedIntervalMs'> | null,
  hasPoints: boolean,
  fallbackIntervalMs: number,
  hubNow: number,
  connected: boolean,
): PanelFreshness {
  const lastSuccessAt = meta?.lastSuccessAt ?? null;
  const freshness = freshnessOf({
    lastSuccessAt,
    expectedIntervalMs: meta?.expectedIntervalMs ?? fallbackIntervalMs,
    now: hubNow,
    connected,
  });
  return { freshness, ageMs: lastSuccessAt === null ? null : Math.max(0, hubNow - lastSuccessAt), waiting: !hasPoints };
}

export function hasPoints(entry: Pick<FrameEntry, 'series'> | undefined): boolean {
  return entry?.series.some((s) => s.points.length > 0) ?? false;
}

/** The source's interval from the workspace, used before the hub's meta arrives. */
export function sourceIntervalMs(workspace: Workspace | null, sourceId: string): number {
  return workspace?.sources.find((s) => s.id === sourceId)?.interval ?? 5000;
}

export interface PanelReadingInput {
  readonly panel: DataPanelConfig;
  readonly entry: FrameEntry | undefined;
  readonly live: boolean;
}

export function panelReading({ panel, entry, live }: PanelReadingInput): PanelReading {
  const value = panelValue(entry, panel.query.aggregate);
  return { value, state: valueState(value, panel), live };
}

/** "unknown" when there is no value; the threshold state otherwise. */
export type DisplayState = PanelState | 'unknown';
export function displayState(value: number | null, panel: Pick<ValueLook, 'thresholds' | 'mappings'>): DisplayState {
  return valueState(value, panel) ?? 'unknown';
}
