/**
 * What the weekend reports read from the rest of the hub: pages (the review's, incidents declared
 * in the app included) for the pager load, incident follow-ups and changes for the fixes, and the
 * incidents, canaries and SLOs as they stand for the platform's state.
 */
import type { Plan } from '../../../shared/model/plan.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { Fix } from '../../../shared/domain/planning/reports.ts';
import { planWindow } from '../../../shared/domain/planning/timeline.ts';
import { fixesSince, isoWeeksBetween, pagerLoadForWeeks, type ClosableFollowUp } from '../../../shared/domain/planning/weekend.ts';
import { teamWorkingHours, type TeamWeekLoad } from '../../../shared/domain/review/pager-load.ts';
import type { IncidentService } from '../incidents/service.ts';
import type { ReviewService } from '../review/service.ts';
import { incidentRecordsFor } from './incident-records.ts';
import { isCalmCanary, type PlatformState } from '../../../shared/domain/planning/platform-state.ts';
import { dataCoverageNote } from '../../../shared/domain/review/slo-coverage.ts';
import type { CanaryService } from '../canaries/service.ts';
import type { SloService } from '../review/slo-service.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface WeekendSources {
  /** Pager load per team for the ISO weeks [from, to) touches. */
  pagerLoad(fromMs: number, toMs: number): TeamWeekLoad[];
  /** Fixes since the end of last weekend (the plan's end a week earlier) until now. */
  fixes(plan: Plan, now: number): Fix[];
  /** Open incidents, canaries not passing, SLOs and overdue follow-ups, now. */
  platform(now: number): PlatformState;
}

export interface WeekendHub {
  readonly review: ReviewService;
  readonly incidents: IncidentService;
  readonly canaries: Pick<CanaryService, 'board'>;
  readonly slos: Pick<SloService, 'list'>;
  readonly workspace: () => Workspace | null;
}

export function weekendSources({ review, incidents, canaries, slos, workspace }: WeekendHub): WeekendSources {
  return {
    pagerLoad(fromMs, toMs) {
      const ws = workspace();
      const timeZone = ws?.timezone ?? 'UTC';
      const teams = ws?.teams ?? [];
      const weeks = isoWeeksBetween(fromMs, toMs, timeZone);
      // Whole weeks, and a day either side: team calendars may differ from the room's by a day.
      const pages = review.pagerPages(fromMs - WEEK - DAY, toMs + WEEK + DAY);
      return pagerLoadForWeeks(pages, weeks, teams.map((t) => t.id), {
        hours: Object.fromEntries(teams.map((t) => [t.id, teamWorkingHours(t)])),
        defaultTimeZone: timeZone,
      });
    },
    fixes(plan, now) {
      const since = planWindow(plan).endMs - WEEK;
      const followUps: ClosableFollowUp[] = incidents.list().flatMap((summary) => {
        const { record, view } = incidents.timeline(summary.id);
        return view.followUps.map((f) => ({ text: f.text, owner: f.owner ?? null, service: record.service, closedAt: f.closedAt, url: f.ticketUrl ?? null }));
      });
      return fixesSince({ since, until: now, followUps, changes: incidents.changes({ since, limit: 1000 }), incidents: incidentRecordsFor(incidents) });
    },
    platform(now) {
      const openIncidents = incidents.list({ open: true }).map((i) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, declaredAt: i.declaredAt }));
      let overdueFollowUps = 0;
      for (const summary of incidents.list()) {
        for (const f of incidents.timeline(summary.id).view.followUps) if (f.closedAt === null && f.dueAt !== undefined && f.dueAt < now) overdueFollowUps++;
      }
      const entries = canaries.board().entries;
      const notPassing = entries
        .filter((c) => !isCalmCanary(c.status))
        .map((c) => ({ name: c.name, status: c.status, critical: c.critical, since: c.failingSince, message: c.last?.message ?? null }));
      const platformSlos = slos.list().map((s) => ({
        name: s.name,
        alert: s.alert,
        remaining: s.budget?.remaining ?? null,
        coverage: dataCoverageNote(s.budget, s.windowMs),
        error: s.error,
      }));
      return { openIncidents, canaries: { total: entries.length, notPassing }, slos: platformSlos, overdueFollowUps };
    },
  };
}
