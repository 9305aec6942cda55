import { describe, expect, it } from 'vitest';
import { cadencePolicySchema, type Audience } from '../../model/incident.ts';
import { cadencePolicyFrom, defaultCadencePolicy, nextUpdateDue, type CadenceInput } from './cadence.ts';
import { incidentSettingsSchema } from '../../model/incident-settings.ts';

const MIN = 60_000;
const D = Date.UTC(2025, 5, 14, 19, 0); // declared

/** Minutes after the declaration at which each audience is due, and which are overdue, at `now`. */
function due(input: Partial<CadenceInput> & Pick<CadenceInput, 'severity'>, nowMin: number) {
  const result = nextUpdateDue({ declaredAt: D, lastSentAt: {}, now: D + nowMin * MIN, ...input });
  const at = (a: Audience) => {
    const u = result.find((r) => r.audience === a)!;
    return u.dueAt === null ? null : (u.dueAt - D) / MIN;
  };
  return { internal: at('internal'), executive: at('executive'), external: at('external'), overdue: result.filter((r) => r.overdue).map((r) => r.audience), result };
}
const sent = (minutes: Partial<Record<Audience, number>>) => Object.fromEntries(Object.entries(minutes).map(([a, m]) => [a, D + m * MIN]));

describe('status-update cadence', () => {
  it('SEV1: customers first within 5 minutes, executives within 30, and the wall counts down', () => {
    const early = due({ severity: 1 }, 2);
    expect(early).toMatchObject({ external: 5, internal: 5, executive: 30, overdue: [] });
    expect(early.result.find((r) => r.audience === 'external')).toMatchObject({ inMs: 3 * MIN, everyMs: 20 * MIN });
    expect(due({ severity: 1 }, 6).overdue).toEqual(['internal', 'external']);
  });

  it('SEV1: every 20 minutes for the first two hours, then hourly', () => {
    expect(due({ severity: 1, lastSentAt: sent({ external: 10 }) }, 15).external).toBe(30);
    expect(due({ severity: 1, lastSentAt: sent({ external: 110 }) }, 115).external).toBe(130);
    expect(due({ severity: 1, lastSentAt: sent({ external: 125 }) }, 130).external).toBe(185);
    expect(due({ severity: 1, lastSentAt: sent({ external: 125 }) }, 130).result[2]!.everyMs).toBe(60 * MIN);
    expect(due({ severity: 1, lastSentAt: sent({ external: 10 }) }, 31).overdue).toContain('external');
  });

  it('lower severities are quieter; SEV4 owes nothing', () => {
    expect(due({ severity: 2, lastSentAt: sent({ external: 20 }) }, 25)).toMatchObject({ external: 50, executive: 60 });
    expect(due({ severity: 3 }, 0)).toMatchObject({ internal: 120, executive: null, external: null });
    expect(due({ severity: 4 }, 600)).toMatchObject({ internal: null, executive: null, external: null, overdue: [] });
  });

  it('applies an escalation from the change on, never retroactively', () => {
    // SEV3 for 40 minutes, then SEV1. Internal was told at +30 (SEV3 would wait until +150).
    const history = [
      { at: D, severity: 3 as const },
      { at: D + 40 * MIN, severity: 1 as const },
    ];
    const r = due({ severity: history, lastSentAt: sent({ internal: 30 }) }, 41);
    expect(r.external).toBe(45); // customers: first post within 5 minutes of becoming SEV1
    expect(r.internal).toBe(70); // 30 minutes from the escalation, not from the last update (+60, already late)
    expect(r.executive).toBe(70);
    expect(r.overdue).toEqual([]);
  });

  it('keeps the promise of the last update when severity drops, and stops when none is needed', () => {
    const down = [
      { at: D, severity: 1 as const },
      { at: D + 15 * MIN, severity: 2 as const },
    ];
    expect(due({ severity: down, lastSentAt: sent({ external: 10 }) }, 16).external).toBe(30);
    const toSev4 = [
      { at: D, severity: 1 as const },
      { at: D + 2 * MIN, severity: 4 as const },
    ];
    expect(due({ severity: toSev4 }, 10)).toMatchObject({ internal: null, executive: null, external: null, overdue: [] });
  });

  it('gives a late escalation to SEV1 the tight early cadence', () => {
    const late = [
      { at: D, severity: 3 as const },
      { at: D + 180 * MIN, severity: 1 as const },
    ];
    expect(due({ severity: late, lastSentAt: sent({ external: 190 }) }, 195).external).toBe(210);
  });

  it('owes nothing once resolved', () => {
    expect(due({ severity: 1, status: 'resolved' }, 60)).toMatchObject({ internal: null, executive: null, external: null, overdue: [] });
  });

  it('follows a policy written in the workspace', () => {
    const base = { internal: null, executive: null, external: null };
    const policy = cadencePolicySchema.parse({ sev1: { ...base, external: { first: '2m', every: '10m' } }, sev2: base, sev3: base, sev4: base });
    expect(due({ severity: 1, policy }, 0)).toMatchObject({ external: 2, internal: null });
    expect(due({ severity: 1, policy, lastSentAt: sent({ external: 3 }) }, 4).external).toBe(13);
  });
});

describe('the cadence from the workspace', () => {
  it('replaces the rules given, removes those set to null, keeps the rest', () => {
    const policy = cadencePolicyFrom(
      incidentSettingsSchema.parse({ cadence: { sev1: { external: { first: '2m', every: '10m' } }, sev3: { internal: null, executive: { every: '1h' } } } }).cadence,
    );
    expect(due({ severity: 1, policy }, 1)).toMatchObject({ external: 2, internal: 5, executive: 30 });
    expect(due({ severity: 1, policy, lastSentAt: sent({ external: 2 }) }, 3).external).toBe(12);
    expect(due({ severity: 3, policy }, 1)).toMatchObject({ internal: null, executive: 60, external: null });
    expect(cadencePolicyFrom(undefined)).toBe(defaultCadencePolicy);
  });
});
