import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../../../shared/domain/planning/plan-io.ts';
import { planWindow } from '../../../shared/domain/planning/timeline.ts';
import type { Plan } from '../../../shared/model/plan.ts';
import { LIVE_GRACE_MS, PlanService } from './service.ts';

const final = (): Plan => {
  const r = parsePlanText(readFileSync(new URL('../../../assets/templates/sports-final.yaml', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('template');
  return r.plan;
};
const H = 3_600_000;

describe('which plans run on the walls', () => {
  it('a ready plan from an hour before its window to its end; a live one until closed, or LIVE_GRACE_MS (6 h) after its end', () => {
    const plan = final();
    const w = planWindow(plan);
    plan.event.state = 'ready';
    expect(PlanService.runs(plan, w.startMs - 2 * H)).toBe(false);
    expect(PlanService.runs(plan, w.startMs - H / 2)).toBe(true);
    expect(PlanService.runs(plan, w.endMs + 1)).toBe(false);
    plan.event.state = 'live';
    expect(PlanService.runs(plan, w.endMs + LIVE_GRACE_MS - H)).toBe(true); // extra time, the wrap-up
    expect(PlanService.runs(plan, w.endMs + LIVE_GRACE_MS + H)).toBe(false); // nobody closed it: off the walls
    plan.event.state = 'closed';
    expect(PlanService.runs(plan, w.startMs + H)).toBe(false);
  });
});
