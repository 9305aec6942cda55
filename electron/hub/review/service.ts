/**
 * The operational review on the hub: pages (stored, plus one per incident declared in the app),
 * the risk backlog, and the weekly review assembled from pages, SLOs, incidents, follow-ups,
 * risks and changes. It only reads the incident service.
 */
import { pagerLoadForWeek, defaultWorkingHours, teamWorkingHours, wokeSomeone, type Page } from '../../../shared/domain/review/pager-load.ts';
import { findRepeats, incidentDurationsMs, incidentTrends, spellingKey, unifySpellings, type IncidentRecord as ReviewIncident } from '../../../shared/domain/review/incident-trends.ts';
import { dueAtAsOf, followUpNow, followUpSummary, type FollowUp } from '../../../shared/domain/review/follow-ups.ts';
import { formatIsoWeek, isoWeekAt, isoWeekRange, parseIsoWeek } from '../../../shared/domain/review/iso-week.ts';
import { riskBacklog } from '../../../shared/domain/review/risk-backlog.ts';
import { belongsToTeam, UNASSIGNED_TEAM } from '../../../shared/domain/review/team-filter.ts';
import { errorBudget } from '../../../shared/domain/review/slo.ts';
import { weeklyReview, type NotableChange } from '../../../shared/domain/review/weekly-review.ts';
import type { TeamConfig } from '../../../shared/model/review.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { IngestPage, IngestPagesReply, PageSource, StoredPage } from '../../../shared/protocol/pages.ts';
import type { WeeklyIncident, WeeklyReviewData } from '../../../shared/protocol/review.ts';
import type { StoredRisk } from '../../../shared/protocol/risks.ts';
import type { WorkLogBody } from '../../../shared/protocol/work-logs.ts';
import { taskWorkLogs, toilByTeam, type WorkLog } from '../../../shared/domain/review/toil.ts';
import { dueHistory, effectiveDueAt } from '../../../shared/domain/incidents/follow-ups.ts';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../../shared/model/incident-settings.ts';
import type { UntimedView } from '../../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../../shared/model/incident.ts';
import type { IncidentRecord } from '../store/incidents.ts';
import { DEFAULT_PROJECTIONS_KEPT, type IncidentService } from '../incidents/service.ts';
import { ProjectionCache } from '../incidents/projection-cache.ts';
import type { ReviewRepository } from '../store/review.ts';
import type { SloService } from './slo-service.ts';

const DAY = 86_400_000;
/** How far back incidents are read to spot repeats of this week's. */
const REPEAT_LOOKBACK_MS = 28 * DAY;
/** Weeks of incident trends in the review (the chosen week the last). */
const TREND_WEEKS = 8;

export class ReviewRefused extends Error {}

/** An incident as the review reads it. */
interface ReviewProjection {
  /** Only what the review reads of the projection (not its history): thousands are kept. */
  readonly view: Pick<UntimedView, 'markers' | 'tasks'>;
  readonly team: string | null;
  readonly followUps: FollowUp[];
}

export interface ReviewServiceOptions {
  readonly repo: ReviewRepository;
  readonly incidents: IncidentService;
  readonly slos: SloService;
  readonly workspace: () => Workspace | null;
  readonly now?: () => number;
}

export class ReviewService {
  readonly #o: ReviewServiceOptions;
  readonly #now: () => number;
  /** Kept per incident for the log length and workspace it was made from. */
  readonly #projections = new ProjectionCache<ReviewProjection>(DEFAULT_PROJECTIONS_KEPT);

  constructor(options: ReviewServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  ingestPages(pages: readonly IngestPage[], source: PageSource, tokenId: string | null, ignored: string[] = []): IngestPagesReply {
    const { stored, duplicates } = this.#o.repo.insertPages(pages, source, this.#now(), tokenId);
    return { stored: stored.length, duplicates: duplicates.length, ignored, pages: [...stored, ...duplicates] };
  }

  saveRisk(risk: Omit<StoredRisk, 'updatedAt'>): StoredRisk {
    const stored = { ...risk, updatedAt: this.#now() };
    this.#o.repo.saveRisk(stored);
    return stored;
  }

  logWork(log: WorkLogBody): ReturnType<ReviewRepository['insertWorkLog']> {
    return this.#o.repo.insertWorkLog(log, this.#now());
  }

  risks(): StoredRisk[] {
    return this.#o.repo.risks();
  }

  #followUpDays(): number {
    return this.#o.workspace()?.incidents?.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
  }

  #teams(): readonly TeamConfig[] {
    return this.#o.workspace()?.teams ?? [];
  }

  /** The team a service belongs to (the first team listing it), or null. */
  #teamOf(service: string | null | undefined): string | null {
    if (!service) return null;
    const key = spellingKey(service);
    return this.#teams().find((t) => t.services.some((s) => spellingKey(s) === key))?.id ?? null;
  }

  /**
   * What the review reads of an incident (its projection, team and follow-ups), kept until its log
   * grows or the workspace changes: every review reads every incident so far (their follow-ups),
   * and re-projecting thousands of timelines each time made it grow with the history. None of it
   * depends on the clock (an untimed projection); open tasks' time so far is worked out at each review.
   */
  #projection(id: string, record: IncidentRecord, log: readonly TimelineEntry[]): ReviewProjection {
    // The incident service keeps the projection itself: a workspace change needs no new one.
    return this.#projections.get(id, log.length, () => this.#project(record, this.#o.incidents.untimed(id)), this.#o.workspace());
  }

  #project(record: IncidentRecord, view: UntimedView): ReviewProjection {
    const team = this.#teamOf(record.service);
    const days = this.#followUpDays();
    // Logged when its todo was; due when dated, else the workspace's N days later.
    const followUps = view.followUps.map((f) => ({
      id: f.id,
      text: f.text,
      owner: f.owner ?? null,
      team,
      incidentId: record.id,
      createdAt: f.createdAt,
      dueAt: effectiveDueAt(f, days),
      dueHistory: dueHistory(view, f, days),
      closedAt: f.closedAt,
      closedSpans: f.closedSpans,
    }));
    return { view: { markers: view.markers, tasks: view.tasks }, team, followUps };
  }

  /** Incidents declared in [from, to), as the review sees them (read from the incident service). */
  #incidents(from: number, to: number): (WeeklyIncident & { declaredAt: number; followUps: FollowUp[]; workLogs: WorkLog[] })[] {
    const now = this.#now();
    const read = this.#o.incidents
      .list()
      .filter((s) => s.declaredAt >= from && s.declaredAt < to)
      .map((summary) => {
        const { record, log } = this.#o.incidents.stored(summary.id);
        return { summary, record, ...this.#projection(summary.id, record, log) };
      });
    // Causes and services are typed by hand: "Change" and "change" are one bucket
    const causeOf = unifySpellings(read.map((r) => r.record.rootCauseCategory), this.#o.workspace()?.incidents?.causes ?? []);
    const serviceOf = unifySpellings(read.map((r) => r.record.service), this.#teams().flatMap((t) => t.services));
    return read.map(({ summary, record, view, team, followUps }) => {
      const m = view.markers;
      const recordedStart = record.startedAt ?? m.impact_started ?? null;
      const startedAt = recordedStart ?? summary.declaredAt;
      const incident: ReviewIncident = {
        id: record.id,
        title: record.title,
        severity: record.severity,
        service: serviceOf(record.service),
        cause: causeOf(record.rootCauseCategory),
        startedAt,
        startKnown: recordedStart !== null,
        // Declaring it is the latest it can have been detected.
        detectedAt: m.detected ?? m.declared ?? summary.declaredAt,
        mitigatedAt: m.mitigated ?? null,
        resolvedAt: m.resolved ?? record.endedAt ?? null,
      };
      const d = incidentDurationsMs(incident);
      return {
        ...incident,
        team,
        detectMs: d.detect,
        mitigateMs: d.mitigate,
        resolveMs: d.resolve,
        repeatOf: null,
        declaredAt: summary.declaredAt,
        followUps,
        workLogs: taskWorkLogs(view.tasks, team ?? UNASSIGNED_TEAM, now),
      };
    });
  }

  /** Stored pages in [from, to), plus one page per incident declared in the app then. */
  pages(from: number, to: number): StoredPage[] {
    return this.#pages(from, to).map(({ impactStartedAt: _s, ...page }) => page);
  }

  /**
   * Pages in [from, to) as pager load counts them: a declared incident's page says when its
   * impact started, so it folds into the page its team already had for it (one interruption).
   */
  pagerPages(from: number, to: number): Page[] {
    return this.#pages(from, to).map((p) => ({
      id: p.id,
      at: p.at,
      team: p.team,
      service: p.service,
      ...(p.severity ? { severity: p.severity } : {}),
      ...(p.dedupKey ? { dedupKey: p.dedupKey } : {}),
      ...(p.title ? { title: p.title } : {}),
      ...(p.impactStartedAt !== undefined ? { declaredIncident: { startedAt: p.impactStartedAt } } : {}),
    }));
  }

  /** The pages, a declared incident's with when its impact started. */
  #pages(from: number, to: number): (StoredPage & { impactStartedAt?: number })[] {
    // Pagers name teams their own way (PagerDuty by display name: "Identity"): a page counts for
    // the workspace team whose id or name it matches, whatever the case.
    const teamIds = new Map<string, string>();
    for (const t of this.#teams()) {
      teamIds.set(spellingKey(t.id), t.id);
      if (t.name) teamIds.set(spellingKey(t.name), t.id);
    }
    const stored = this.#o.repo.pagesBetween(from, to).map((p) => ({ ...p, team: teamIds.get(spellingKey(p.team)) ?? p.team }));
    const declared = this.#incidents(from, to).map((i) => ({
      id: `incident:${i.id}`,
      at: i.detectedAt ?? i.startedAt,
      team: i.team ?? UNASSIGNED_TEAM,
      service: i.service ?? 'unknown',
      severity: `SEV${i.severity}`,
      title: i.title,
      dedupKey: null,
      source: 'incident' as const,
      receivedAt: i.detectedAt ?? i.startedAt,
      impactStartedAt: i.startedAt,
    }));
    return [...stored, ...declared].sort((a, b) => a.at - b.at);
  }

  /** Pages in [from, to), each saying whether it woke someone (outside its team's working hours, on the team's clock). */
  pagesWithOffHours(from: number, to: number): (StoredPage & { wokeSomeone: boolean })[] {
    const teams = new Map(this.#teams().map((t) => [t.id, teamWorkingHours(t)]));
    const fallback = defaultWorkingHours(this.#o.workspace()?.timezone ?? 'UTC');
    return this.pages(from, to).map((p) => ({ ...p, wokeSomeone: wokeSomeone(p, teams.get(p.team) ?? fallback) }));
  }

  /** The week to review: ?week= or this week on the room's calendar. */
  #week(week: string | undefined): { week: string; startMs: number; endMs: number; timeZone: string } {
    const timeZone = this.#o.workspace()?.timezone ?? 'UTC';
    const text = week ?? formatIsoWeek(isoWeekAt(this.#now(), timeZone));
    const parsed = parseIsoWeek(text);
    if (!parsed) throw new ReviewRefused(`week: expected an ISO week such as "2026-W07", got ${JSON.stringify(text.slice(0, 40))}`);
    return { week: formatIsoWeek(parsed), timeZone, ...isoWeekRange(parsed, timeZone) };
  }

  #checkTeam(team: string | undefined): void {
    if (team === undefined) return;
    const ids = [...this.#teams().map((t) => t.id), UNASSIGNED_TEAM];
    if (!ids.includes(team)) throw new ReviewRefused(`team: expected one of ${ids.join(', ')}, got ${JSON.stringify(team.slice(0, 60))}`);
  }

  async weeklyData(weekText: string | undefined, team: string | undefined): Promise<WeeklyReviewData> {
    return (await this.#assemble(weekText, team)).data;
  }

  /** The review's data, plus what the document needs besides: earlier incidents (repeats) and every follow-up. */
  async #assemble(weekText: string | undefined, team: string | undefined): Promise<{ data: WeeklyReviewData; earlier: (ReviewIncident & { team: string | null })[]; followUps: FollowUp[] }> {
    this.#checkTeam(team);
    const { week, startMs, endMs, timeZone } = this.#week(weekText);
    const now = this.#now();
    const teams = this.#teams();
    // Team calendars may be a day either side of the room's.
    const pages = this.pagerPages(startMs - DAY, endMs + DAY);
    const hours = Object.fromEntries(teams.map((t) => [t.id, teamWorkingHours(t)]));
    const load = pagerLoadForWeek(pages, week, teams.map((t) => t.id), { hours, defaultTimeZone: timeZone }).filter((r) => !team || r.team === team);

    const slos = (await this.#o.slos.evaluateAll(Math.min(now, endMs), { range: { from: startMs, to: endMs } })).filter((s) => !team || s.team === team);

    // Follow-ups of every incident so far (one still overdue from months ago matters most);
    // trends, repeats and toil look at the recent weeks only.
    const read = this.#incidents(0, Math.max(endMs, now) + 1);
    const everyIncident = read.filter((i) => i.declaredAt < endMs);
    const lookbackFrom = startMs - Math.max(REPEAT_LOOKBACK_MS, (TREND_WEEKS - 1) * 7 * DAY);
    // An incident belongs to the week its impact started, even if it was declared later (impact
    // at 23:40 on Sunday, declared on Monday): those declared since count too.
    const all = read.filter((i) => i.declaredAt >= lookbackFrom);
    const ofTeam = (i: { team: string | null }) => belongsToTeam(i.team, team);
    const trendFrom = startMs - (TREND_WEEKS - 1) * 7 * DAY;
    const trends = incidentTrends(all.filter((i) => ofTeam(i) && i.startedAt >= trendFrom && i.startedAt < endMs), timeZone);
    const repeats = new Map(findRepeats(all).map((r) => [r.id, r.repeatOf]));
    const incidents = all
      .filter((i) => i.startedAt >= startMs && i.startedAt < endMs && ofTeam(i))
      .map(({ followUps: _f, workLogs: _w, declaredAt: _d, ...i }) => ({ ...i, repeatOf: repeats.get(i.id) ?? null }));
    const followUps = everyIncident.flatMap((i) => i.followUps).filter((f) => belongsToTeam(f.team, team));
    // As the week ended (for this week: now), with where each overdue one stands today beside it.
    const asOf = Math.min(now, endMs);
    const summary = followUpSummary(followUps, asOf, { from: startMs, to: endMs, withinDays: this.#followUpDays() });

    const changes: NotableChange[] = this.#o.incidents
      .changes({ since: startMs, limit: 1000 })
      .filter((c) => c.at < endMs && (!team || this.#teamOf(c.service) === team))
      .map((c) => ({ at: c.at, service: c.service, text: `${c.kind.replace('_', ' ')}: ${c.description}`, ...(c.url ? { url: c.url } : {}) }));

    const data: WeeklyReviewData = {
      week,
      team: team ?? null,
      teams: teams.map((t) => t.id),
      timeZone,
      startMs,
      endMs,
      generatedAt: now,
      pagerLoad: load,
      slos,
      incidents,
      trends,
      followUps: {
        ...summary,
        overdueItems: summary.overdueItems.map((f) => ({ id: f.id, text: f.text ?? null, owner: f.owner ?? null, dueAt: dueAtAsOf(f, asOf), now: asOf < now ? followUpNow(f, now) : null })),
      },
      risks: riskBacklog(this.risks().filter((r) => !team || r.team === team)),
      // Logged work plus the incidents' tasks (their time as worked, toil when someone marked it so).
      toil: toilByTeam([...this.#o.repo.workLogsBetween(startMs, endMs), ...all.flatMap((i) => i.workLogs)], { from: startMs, to: endMs }).filter((r) => !team || r.team === team),
      changes,
    };
    return { data, earlier: all.filter((i) => ofTeam(i) && i.startedAt < startMs).map(({ followUps: _f, workLogs: _w, declaredAt: _d, ...i }) => i), followUps };
  }

  async weeklyMarkdown(weekText: string | undefined, team: string | undefined, appUrl: string | undefined): Promise<string> {
    const { data, earlier, followUps } = await this.#assemble(weekText, team);
    return weeklyReview({
      week: data.week,
      timeZone: data.timeZone,
      now: data.generatedAt,
      ...(team ? { team } : {}),
      pagerLoad: data.pagerLoad,
      // An SLO Prometheus could not answer for shows as "no data" rather than vanishing.
      slos: data.slos.map((s) => ({ name: s.name, target: s.target, windowMs: s.windowMs, budget: s.budget ?? errorBudget({ good: 0, total: 0 }, s.target), burnedThisWeek: s.burnedInRange, burnRateNow: s.burnRateNow, ...(s.alert ? { alert: s.alert } : {}) })),
      incidents: [...earlier, ...data.incidents],
      trends: data.trends,
      followUps,
      followUpDays: this.#followUpDays(),
      risks: this.risks().filter((r) => !team || r.team === team),
      toil: data.toil,
      changes: data.changes,
      ...(appUrl ? { appUrl } : {}),
    });
  }
}
