/**
 * The weekly operational review as a Markdown document for a chosen ISO week (and optionally one
 * team): pager load with its band, SLO status and budget burned, incidents with durations and
 * causes (repeats called out), follow-ups opened / closed / overdue, the top risks, toil and
 * notable changes. Each section links to its detail in the app when the app's URL is known.
 * Built from plain data; every piece of user text is escaped (../planning/markdown.ts).
 */
import { formatDuration } from '../incidents/durations.ts';
import { addDays } from '../incidents/zoned-time.ts';
import { appLink, bullets, doc, escapeInline, formatDate, formatLocal, formatZoned, heading, link, percent, table } from '../planning/markdown.ts';
import { dueAtAsOf, followUpNow, followUpNowWords, followUpSummary, type FollowUp } from './follow-ups.ts';
import { dominantShare, findRepeats, incidentDurationsMs, type IncidentRecord, type IncidentTrends } from './incident-trends.ts';
import { isoWeekMonday, isoWeekRange, parseIsoWeek, weekCalendarLabel } from './iso-week.ts';
import { pagerBandLabels, pagerCalendarNote, roomWeekNote, type TeamWeekLoad } from './pager-load.ts';
import { riskBacklog, type BacklogRisk } from './risk-backlog.ts';
import { dataCoverageNote } from './slo-coverage.ts';
import { belongsToTeam } from './team-filter.ts';
import type { AlertSeverity, ErrorBudget } from './slo.ts';
import type { TeamToil } from './toil.ts';

export interface SloWeekStatus {
  readonly name: string;
  readonly target: number;
  readonly windowMs: number;
  /** Over the SLO window ending at the end of the week (or now). */
  readonly budget: ErrorBudget;
  /** The events of this week alone: the share of the window's budget they burned. */
  readonly burnedThisWeek?: number | null;
  readonly burnRateNow?: number | null;
  readonly alert?: AlertSeverity | 'ok';
}

export interface NotableChange {
  readonly at: number;
  readonly service?: string;
  readonly text: string;
  readonly url?: string;
}

export interface WeeklyReviewInput {
  /** "2026-W07". */
  readonly week: string;
  readonly timeZone: string;
  readonly now: number;
  /** Only this team's pager load, incidents and follow-ups (when given; see team-filter.ts). */
  readonly team?: string;
  readonly pagerLoad: readonly TeamWeekLoad[];
  readonly slos: readonly SloWeekStatus[];
  /** Incidents of the week and before (earlier ones are used to spot repeats), each with its team (null: none). */
  readonly incidents: readonly (IncidentRecord & { readonly team: string | null })[];
  readonly followUps: readonly FollowUp[];
  readonly risks: readonly BacklogRisk[];
  readonly toil?: readonly TeamToil[];
  readonly changes?: readonly NotableChange[];
  /** Incident trends over recent weeks (this week the last), shown after the week's incidents. */
  readonly trends?: IncidentTrends;
  readonly appUrl?: string;
  /** Days within which a follow-up should close (the seed's N). Default 30. */
  readonly followUpDays?: number;
}

const e = (text: string): string => escapeInline(text);
const dur = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/** The review document; throws on a malformed week. */
export function weeklyReview(input: WeeklyReviewInput): string {
  const week = parseIsoWeek(input.week);
  if (!week) throw new RangeError(`expected an ISO week such as "2026-W07", got ${JSON.stringify(input.week)}`);
  const tz = input.timeZone;
  const { startMs, endMs } = isoWeekRange(week, tz);
  const asOf = Math.min(input.now, endMs);
  const monday = isoWeekMonday(week);
  const sunday = addDays(monday, 6);
  const q = `week=${encodeURIComponent(input.week)}${input.team ? `&team=${encodeURIComponent(input.team)}` : ''}`;
  const detail = (section: string) => appLink('Details in Mission Control', input.appUrl, `#/review/${section}?${q}`);
  const sections: (string | null)[] = [];
  // Each table says whose week it was picked by (a team's pager week may not be the room's).
  const roomWeek = `_${e(roomWeekNote(input.week, tz))}_\n\n`;

  sections.push(
    `${heading(1, `Weekly operational review: ${input.week}${input.team ? ` (${input.team})` : ''}`)}\n\n` +
      `**Week:** ${formatDate(monday)} – ${formatDate(sunday)} (${e(tz)})  \n**Generated:** ${formatZoned(input.now, tz)}`,
  );

  // Pager load
  const load = input.pagerLoad.filter((p) => (!input.team || p.team === input.team) && p.week === input.week);
  // A team's pages are counted on its own calendar; say so when that is not the room's.
  const ownCalendars = load.some((p) => p.timeZone !== tz);
  sections.push(
    `${heading(2, 'Pager load')}\n\n${
      load.length === 0
        ? 'No pages.'
        : table(
            ['Team', 'Page events', 'Raw pages', 'Band', 'Woke someone', 'Week counted in'],
            load.map((p) => [e(p.team), String(p.pages), String(p.rawPages), pagerBandLabels[p.band], String(p.offHours), e(weekCalendarLabel(p.week, p.timeZone))]),
            ['left', 'right', 'right', 'left', 'right', 'left'],
          )
    }\n\nBands: fewer than 2 page events a week is healthy, 2–5 walking the edge, more than 5 unhealthy.${
      ownCalendars ? ` ${pagerCalendarNote(input.week, tz)}` : ''
    }\n\n${detail('pager')}`,
  );

  // SLOs
  const coverageOf = (s: SloWeekStatus) => {
    const note = dataCoverageNote(s.budget, s.windowMs);
    return note ? ` (${note})` : '';
  };
  sections.push(
    `${heading(2, 'SLOs and error budgets')}\n\n${roomWeek}${
      input.slos.length === 0
        ? 'No SLOs defined.'
        : table(
            ['SLO', 'Target', 'Window', 'Actual', 'Budget left', 'Burned this week', 'Burn rate now', 'Alert'],
            input.slos.map((s) => [
              e(s.name),
              percent(s.target, 2),
              formatDuration(s.windowMs),
              s.budget.availability === null ? 'no data' : percent(s.budget.availability, 3),
              `${percent(s.budget.remaining)}${coverageOf(s)}`,
              percent(s.burnedThisWeek ?? null),
              s.burnRateNow === null || s.burnRateNow === undefined ? '—' : s.burnRateNow.toFixed(2),
              s.alert ?? '—',
            ]),
            ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'left'],
          )
    }\n\n${detail('slo')}`,
  );

  // Incidents
  const repeats = new Map(findRepeats(input.incidents).map((r) => [r.id, r]));
  const titles = new Map(input.incidents.map((i) => [i.id, i.title]));
  const thisWeek = input.incidents
    .filter((i) => i.startedAt >= startMs && i.startedAt < endMs && belongsToTeam(i.team, input.team))
    .sort((a, b) => a.startedAt - b.startedAt);
  const causes: Record<string, number> = {};
  for (const i of thisWeek) causes[i.cause || 'unknown'] = (causes[i.cause || 'unknown'] ?? 0) + 1;
  const top = dominantShare(causes);
  sections.push(
    `${heading(2, 'Incidents')}\n\n${roomWeek}${
      thisWeek.length === 0
        ? 'No incidents.'
        : `${table(
            ['Incident', 'Severity', 'Service', 'Cause', 'Started', 'Detect', 'Mitigate', 'Resolve', 'Repeat'],
            thisWeek.map((i) => {
              const d = incidentDurationsMs(i);
              const r = repeats.get(i.id);
              return [
                appLink(i.title, input.appUrl, `#/incidents/${encodeURIComponent(i.id)}`),
                `SEV${i.severity}`,
                e(i.service ?? ''),
                e(i.cause ?? ''),
                formatLocal(i.startedAt, tz),
                dur(d.detect),
                dur(d.mitigate),
                dur(d.resolve),
                r ? `**repeat** of ${e(titles.get(r.repeatOf) ?? r.repeatOf)}` : '',
              ];
            }),
          )}${top && thisWeek.length > 1 ? `\n\n${percent(top.share, 0)} of this week's incidents had the cause "${e(top.key)}".` : ''}`
    }\n\n${detail('incidents')}`,
  );

  if (input.trends && input.trends.weeks.length > 0) sections.push(trendsSection(input.trends, detail('incidents')));

  // Follow-ups
  const items = input.followUps.filter((f) => belongsToTeam(f.team, input.team));
  // As the week ended (this week: now); a past week's overdue items say where they stand today too.
  const f = followUpSummary(items, asOf, { from: startMs, to: endMs, withinDays: input.followUpDays ?? 30 });
  const pastWeek = asOf < input.now;
  sections.push(
    `${heading(2, 'Follow-up actions')}\n\n${roomWeek}${bullets([
      `Opened this week: ${f.openedInRange ?? 0}; closed this week: ${f.closedInRange ?? 0}.`,
      `Open: ${f.open + f.overdue}, of which overdue: ${f.overdue}; without an owner: ${f.unowned}.`,
      `Closed within ${f.withinDays} days of being opened: ${percent(f.closedWithinDays, 0)}; closed by their due date: ${f.closedOnTime} of ${f.closedOnTime + f.closedLate}.`,
    ])}${
      Object.keys(f.byOwner).length === 0
        ? ''
        : `\n\n${table(
            ['Owner', 'Open', 'Overdue', 'Closed on time', 'Closed late'],
            Object.entries(f.byOwner)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([owner, c]) => [e(owner), String(c.open), String(c.overdue), String(c.closedOnTime), String(c.closedLate)]),
            ['left', 'right', 'right', 'right', 'right'],
          )}\n\n${table(
            ['Team', 'Open', 'Overdue', 'Closed on time', 'Closed late'],
            Object.entries(f.byTeam)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([team, c]) => [e(team), String(c.open), String(c.overdue), String(c.closedOnTime), String(c.closedLate)]),
            ['left', 'right', 'right', 'right', 'right'],
          )}`
    }${
      f.overdueItems.length === 0
        ? ''
        : `\n\n${pastWeek ? 'Overdue as the week ended (and today):' : 'Overdue:'}\n\n${bullets(
            f.overdueItems.slice(0, 20).map((i) => {
              const due = dueAtAsOf(i, asOf);
              const today = pastWeek ? `; now: ${followUpNowWords(followUpNow(i, input.now), due, (ms) => formatLocal(ms, tz))}` : '';
              return `${e(i.text ?? i.id)} (${e(i.owner || 'no owner')}, due ${due ? formatLocal(due, tz) : '—'}${today})`;
            }),
          )}`
    }\n\n${detail('follow-ups')}`,
  );

  // Risks
  const backlog = riskBacklog(input.risks);
  sections.push(
    `${heading(2, 'Top risks')}\n\n${
      backlog.top.length === 0
        ? 'No open risks.'
        : `${table(
            ['#', 'Risk', 'Category', 'L×I', 'Band', 'Effort', 'Owner', 'Plan'],
            backlog.top.map((r) => [String(r.rank), e(r.risk.title), e(r.risk.category), `${r.risk.likelihood}×${r.risk.impact} = ${r.score}`, r.band, String(r.risk.effort), e(r.risk.owner ?? ''), r.hasPlan ? 'yes' : '**no plan**']),
          )}\n\n${backlog.open} open risks in all; ${backlog.topWithoutPlan} of the top ${backlog.top.length} without a plan and an owner.`
    }\n\n${detail('risks')}`,
  );

  // Toil
  if (input.toil && input.toil.length > 0) {
    const toil = input.toil.filter((t) => !input.team || t.team === input.team);
    sections.push(
      `${heading(2, 'Toil')}\n\n${roomWeek}${table(
        ['Team', 'Toil share', 'Target', 'Over target'],
        toil.map((t) => [e(t.team), percent(t.share, 0), percent(t.target, 0), t.overTarget === null ? 'nothing logged' : t.overTarget ? '**yes**' : 'no']),
        ['left', 'right', 'right', 'left'],
      )}\n\n${detail('toil')}`,
    );
  }

  // Changes
  const changes = (input.changes ?? []).filter((c) => c.at >= startMs && c.at < endMs).sort((a, b) => a.at - b.at);
  if (changes.length > 0) {
    sections.push(`${heading(2, 'Notable changes')}\n\n${roomWeek}${bullets(changes.map((c) => `${formatLocal(c.at, tz)}${c.service ? ` · ${e(c.service)}` : ''}: ${link(c.text, c.url)}`))}`);
  }
  return doc(sections);
}

const counts = (c: Readonly<Record<string, number>>): string =>
  Object.entries(c)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([k, n]) => `${e(k)} ${n}`)
    .join(', ');

/** Incidents per week with the median and worst times, by severity, cause and service, and the weeks' totals. */
function trendsSection(trends: IncidentTrends, detail: string): string {
  const mw = (s: { medianMs: number | null; worstMs: number | null }) => (s.medianMs === null ? '—' : `${dur(s.medianMs)} / ${dur(s.worstMs)}`);
  const top = dominantShare(trends.byCause);
  return `${heading(3, 'Incident trends')}\n\n${table(
    ['Week', 'Incidents', 'Detect (median / worst)', 'Mitigate', 'Resolve', 'Repeats', 'By severity', 'By cause', 'By service'],
    trends.weeks.map((w) => [w.week, String(w.count), mw(w.detect), mw(w.mitigate), mw(w.resolve), w.repeats > 0 ? `**${w.repeats}**` : '0', counts(w.bySeverity), counts(w.byCause), counts(w.byService)]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
  )}\n\nAll weeks — by service: ${counts(trends.byService)}. By severity: ${counts(trends.bySeverity)}.${
    top && top.share >= 0.5 && trends.weeks.reduce((n, w) => n + w.count, 0) > 1 ? ` ${percent(top.share, 0)} of these incidents had the cause "${e(top.key)}".` : ''
  }\n\n${detail}`;
}
