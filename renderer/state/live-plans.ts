/**
 * The plans running now (event mode), as the walls and the planner see them, and the key-moment
 * annotations they put on every time-series panel. Fed by transport/plans.ts's watchLivePlans.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { keyMomentTimes } from '../../shared/domain/planning/timeline.ts';
import type { LivePlan, TriggerFired } from '../../shared/protocol/plans.ts';
import type { ChartAnnotation } from '../charts/options.ts';
import { useHub } from '../app/hub-context.tsx';
import { createPlansApi, watchLivePlans } from '../transport/plans.ts';
import { sameAnnotations } from './incident-annotations.ts';

/** Fired triggers kept for the strip (newest first). */
const MAX_FIRED = 20;

export interface LivePlansState {
  readonly plans: readonly LivePlan[];
  readonly annotations: readonly ChartAnnotation[];
  readonly fired: readonly TriggerFired[];
  /** Set when a feed is mounted; the key moments are drawn only then. */
  readonly loadedAt: number | null;
}

export const livePlansStore = createStore<LivePlansState>(() => ({ plans: [], annotations: [], fired: [], loadedAt: null }));

/** Key moments of the running plans, as chart annotations. */
export function keyMomentAnnotations(plans: readonly LivePlan[]): ChartAnnotation[] {
  const several = plans.length > 1;
  return plans
    .flatMap((p) =>
      keyMomentTimes(p.plan).map(({ moment, at }) => ({
        id: `plan:${p.id}:${moment.id}`,
        at,
        label: `${several ? `${p.plan.event.name} · ` : ''}${moment.label}`.slice(0, 40),
        tone: 'info' as const,
      })),
    )
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function setLivePlans(plans: readonly LivePlan[]): void {
  livePlansStore.setState((s) => {
    const annotations = keyMomentAnnotations(plans);
    return { plans, annotations: sameAnnotations(annotations, s.annotations) ? s.annotations : annotations, loadedAt: Date.now() };
  });
}

export function addFiredTrigger(fired: TriggerFired): void {
  livePlansStore.setState((s) => ({ fired: [fired, ...s.fired].slice(0, MAX_FIRED) }));
}

export function useLivePlans<T>(select: (s: LivePlansState) => T): T {
  return useStore(livePlansStore, select);
}

/** Keep the live-plan store fed while the calling screen is mounted. */
export function useLivePlansFeed(): void {
  const hub = useHub();
  useEffect(() => watchLivePlans(hub, createPlansApi(hub), setLivePlans, addFiredTrigger), [hub]);
}
