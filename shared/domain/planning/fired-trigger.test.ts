import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './plan-io.ts';
import type { Plan } from '../../model/plan.ts';
import { firedTriggerPeople, firedTriggerStripLine, mostUrgentFirst } from './fired-trigger.ts';

const finalPlan = (): Plan => {
  const r = parsePlanText(readFileSync(new URL('../../../assets/templates/sports-final.yaml', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('the sports-final template no longer parses');
  return r.plan;
};

describe('who acts when a trigger fires', () => {
  it('names the decision owner and everyone to tell', () => {
    const words = firedTriggerPeople(finalPlan(), 'entitlement-saturation');
    expect(words.decides).toBe('decides: @event-commander');
    expect(words.notify).toBe('notify: @event-commander, @comms-lead');
    expect(words.runbook).toBeNull();
  });

  it('says nothing of a decision owner the contingency does not name', () => {
    expect(firedTriggerPeople(finalPlan(), 'drm-latency')).toEqual({ decides: null, notify: 'notify: @playback-sme', runbook: null });
    expect(firedTriggerPeople(finalPlan(), 'no-such-risk')).toEqual({ decides: null, notify: null, runbook: null });
  });

  it('offers the runbook only as an http(s) link', () => {
    const plan = finalPlan();
    const risk = plan.risks.find((r) => r.id === 'cdn-shortfall')!;
    risk.contingency!.runbook = 'https://wiki.example.com/runbooks/cdn-shortfall';
    expect(firedTriggerPeople(plan, 'cdn-shortfall').runbook).toBe('https://wiki.example.com/runbooks/cdn-shortfall');
    // A plan stored before the rule, or edited around it, must not become a script link.
    risk.contingency!.runbook = 'javascript:alert(1)';
    expect(firedTriggerPeople(plan, 'cdn-shortfall').runbook).toBeNull();
  });

  it('keeps the strip line short: the decider first, the decider not listed twice, extra names counted', () => {
    const plan = finalPlan();
    expect(firedTriggerStripLine(plan, 'entitlement-saturation')).toBe('decides: @event-commander · notify: @comms-lead');
    plan.risks.find((r) => r.id === 'cdn-shortfall')!.contingency!.notify = ['@a', '@b', '@c', '@d'];
    expect(firedTriggerStripLine(plan, 'cdn-shortfall')).toBe('decides: @cdn-lead · notify: @a, @b +2');
    expect(firedTriggerStripLine(plan, 'drm-latency')).toBe('notify: @playback-sme');
    expect(firedTriggerStripLine(plan, 'no-such-risk')).toBeNull();
  });
});

describe('triggers fired at once', () => {
  it('come the most urgent first: the higher risk score, then the one firing longer, a risk the plan lacks last', () => {
    const fired = (riskId: string, since: number) => ({ riskId, since });
    // cdn-shortfall scores 2 × 5, entitlement-saturation 3 × 5, drm-latency 2 × 4.
    const order = mostUrgentFirst(finalPlan(), [fired('gone', 0), fired('drm-latency', 0), fired('cdn-shortfall', 5), fired('entitlement-saturation', 9), fired('gone-too', 1)]);
    expect(order.map((t) => t.riskId)).toEqual(['entitlement-saturation', 'cdn-shortfall', 'drm-latency', 'gone', 'gone-too']);
    const plan = finalPlan();
    plan.risks.push({ ...plan.risks.find((r) => r.id === 'cdn-shortfall')!, id: 'cdn-2' });
    expect(mostUrgentFirst(plan, [fired('cdn-shortfall', 5), fired('cdn-2', 1)]).map((t) => t.riskId)).toEqual(['cdn-2', 'cdn-shortfall']);
  });
});
