/**
 * Risk scoring (research/event-planning.md §3.2) and contingency triggers.
 *
 * Score = likelihood × impact, each 1–5, so 1–25. The products that can occur are 1–6, 8, 9, 10,
 * 12, 15, 16, 20 and 25. Default bands, as the issue asks: 1–4 low, 5–9 medium, 10–16 high,
 * 20–25 critical. So a 4 × 4 risk is high and only a 4 × 5 or 5 × 5 is critical; the research's
 * own proposal (10–15 high, 16+ critical) is a one-line change of `defaultRiskBands.high` to 15.
 * Bands are upper bounds and can be set per organisation.
 *
 * Within a score, risks are ranked by effort (cheapest fix first, as the seed advises: "use effort
 * to guide prioritisation"), then impact, then id. `priority` = score ÷ effort is given beside.
 */
import type { Trigger } from '../../model/plan.ts';

export interface RiskBands {
  /** Highest score that is low. */
  readonly low: number;
  /** Highest score that is medium. */
  readonly medium: number;
  /** Highest score that is high; anything above is critical. */
  readonly high: number;
}

export const defaultRiskBands: RiskBands = { low: 4, medium: 9, high: 16 };

export const riskBands = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof riskBands)[number];

export interface Scorable {
  readonly likelihood: number;
  readonly impact: number;
}

export const riskScore = (r: Scorable): number => r.likelihood * r.impact;

/** Each level of the 1–5 scales in words, as the plan schema describes them, so a form need not show bare numbers. */
export const likelihoodWords = ['rare', 'unlikely', 'possible', 'likely', 'almost certain'] as const;
export const impactWords = ['insignificant', 'minor', 'moderate', 'major', 'severe'] as const;
export const effortWords = ['hours', 'days', 'a week or two', 'a month', 'a quarter'] as const;

/** "4 likely": a level and its word (`words` indexed from level 1). */
export const levelWords = (level: number, words: readonly string[]): string => `${level} ${words[level - 1] ?? ''}`.trim();

export function riskBand(score: number, bands: RiskBands = defaultRiskBands): RiskBand {
  if (score <= bands.low) return 'low';
  if (score <= bands.medium) return 'medium';
  if (score <= bands.high) return 'high';
  return 'critical';
}

/** score ÷ effort: how much risk each unit of effort retires. */
export const riskPriority = (r: Scorable & { readonly effort: number }): number => riskScore(r) / r.effort;

export interface RankableRisk extends Scorable {
  readonly id: string;
  readonly effort: number;
}

/** Highest score first; then lower effort, higher impact, id. */
export function compareRisks(a: RankableRisk, b: RankableRisk): number {
  return riskScore(b) - riskScore(a) || a.effort - b.effort || b.impact - a.impact || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Statuses under which a risk still needs attention. */
export const openRiskStatuses = ['open', 'mitigating'] as const;
export const isOpenRisk = (status: string): boolean => (openRiskStatuses as readonly string[]).includes(status);

/**
 * Google CRE: expected bad minutes = (ETTD + ETTR) × share of users affected × chance it happens
 * in the window. Summed over the risks and compared with the event's error budget in minutes.
 */
export function expectedBadMinutes(cre: { ettdMin: number; ettrMin: number; usersAffected: number; probability: number }): number {
  return (cre.ettdMin + cre.ettrMin) * cre.usersAffected * cre.probability;
}

// ---- triggers -------------------------------------------------------------------------------

export type TriggerState = 'fired' | 'pending' | 'clear' | 'no_data';

export interface TriggerEvaluation {
  readonly state: TriggerState;
  /** Since when the condition has held without a break (fired or pending). */
  readonly since: number | null;
  /** The latest value seen at or before `now`. */
  readonly value: number | null;
}

export function conditionHolds(op: Trigger['op'], value: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/**
 * Whether a trigger fires at `now`, from the watched value's samples ([epochMs, value], any order).
 * Like a Prometheus alert's `for`: the condition must hold on every sample from `since` (the start
 * of the current unbroken run) to the latest, and for at least `for`; until then it is pending. No
 * sample at or before `now`, or the latest older than `maxAgeMs`, is `no_data` — a watched metric
 * that went quiet is not a clear one. Non-finite values break a run.
 */
export function evaluateTrigger(
  trigger: Pick<Trigger, 'op' | 'value' | 'for'>,
  samples: readonly (readonly [number, number])[],
  now: number,
  maxAgeMs = Number.POSITIVE_INFINITY,
): TriggerEvaluation {
  const seen = samples.filter(([t]) => t <= now).sort((a, b) => a[0] - b[0]);
  const last = seen.at(-1);
  if (!last || now - last[0] > maxAgeMs) return { state: 'no_data', since: null, value: last ? last[1] : null };
  const holds = ([, v]: readonly [number, number]) => Number.isFinite(v) && conditionHolds(trigger.op, v, trigger.value);
  if (!holds(last)) return { state: 'clear', since: null, value: last[1] };
  let i = seen.length - 1;
  while (i > 0 && holds(seen[i - 1]!)) i--;
  const since = seen[i]![0];
  const fired = now - since >= (trigger.for ?? 0);
  return { state: fired ? 'fired' : 'pending', since, value: last[1] };
}
