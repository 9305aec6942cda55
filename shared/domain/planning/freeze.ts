/**
 * The change freeze and the changes recorded inside it: a deploy during the freeze is what the
 * exception approver must hear about, on the wall while it is on and in the report afterwards.
 */
import type { Plan } from '../../model/plan.ts';
import type { Change } from '../../protocol/incidents.ts';
import { whenMs } from './t-minus.ts';
import { planWindow } from './timeline.ts';

export interface FreezeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The plan's freeze as instants, or null when it has none. */
export function freezeWindow(plan: Plan): FreezeWindow | null {
  if (!plan.freeze) return null;
  const w = planWindow(plan);
  return { fromMs: whenMs(plan.freeze.from, w), toMs: whenMs(plan.freeze.to, w) };
}

/**
 * The changes whose time lies within the freeze (both ends included), oldest first. Every service
 * counts: `freeze.scope` is free text ("production changes to playback, ...") that no change can be
 * matched against reliably, and a change wrongly left out is worse than one the approver waves through.
 */
export function changesInFreeze(plan: Plan, changes: readonly Change[]): Change[] {
  const f = freezeWindow(plan);
  if (!f) return [];
  return changes.filter((c) => c.at >= f.fromMs && c.at <= f.toMs).sort((a, b) => a.at - b.at || a.recordedAt - b.recordedAt);
}
