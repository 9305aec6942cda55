/**
 * When each audience is due its next status update. "Notify first, then fix; update on a
 * cadence": the wall counts down to these times and turns them red when missed.
 *
 * The rules, per audience:
 * - Nothing sent yet: the first update is due `first` (else `every`) after the incident was
 *   declared, or after a change of severity, whichever comes first.
 * - An update was sent: the next is due `every` after it. Sending an update is a promise
 *   ("next update at 14:40"), so a later severity change can bring it forward but never push it
 *   back.
 * - A severity change applies from the change on: the new severity's interval runs from the
 *   moment of the change, not retroactively from the last update.
 * - `then` (e.g. after 2 h of SEV1, hourly) counts from when the incident reached its current
 *   severity, so an incident escalated to SEV1 late gets the tight early cadence.
 * - At a severity that needs no updates for an audience, none is due (SEV4: nothing), and a
 *   resolved or closed incident owes no more updates.
 */
import {
  audiences,
  type Audience,
  type CadencePolicy,
  type CadenceRule,
  type IncidentStatus,
  type Severity,
} from '../../model/incident.ts';
import type { CadenceOverrides } from '../../model/incident-settings.ts';

const MIN = 60_000;

/**
 * Defaults in the spirit of PagerDuty's response guide: for SEV1, the first external post within
 * 5 minutes, then at least every 20 minutes for the first two hours, hourly after; executive
 * summaries every 30 minutes. Lower severities are quieter; SEV4 needs no updates.
 */
export const defaultCadencePolicy: CadencePolicy = {
  sev1: {
    internal: { first: 5 * MIN, every: 30 * MIN, then: { after: 120 * MIN, every: 60 * MIN } },
    executive: { every: 30 * MIN, then: { after: 120 * MIN, every: 60 * MIN } },
    external: { first: 5 * MIN, every: 20 * MIN, then: { after: 120 * MIN, every: 60 * MIN } },
  },
  sev2: {
    internal: { first: 15 * MIN, every: 60 * MIN },
    executive: { every: 60 * MIN },
    external: { first: 15 * MIN, every: 30 * MIN, then: { after: 120 * MIN, every: 60 * MIN } },
  },
  sev3: {
    internal: { every: 120 * MIN },
    executive: null,
    external: null,
  },
  sev4: { internal: null, executive: null, external: null },
};

/** The workspace's overrides on top of the defaults: a rule given replaces one, null removes it. */
export function cadencePolicyFrom(overrides: CadenceOverrides | undefined): CadencePolicy {
  if (!overrides) return defaultCadencePolicy;
  const merge = (sev: keyof CadencePolicy) =>
    Object.fromEntries(audiences.map((a) => [a, overrides[sev]?.[a] !== undefined ? overrides[sev]![a]! : defaultCadencePolicy[sev][a]])) as CadencePolicy[typeof sev];
  return { sev1: merge('sev1'), sev2: merge('sev2'), sev3: merge('sev3'), sev4: merge('sev4') };
}

/** A severity and when it took effect. */
export interface SeverityChange {
  at: number;
  severity: Severity;
}

export interface CadenceInput {
  /** The current severity, or its history (each change with when it took effect). */
  severity: Severity | readonly SeverityChange[];
  declaredAt: number;
  /** When the last update to each audience was sent; absent when none was. */
  lastSentAt: Partial<Record<Audience, number>>;
  now: number;
  policy?: CadencePolicy;
  /** A resolved or closed incident owes no more updates. */
  status?: IncidentStatus;
}

export interface UpdateDue {
  audience: Audience;
  /** null: no update is required for this audience at this severity. */
  dueAt: number | null;
  overdue: boolean;
  /** dueAt − now: counts down on the wall, negative once overdue. */
  inMs: number | null;
  /** The interval in force now, for "every 20 min" beside the countdown. */
  everyMs: number | null;
}

const ruleFor = (policy: CadencePolicy, severity: Severity, audience: Audience): CadenceRule | null =>
  policy[`sev${severity}`][audience];

/** The interval after `sinceSeverity` ms at this severity. */
const intervalAt = (rule: CadenceRule, sinceSeverity: number): number =>
  rule.then && sinceSeverity >= rule.then.after ? rule.then.every : rule.every;

/** Consecutive periods of one severity; the first starts at the declaration. */
function periodsOf(severity: CadenceInput['severity'], declaredAt: number): SeverityChange[] {
  const changes = typeof severity === 'number' ? [{ at: declaredAt, severity }] : [...severity].sort((a, b) => a.at - b.at);
  const periods: SeverityChange[] = [];
  for (const change of changes) {
    const at = periods.length === 0 ? declaredAt : Math.max(change.at, declaredAt);
    if (periods.at(-1)?.severity !== change.severity) periods.push({ at, severity: change.severity });
  }
  return periods;
}

/** The period in force at `t`. */
const periodAt = (periods: readonly SeverityChange[], t: number): SeverityChange =>
  periods.findLast((p) => p.at <= t) ?? periods[0]!;

function dueFor(audience: Audience, periods: readonly SeverityChange[], lastSent: number | undefined, policy: CadencePolicy): number | null {
  if (!ruleFor(policy, periods.at(-1)!.severity, audience)) return null;
  const owed: number[] = [];
  if (lastSent !== undefined) {
    const atSend = periodAt(periods, lastSent);
    const rule = ruleFor(policy, atSend.severity, audience);
    if (rule) owed.push(lastSent + intervalAt(rule, lastSent - atSend.at));
  }
  // Every severity that took effect after the last update (or since the declaration) owes an
  // update of its own, counted from the change.
  for (const period of periods) {
    if (lastSent !== undefined && period.at <= lastSent) continue;
    const rule = ruleFor(policy, period.severity, audience);
    if (rule) owed.push(period.at + (lastSent === undefined ? (rule.first ?? rule.every) : intervalAt(rule, 0)));
  }
  return owed.length ? Math.min(...owed) : null;
}

/** The next update due for each audience (internal, executive, external). */
export function nextUpdateDue(input: CadenceInput): UpdateDue[] {
  const policy = input.policy ?? defaultCadencePolicy;
  const periods = periodsOf(input.severity, input.declaredAt);
  const finished = input.status === 'resolved' || input.status === 'closed';
  const current = periods.at(-1);
  return audiences.map((audience) => {
    const rule = current ? ruleFor(policy, current.severity, audience) : null;
    const dueAt = finished || !current ? null : dueFor(audience, periods, input.lastSentAt[audience], policy);
    return {
      audience,
      dueAt,
      overdue: dueAt !== null && input.now > dueAt,
      inMs: dueAt === null ? null : dueAt - input.now,
      everyMs: rule && !finished ? intervalAt(rule, input.now - current!.at) : null,
    };
  });
}
