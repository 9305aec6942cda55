import type { LivePlan } from '../../shared/protocol/plans.ts';

/** The running plans that chose this wall (a plan naming no walls runs on all of them). */
export function plansForWall(plans: readonly LivePlan[], wallId: string): LivePlan[] {
  return plans.filter((p) => p.plan.event.walls === undefined || p.plan.event.walls.length === 0 || p.plan.event.walls.includes(wallId));
}
