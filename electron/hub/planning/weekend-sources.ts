/**
 * What the weekend reports read from the rest of the hub: pages (the review's, incidents declared
 * in the app included) for the pager load, and incident follow-ups and changes for the fixes.
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

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface WeekendSources {
  /** Pager load per team for the ISO weeks [from, to) touches. */
  pagerLoad(fromMs: number, toMs: number): TeamWeekLoad[];
  /** Fixes since the end of last weekend (the plan's end a week earlier) until now. */
  fixes(plan: Plan, now: number): Fix[];
}

export function weekendSources(review: ReviewService, incidents: IncidentService, workspace: () => Workspace | null): WeekendSources {
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
  };
}
