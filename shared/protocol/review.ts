/**
 * The operational review over REST: SLO status as the hub evaluates it, and the weekly review as
 * data (the review page renders it; weekly.md is the same content as a document).
 */
import type { FollowUpNow, FollowUpSummary } from '../domain/review/follow-ups.ts';
import type { IncidentTrends, IncidentRecord as ReviewIncident } from '../domain/review/incident-trends.ts';
import type { TeamWeekLoad } from '../domain/review/pager-load.ts';
import type { RiskBacklog } from '../domain/review/risk-backlog.ts';
import type { AlertEvaluation, AlertSeverity, ErrorBudget } from '../domain/review/slo.ts';
import type { TeamToil } from '../domain/review/toil.ts';
import type { NotableChange } from '../domain/review/weekly-review.ts';
import type { StoredRisk } from './risks.ts';

export interface SloStatus {
  readonly id: string;
  readonly name: string;
  readonly team: string | null;
  readonly service: string | null;
  readonly target: number;
  readonly windowMs: number;
  /** The end of the window evaluated. */
  readonly at: number;
  /** Why it could not be evaluated (Prometheus's words), else null. */
  readonly error: string | null;
  /**
   * True when its Prometheus is not run here on purpose (the demo on a machine without one), not
   * down: a wall does not count it as a signal that is not live. Absent (undefined) otherwise.
   */
  readonly absent?: true;
  /** Over the SLO window ending at `at`. */
  readonly budget: ErrorBudget | null;
  /** Burn rate over the last hour (the fast page alert's long window). */
  readonly burnRateNow: number | null;
  readonly alert: AlertSeverity | 'ok' | null;
  readonly alerts: readonly AlertEvaluation[];
  /** [t, share of budget left] across the window, at most ~240 points. */
  readonly budgetOverTime: readonly (readonly [number, number | null])[];
  /** Share of the window's budget that the events of [from, to) burned, when a range was asked for. */
  readonly burnedInRange: number | null;
}

export interface WeeklyIncident extends ReviewIncident {
  readonly team: string | null;
  readonly detectMs: number | null;
  readonly mitigateMs: number | null;
  readonly resolveMs: number | null;
  readonly repeatOf: string | null;
}

export interface WeeklyReviewData {
  readonly week: string;
  readonly team: string | null;
  readonly teams: readonly string[];
  readonly timeZone: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly generatedAt: number;
  readonly pagerLoad: readonly TeamWeekLoad[];
  readonly slos: readonly SloStatus[];
  readonly incidents: readonly WeeklyIncident[];
  /** The last 8 weeks, this one the last: counts, median and worst times, causes, repeats. */
  readonly trends: IncidentTrends;
  /** As they stood at the end of the week (this week: now). */
  readonly followUps: Omit<FollowUpSummary, 'overdueItems'> & {
    /** Overdue as the week ended, with the due date in force then; `now`: where each stands today (null for this week). */
    readonly overdueItems: readonly { id: string; text: string | null; owner: string | null; dueAt: number | null; now: FollowUpNow | null }[];
  };
  readonly risks: RiskBacklog<StoredRisk>;
  /** Toil share per team from the work people logged this week (none logged: no row). */
  readonly toil: readonly TeamToil[];
  readonly changes: readonly NotableChange[];
}
