import { describe, expect, it } from 'vitest';
import { canTransitionPlan, parsePlan, planSchema, planStates, type PlanInput } from '../../model/plan.ts';
import { formatDurationText, parsePlanText, planToJson, planToYaml } from './plan-io.ts';
import { resolveWhen } from './t-minus.ts';

/** The smallest valid plan; tests spread changes over it. */
const minimalPlan = (): PlanInput => ({
  version: 1,
  event: {
    name: 'Cup Final',
    type: 'sports',
    tier: 1,
    timezone: 'Europe/London',
    start: '2026-05-30T17:00',
    end: '2026-05-30T19:30',
    owner: '@maria',
    successCriteria: ['No SEV1'],
  },
  people: { roster: [{ person: '@maria', role: 'commander', shift: { from: 'T-2h', to: 'T+3h' } }] },
});

const fields = (input: unknown) => {
  const r = parsePlan(input);
  return r.ok ? [] : r.issues.map((i) => i.field);
};

describe('the plan schema', () => {
  it('takes a minimal plan and fills the defaults', () => {
    const r = parsePlan(minimalPlan());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.event.state).toBe('draft');
    expect(r.plan.readiness).toEqual([]);
    expect(r.plan.people.standby).toEqual([]);
  });

  it('refuses a malformed plan as a whole, naming every bad field', () => {
    const plan = {
      ...minimalPlan(),
      readiness: [
        { id: 'load', item: 'Load test', category: 'testing', owner: '@maria', due: 'T-7d', evidence: 'https://ci.example.com/run/1', verifiedAt: '2026-05-20T10:00:00Z' },
        { id: 'runbook', item: 'Runbooks', category: 'process', owner: '@maria', due: 'a week before', evidence: 'javascript:alert(1)' },
      ],
      risks: [{ id: 'cdn', title: 'CDN short', category: 'partner', likelihood: 6, impact: 5, effort: 2, mitigation: 'm', owner: '@maria' }],
      checkIns: [{ id: 'cdn', who: '@nobody', reports: 'CDN', every: '30m', from: 'T-1h' }],
    };
    const r = parsePlan(plan);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['readiness[1].due', 'readiness[1].evidence', 'risks[0].likelihood', 'checkIns[0].who']);
    expect(r.issues[0]!.message).toBe('expected a T-offset such as "T-7d", "T-1h30m", "T+15m" or "T0", got "a week before"');
    expect(r.issues[2]!.message).toBe('expected at most 5, got 6');
    expect(r.issues[3]!.message).toBe('expected someone on the roster (people.roster), got "@nobody"');
    expect('plan' in r).toBe(false);
  });

  it('refuses an end before the start once, not again for every check-in measured against it', () => {
    const plan = minimalPlan();
    const r = parsePlan({
      ...plan,
      event: { ...plan.event, end: '2026-05-29T19:30' },
      keyMoments: [{ id: 'kick-off', kind: 'kick_off', label: 'Kick-off', at: 'T+abc' }],
      checkIns: ['a', 'b', 'c'].map((id) => ({ id, who: '@maria', reports: 'CDN', every: '30m', from: 'T-1h' })),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'keyMoments[0].at: expected a T-offset such as "T-7d", "T-1h30m", "T+15m", or a local date-time such as "2026-05-30T17:00", got "T+abc"',
      'event.end: expected the end to be after the start, got "2026-05-29T19:30"',
    ]);
    // The form's inline word for the same field says the same (a T-offset was meant, not only a date-time).
    const inline = resolveWhen('T+abc', { startMs: Date.UTC(2026, 4, 30, 16), timeZone: 'Europe/London' });
    expect(inline).toEqual({ ok: false, message: r.issues[0]!.message });
  });

  it('names unknown and missing fields', () => {
    const plan = minimalPlan() as Record<string, unknown>;
    const r = parsePlan({ ...plan, event: { ...(plan.event as object), colour: 'red', owner: undefined } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { field: 'event.owner', message: 'expected string, but it is missing' },
      { field: 'event.colour', message: 'unknown field "colour"' },
    ]);
  });

  it('checks times against the event time zone', () => {
    expect(fields({ ...minimalPlan(), event: { ...minimalPlan().event, start: '2026-03-29T01:30', end: '2026-03-29T05:00' } })).toEqual(['event.start']);
    expect(fields({ ...minimalPlan(), event: { ...minimalPlan().event, end: '2026-05-30T16:00' } })).toEqual(['event.end']);
    expect(fields({ ...minimalPlan(), event: { ...minimalPlan().event, timezone: 'Mars/Olympus' } })).toEqual(['event.timezone']);
    expect(fields({ ...minimalPlan(), freeze: { from: 'T+1d', to: 'T-14d', scope: 'all', exceptionApprover: '@maria' } })).toEqual(['freeze.to']);
    expect(
      fields({ ...minimalPlan(), keyMoments: [{ id: 'ko', kind: 'kick_off', label: 'Kick-off', at: '2026-03-29T01:15' }] }),
    ).toEqual(['keyMoments[0].at']);
  });

  it('checks the forecast adds up', () => {
    const forecast = { metric: 'streams', baseline: 100_000, peak: 800_000, confidence: 'medium' };
    expect(fields({ ...minimalPlan(), forecast: { ...forecast, multiplier: 8 } })).toEqual([]);
    expect(fields({ ...minimalPlan(), forecast: { ...forecast, multiplier: 4 } })).toEqual(['forecast.multiplier']);
    expect(fields({ ...minimalPlan(), forecast: { ...forecast, peakRange: { low: 900_000, high: 1_000_000 } } })).toEqual(['forecast.peakRange']);
    expect(fields({ ...minimalPlan(), forecast: { ...forecast, ramp: { perMinute: 1000, from: 'T0', to: 'T-10m' } } })).toEqual(['forecast.ramp.to']);
  });

  it('wants duplicate ids, accepted risks and closed actions to be explicit', () => {
    const risk = { id: 'r', title: 't', category: 'security', likelihood: 2, impact: 2, effort: 1, mitigation: 'm', owner: '@maria' };
    expect(fields({ ...minimalPlan(), risks: [risk, risk] })).toEqual(['risks[1].id']);
    expect(fields({ ...minimalPlan(), risks: [{ ...risk, status: 'accepted' }] })).toEqual(['risks[0].acceptance']);
    expect(fields({ ...minimalPlan(), risks: [{ ...risk, status: 'accepted', acceptance: { by: '@cto', at: '2026-05-01T09:00:00Z' } }] })).toEqual([]);
    expect(fields({ ...minimalPlan(), actionItems: [{ id: 'a', text: 'fix', status: 'done' }] })).toEqual(['actionItems[0].closedAt']);
  });

  it('wants a trigger to watch something, and a check-in grace shorter than its interval', () => {
    const risk = { id: 'r', title: 't', category: 'capacity', likelihood: 2, impact: 2, effort: 1, mitigation: 'm', owner: '@maria' };
    const contingency = { plan: 'steer away', trigger: { description: 'misses high', op: '>', value: 5 } };
    expect(fields({ ...minimalPlan(), risks: [{ ...risk, contingency }] })).toEqual(['risks[0].contingency.trigger.panel']);
    expect(fields({ ...minimalPlan(), checkIns: [{ id: 'c', who: '@maria', reports: 'x', every: '5m', grace: '5m', from: 'T0' }] })).toEqual(['checkIns[0].grace']);
    expect(fields({ ...minimalPlan(), checkIns: [{ id: 'c', who: '@maria', reports: 'x', every: '1ms', grace: 0, from: 'T0' }] })).toEqual(['checkIns[0].every', 'checkIns[0].grace']);
  });

  it('has the lifecycle draft → planned → ready → live → closed', () => {
    expect(planStates).toEqual(['draft', 'planned', 'ready', 'live', 'closed']);
    expect(canTransitionPlan('draft', 'planned')).toBe(true);
    expect(canTransitionPlan('ready', 'live')).toBe(true);
    expect(canTransitionPlan('live', 'closed')).toBe(true);
    expect(canTransitionPlan('draft', 'live')).toBe(false);
    expect(canTransitionPlan('live', 'ready')).toBe(true); // a mistake undone (the hub allows it before the window only)
    expect(canTransitionPlan('closed', 'draft')).toBe(false);
    expect(canTransitionPlan('ready', 'planned')).toBe(true); // readiness lapsed
    expect(canTransitionPlan('planned', 'closed')).toBe(true); // called off
  });
});

describe('plans as text', () => {
  it('places each issue at its line and column, and imports nothing', () => {
    const yaml = [
      'version: 1',
      'event:',
      '  name: Cup Final',
      '  type: sports',
      '  tier: 4',
      '  timezone: Europe/London',
      '  start: 2026-05-30T17:00',
      '  end: 2026-05-30T19:30',
      '  owner: "@maria"',
      '  successCriteria: [No SEV1]',
      'people:',
      '  roster:',
      '    - { person: "@maria", role: commander, shift: { from: T-2h, to: T+3h } }',
      'readiness:',
      '  - id: load',
      '    item: Load test',
      '    category: testing',
      '    owner: "@maria"',
      '    due: T-7d',
      '    evidence: ftp://files.example.com/report',
    ].join('\n');
    const r = parsePlanText(yaml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(({ field, line, column }) => ({ field, line, column }))).toEqual([
      { field: 'event.tier', line: 5, column: 9 },
      { field: 'readiness[0].evidence', line: 20, column: 15 },
    ]);
  });

  it('reports YAML syntax errors with their place', () => {
    const r = parsePlanText('version: 1\nevent: {name: [}\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.line).toBe(2);
    expect(r.issues[0]!.message).toMatch(/^YAML: /);
  });

  it('takes JSON too, and writes YAML and JSON that read back to the same plan', () => {
    const first = parsePlanText(JSON.stringify({ ...minimalPlan(), checkIns: [{ id: 'c', who: '@maria', reports: 'x', every: '30m', from: 'T-1h' }] }));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const yaml = planToYaml(first.plan);
    expect(yaml).toContain('every: 30m');
    expect(yaml).toContain('grace: 5m');
    const again = parsePlanText(yaml);
    expect(again.ok && again.plan).toEqual(first.plan);
    const json = parsePlanText(planToJson(first.plan));
    expect(json.ok && json.plan).toEqual(first.plan);
    expect(planSchema.parse(first.plan)).toEqual(first.plan); // idempotent
  });

  it('writes durations the way people do', () => {
    expect(formatDurationText(1_800_000)).toBe('30m');
    expect(formatDurationText(86_400_000 * 7)).toBe('7d');
    expect(formatDurationText(5400_000)).toBe('90m');
    expect(formatDurationText(1500)).toBe('1500ms');
  });
});
