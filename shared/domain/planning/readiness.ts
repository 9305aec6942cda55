/**
 * Readiness with evidence that goes stale (research/event-planning.md §5.1): a checklist item is
 * only green while someone has recently looked at the proof.
 *
 * The state of an item at `now`, first rule that applies:
 * - not applicable → `n_a`;
 * - not done and past its due time → `red` (overdue);
 * - not done and blocked → `amber`;
 * - not done, not yet due → `open`;
 * - done without an evidence link, or never verified → `amber` (unproven);
 * - done, evidence verified longer ago than its freshness window → `amber` (stale);
 * - done, evidence fresh → `green`.
 * An item that is green now but whose evidence will go stale before the event starts says so
 * (`expiresBeforeStart`), so the Friday report can ask for a re-check before the weekend.
 */
import type { Plan, ReadinessItem } from '../../model/plan.ts';
import { formatDuration } from '../incidents/durations.ts';
import { parseInstant, whenMs, type EventAnchor } from './t-minus.ts';
import { planWindow } from './timeline.ts';

export const DEFAULT_FRESH_FOR_MS = 30 * 86_400_000;

export const readinessStates = ['green', 'amber', 'red', 'open', 'n_a'] as const;
export type ReadinessState = (typeof readinessStates)[number];

export interface ReadinessAssessment {
  readonly id: string;
  readonly item: ReadinessItem;
  readonly state: ReadinessState;
  /** Why it is not green, in words ("evidence is 41 d old; fresh for 30 d"). */
  readonly reason: string | null;
  readonly dueAt: number;
  readonly overdue: boolean;
  readonly stale: boolean;
  /** How old the evidence is at `now`; null when it was never verified. */
  readonly evidenceAgeMs: number | null;
  /** When the evidence goes stale; null when it was never verified. */
  readonly expiresAt: number | null;
  readonly expiresBeforeStart: boolean;
}

/** The state of one readiness item at `now`. */
export function assessReadinessItem(item: ReadinessItem, anchor: EventAnchor, now: number): ReadinessAssessment {
  const dueAt = whenMs(item.due, anchor);
  const freshFor = item.freshFor ?? DEFAULT_FRESH_FOR_MS;
  const verifiedAt = item.verifiedAt === undefined ? null : parseInstant(item.verifiedAt);
  const expiresAt = verifiedAt === null ? null : verifiedAt + freshFor;
  const evidenceAgeMs = verifiedAt === null ? null : Math.max(0, now - verifiedAt);
  const done = item.status === 'done';
  const overdue = !done && item.status !== 'n_a' && now > dueAt;
  const stale = expiresAt !== null && now > expiresAt;
  const base = { id: item.id, item, dueAt, overdue, stale, evidenceAgeMs, expiresAt };
  const expiresBeforeStart = done && expiresAt !== null && !stale && expiresAt < anchor.startMs;

  if (item.status === 'n_a') return { ...base, state: 'n_a', reason: null, expiresBeforeStart: false };
  if (!done) {
    if (overdue) return { ...base, state: 'red', reason: `overdue by ${formatDuration(now - dueAt)}`, expiresBeforeStart: false };
    if (item.status === 'blocked') return { ...base, state: 'amber', reason: 'blocked', expiresBeforeStart: false };
    return { ...base, state: 'open', reason: `due in ${formatDuration(dueAt - now)}`, expiresBeforeStart: false };
  }
  if (item.evidence === undefined) return { ...base, state: 'amber', reason: 'done, but no evidence linked', expiresBeforeStart };
  if (verifiedAt === null) return { ...base, state: 'amber', reason: 'evidence never verified', expiresBeforeStart };
  if (stale) {
    return { ...base, state: 'amber', reason: `evidence is ${formatDuration(evidenceAgeMs!)} old; fresh for ${formatDuration(freshFor)}`, expiresBeforeStart };
  }
  return {
    ...base,
    state: 'green',
    reason: expiresBeforeStart ? `evidence goes stale ${formatDuration(anchor.startMs - expiresAt!)} before the start` : null,
    expiresBeforeStart,
  };
}

export interface ReadinessSummary {
  readonly items: ReadinessAssessment[];
  readonly counts: Readonly<Record<ReadinessState, number>>;
  /** green ÷ (all but n/a); null when nothing applies. */
  readonly greenShare: number | null;
  /** The worst state present: red, then amber, then open, else green. */
  readonly overall: 'green' | 'amber' | 'red' | 'open';
}

/** Every item's state at `now`, and the totals. */
export function readinessSummary(plan: Plan, now: number): ReadinessSummary {
  const anchor = planWindow(plan);
  const items = plan.readiness.map((item) => assessReadinessItem(item, anchor, now));
  const counts = { green: 0, amber: 0, red: 0, open: 0, n_a: 0 };
  for (const a of items) counts[a.state]++;
  const applicable = items.length - counts.n_a;
  const overall = counts.red > 0 ? 'red' : counts.amber > 0 ? 'amber' : counts.open > 0 ? 'open' : 'green';
  return { items, counts, greenShare: applicable === 0 ? null : counts.green / applicable, overall };
}
