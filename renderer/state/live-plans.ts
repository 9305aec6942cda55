/**
 * The plans running now (event mode), as the walls and the planner see them, and the key-moment
 * annotations they put on the time-series panels of the walls they run on. Fed by
 * transport/plans.ts's watchLivePlans.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { keyMomentTimes } from '../../shared/domain/planning/timeline.ts';
import type { LivePlan, TriggerFired, UpcomingPlan } from '../../shared/protocol/plans.ts';
import type { ChartAnnotation } from '../charts/options.ts';
import { useHub } from '../app/hub-context.tsx';
import { createPlansApi, watchLivePlans } from '../transport/plans.ts';
import { plansForWall } from '../wall/event-plans.ts';
import { sameAnnotations } from './incident-annotations.ts';

/** Fired triggers kept for the strip (newest first). */
const MAX_FIRED = 20;

export interface LivePlansState {
  readonly plans: readonly LivePlan[];
  /** Events planned or ready in the next days, soonest first: the walls' header counts down to them. */
  readonly upcoming: readonly UpcomingPlan[];
  /** Every running plan's key moments (panels shown outside a wall). */
  readonly annotations: readonly ChartAnnotation[];
  /** The key moments each wall draws: see {@link keyMomentsByWall}. */
  readonly byWall: KeyMomentsByWall;
  readonly fired: readonly TriggerFired[];
  /** Set when a feed is mounted; the key moments are drawn only then. */
  readonly loadedAt: number | null;
}

const NO_KEY_MOMENTS: KeyMomentsByWall = { walls: {}, otherWalls: [] };

export const livePlansStore = createStore<LivePlansState>(() => ({ plans: [], upcoming: [], annotations: [], byWall: NO_KEY_MOMENTS, fired: [], loadedAt: null }));

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

/**
 * The key moments per wall: a plan's are drawn only on the walls its `event.walls` names, or on
 * every wall when it names none (as its strip). `walls` has each wall some plan names; any other
 * wall draws `otherWalls`.
 */
export interface KeyMomentsByWall {
  readonly walls: Readonly<Record<string, readonly ChartAnnotation[]>>;
  readonly otherWalls: readonly ChartAnnotation[];
}

/** The key moments per wall; arrays equal to `previous`'s are kept (no chart redraws for them). */
export function keyMomentsByWall(plans: readonly LivePlan[], previous: KeyMomentsByWall = NO_KEY_MOMENTS): KeyMomentsByWall {
  const keep = (next: ChartAnnotation[], old: readonly ChartAnnotation[] | undefined) => (old && sameAnnotations(next, old) ? old : next);
  const named = new Set(plans.flatMap((p) => p.plan.event.walls ?? []));
  return {
    walls: Object.fromEntries([...named].map((wallId) => [wallId, keep(keyMomentAnnotations(plansForWall(plans, wallId)), previous.walls[wallId])])),
    otherWalls: keep(keyMomentAnnotations(plans.filter((p) => (p.plan.event.walls ?? []).length === 0)), previous.otherWalls),
  };
}

/** The key moments the wall `wallId` draws; every running plan's outside a wall (null). */
export function keyMomentsOn(s: Pick<LivePlansState, 'annotations' | 'byWall'>, wallId: string | null): readonly ChartAnnotation[] {
  if (wallId === null) return s.annotations;
  return s.byWall.walls[wallId] ?? s.byWall.otherWalls;
}

export function setLivePlans(plans: readonly LivePlan[], upcoming: readonly UpcomingPlan[] = []): void {
  livePlansStore.setState((s) => {
    const annotations = keyMomentAnnotations(plans);
    return {
      plans,
      upcoming: sameUpcoming(upcoming, s.upcoming) ? s.upcoming : upcoming,
      annotations: sameAnnotations(annotations, s.annotations) ? s.annotations : annotations,
      byWall: keyMomentsByWall(plans, s.byWall),
      loadedAt: Date.now(),
    };
  });
}

const sameUpcoming = (a: readonly UpcomingPlan[], b: readonly UpcomingPlan[]): boolean =>
  a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.startMs === b[i]!.startMs && p.name === b[i]!.name && p.walls.join() === b[i]!.walls.join());

export function addFiredTrigger(fired: TriggerFired): void {
  livePlansStore.setState((s) => ({ fired: [fired, ...s.fired].slice(0, MAX_FIRED) }));
}

export function useLivePlans<T>(select: (s: LivePlansState) => T): T {
  return useStore(livePlansStore, select);
}

/** Keep the live-plan store fed while the calling screen is mounted. */
export function useLivePlansFeed(): void {
  const hub = useHub();
  useEffect(() => watchLivePlans(hub, createPlansApi(hub), (reply) => setLivePlans(reply.plans, reply.upcoming), addFiredTrigger), [hub]);
}
