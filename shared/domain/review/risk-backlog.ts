/**
 * The risk backlog: operational and security risks together ("your best way of normalising the
 * importance of the two"), scored likelihood × impact with the bands of ../planning/risk.ts, and
 * the top 10 by score — the seed's goal: "the 10 highest severity operational and security risks,
 * with a funded plan to address in the next 12 months". A risk counts as planned when it has both
 * a mitigation and an owner; the top 10 that lack one are the ask for the review.
 */
import { compareRisks, defaultRiskBands, isOpenRisk, riskBand, riskPriority, riskScore, type RiskBand, type RiskBands } from '../planning/risk.ts';

export interface BacklogRisk {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly likelihood: number;
  readonly impact: number;
  readonly effort: number;
  readonly owner?: string | null;
  readonly mitigation?: string | null;
  /** open and mitigating are in the backlog; mitigated, accepted and closed are not. */
  readonly status: string;
}

export interface RankedRisk<R extends BacklogRisk = BacklogRisk> {
  readonly risk: R;
  readonly rank: number;
  readonly score: number;
  readonly band: RiskBand;
  readonly priority: number;
  readonly hasPlan: boolean;
}

export interface RiskBacklog<R extends BacklogRisk = BacklogRisk> {
  readonly top: RankedRisk<R>[];
  /** Open risks in all. */
  readonly open: number;
  readonly byBand: Readonly<Record<RiskBand, number>>;
  /** In the top list without a mitigation and an owner. */
  readonly topWithoutPlan: number;
}

/** The open risks ranked (score, then effort), the first `limit` (default 10) returned. */
export function riskBacklog<R extends BacklogRisk>(risks: readonly R[], options: { limit?: number; bands?: RiskBands } = {}): RiskBacklog<R> {
  const bands = options.bands ?? defaultRiskBands;
  const open = risks.filter((r) => isOpenRisk(r.status)).sort(compareRisks);
  const byBand: Record<RiskBand, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  const ranked = open.map((risk, i) => {
    const score = riskScore(risk);
    const band = riskBand(score, bands);
    byBand[band]++;
    return { risk, rank: i + 1, score, band, priority: riskPriority(risk), hasPlan: Boolean(risk.mitigation?.trim()) && Boolean(risk.owner?.trim()) };
  });
  const top = ranked.slice(0, options.limit ?? 10);
  return { top, open: open.length, byBand, topWithoutPlan: top.filter((r) => !r.hasPlan).length };
}
