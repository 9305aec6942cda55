import type { PanelState, Thresholds } from '../model/workspace.ts';

/** The state a value is in, Grafana-style: the last step whose value it reaches. */
export function stateOf(value: number | null | undefined, thresholds: Thresholds | undefined): PanelState | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (!thresholds) return 'ok';
  let state = thresholds[0]!.state;
  for (const step of thresholds) {
    if (step.value !== null && value >= step.value) state = step.state;
  }
  return state;
}

const rank: Record<PanelState, number> = { ok: 0, warning: 1, critical: 2 };

export function atLeast(state: PanelState | null, floor: PanelState): boolean {
  return state !== null && rank[state] >= rank[floor];
}
