/**
 * Pager load per team per ISO week (the seed's first mechanism): fewer than 2 a week is healthy,
 * 2 to 5 is walking the edge, more than 5 is unhealthy. The count is of page *events*: duplicates
 * within a window count once, with the raw count beside it ("an event causing 7 pages is not the
 * same as 7 events").
 *
 * De-duplication: pages of one team with the same key (the page's `dedupKey`, e.g. an alert
 * fingerprint, or else its service) form a group; a page within `windowMs` of the first page of
 * the current group is a duplicate; the first page after that starts a new group. The window is
 * fixed from the group's first page rather than sliding, so an alert that flaps every 20 minutes
 * for a day is several events, not one.
 *
 * An incident declared in the app is a page too (someone was pulled in), but when a pager already
 * paged its team for it, that is one interruption, not two. Nothing the pagers send names the
 * app's incident (nor does the incident carry an alert's fingerprint), so the link is the team
 * and the time: the declared incident joins the event of a page of its team from between its
 * impact starting (less the window) and its declaration (plus the window) — one of its own
 * service when there is one, the nearest to the declaration. It stays a raw page.
 *
 * "Woke someone": a page outside the team's working hours, on the team's own clock (time zone,
 * working days, hours, holidays). Defaults follow PagerDuty's business hours: 08:00–18:00,
 * Monday to Friday, local time.
 */
import type { TeamConfig } from '../../model/review.ts';
import { wallClockAt } from '../incidents/zoned-time.ts';
import { spellingKey } from './incident-trends.ts';
import { formatIsoWeek, isoWeekAt, isoWeekday, weekCalendarLabel } from './iso-week.ts';

export interface Page {
  readonly id: string;
  readonly at: number;
  readonly team: string;
  readonly service: string;
  readonly severity?: string;
  /** Pages with the same key are duplicates within the window (default: the service). */
  readonly dedupKey?: string;
  readonly title?: string;
  /** Set on the page of an incident declared in the app: when its impact started (`at` is its detection). */
  readonly declaredIncident?: { readonly startedAt: number };
}

export interface WorkingHours {
  readonly timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** "08:00"; when `end` is earlier than `start`, the hours run past midnight (into the next day). */
  readonly start: string;
  readonly end: string;
  /** Local dates off work, "2026-12-25". */
  readonly holidays?: readonly string[];
}

export const defaultWorkingHours = (timeZone: string): WorkingHours => ({ timeZone, days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' });

/** A workspace team's working hours, on its own clock (the defaults when it lists none). */
export function teamWorkingHours(team: Pick<TeamConfig, 'timezone' | 'workingHours'>): WorkingHours {
  const h = team.workingHours;
  return h ? { timeZone: team.timezone, days: h.days, start: h.start, end: h.end, ...(h.holidays ? { holidays: h.holidays } : {}) } : defaultWorkingHours(team.timezone);
}

const minutesOf = (hhmm: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match || Number(match[1]) > 24 || Number(match[2]) > 59) throw new RangeError(`expected a time such as "08:00", got ${JSON.stringify(hhmm)}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

const dateKey = (d: { year: number; month: number; day: number }): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Whether `ms` is within working hours on the team's clock. */
export function isWorkingTime(ms: number, hours: WorkingHours): boolean {
  const wall = wallClockAt(ms, hours.timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const working = (date: { year: number; month: number; day: number }) =>
    hours.days.includes(isoWeekday(date)) && !(hours.holidays ?? []).includes(dateKey(date));
  if (start <= end) return minute >= start && minute < end && working(wall);
  // Overnight hours belong to the day they start on.
  if (minute >= start) return working(wall);
  if (minute < end) {
    const yesterday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day - 1));
    return working({ year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate() });
  }
  return false;
}

/** A page outside working hours woke (or interrupted the evening or weekend of) someone. */
export const wokeSomeone = (page: Pick<Page, 'at'>, hours: WorkingHours): boolean => !isWorkingTime(page.at, hours);

export interface DedupedPage extends Page {
  /** Pages folded into this one, itself included (1 when it had no duplicates). */
  readonly count: number;
  readonly duplicateIds: readonly string[];
}

/** The pager's page a declared incident's page is about (see the top of this file), or null. */
function pageOfDeclared(incident: Page, pages: readonly Page[], windowMs: number): Page | null {
  const from = Math.min(incident.declaredIncident!.startedAt, incident.at) - windowMs;
  const to = incident.at + windowMs;
  const candidates = pages.filter((p) => !p.declaredIncident && p.team === incident.team && p.at >= from && p.at <= to);
  const sameService = candidates.filter((p) => spellingKey(p.service) === spellingKey(incident.service));
  const nearest = (a: Page, b: Page) => Math.abs(a.at - incident.at) - Math.abs(b.at - incident.at) || a.at - b.at;
  return (sameService.length > 0 ? sameService : candidates).sort(nearest)[0] ?? null;
}

/**
 * Fold duplicates (same team and key within `windowMs` of a group's first page), and a declared
 * incident's page into the event of the pager's page it is about. Time order.
 */
export function dedupePages(pages: readonly Page[], windowMs: number): DedupedPage[] {
  const sorted = [...pages].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const declaredFor = new Map<string, string[]>();
  const folded = new Set<string>();
  for (const page of sorted) {
    const paged = page.declaredIncident ? pageOfDeclared(page, sorted, windowMs) : null;
    if (!paged) continue;
    declaredFor.set(paged.id, [...(declaredFor.get(paged.id) ?? []), page.id]);
    folded.add(page.id);
  }
  const open = new Map<string, { first: Page; duplicateIds: string[] }>();
  const groups: { first: Page; duplicateIds: string[] }[] = [];
  const groupOf = new Map<string, { first: Page; duplicateIds: string[] }>();
  for (const page of sorted) {
    if (folded.has(page.id)) continue;
    const key = JSON.stringify([page.team, page.dedupKey ?? page.service]);
    const group = open.get(key);
    if (group && page.at - group.first.at < windowMs) {
      group.duplicateIds.push(page.id);
      groupOf.set(page.id, group);
      continue;
    }
    const fresh = { first: page, duplicateIds: [] as string[] };
    open.set(key, fresh);
    groups.push(fresh);
    groupOf.set(page.id, fresh);
  }
  for (const [pagedId, incidentIds] of declaredFor) groupOf.get(pagedId)!.duplicateIds.push(...incidentIds);
  return groups.map((g) => ({ ...g.first, count: 1 + g.duplicateIds.length, duplicateIds: g.duplicateIds }));
}

export type PagerBand = 'healthy' | 'edge' | 'unhealthy';

/** < 2 healthy; 2–5 walking the edge; > 5 unhealthy. */
export function pagerBand(pagesPerWeek: number): PagerBand {
  if (pagesPerWeek < 2) return 'healthy';
  if (pagesPerWeek <= 5) return 'edge';
  return 'unhealthy';
}

export const pagerBandLabels: Readonly<Record<PagerBand, string>> = {
  healthy: 'healthy',
  edge: 'walking the edge',
  unhealthy: 'unhealthy',
};

export interface TeamWeekLoad {
  readonly team: string;
  /** "2026-W07", on the team's calendar. */
  readonly week: string;
  /** The team's calendar: the time zone its week and working hours are counted in. */
  readonly timeZone: string;
  /** Page events after de-duplication: the number that is banded. */
  readonly pages: number;
  readonly rawPages: number;
  readonly band: PagerBand;
  /** Page events outside working hours (woke someone). */
  readonly offHours: number;
  readonly rawOffHours: number;
  readonly byService: Readonly<Record<string, number>>;
}

export interface PagerLoadOptions {
  /** Working hours per team; teams not listed use the defaults in `defaultTimeZone`. */
  readonly hours?: Readonly<Record<string, WorkingHours>>;
  readonly defaultTimeZone?: string;
  /** Default 30 minutes. */
  readonly dedupWindowMs?: number;
}

const hoursOfTeam = (options: PagerLoadOptions, team: string): WorkingHours => options.hours?.[team] ?? defaultWorkingHours(options.defaultTimeZone ?? 'UTC');

/** Pager load per team per ISO week (on each team's calendar), sorted by team then week. */
export function pagerLoad(pages: readonly Page[], options: PagerLoadOptions = {}): TeamWeekLoad[] {
  const hoursOf = (team: string) => hoursOfTeam(options, team);
  const deduped = dedupePages(pages, options.dedupWindowMs ?? 30 * 60_000);
  const rows = new Map<string, { team: string; week: string; timeZone: string; pages: number; rawPages: number; offHours: number; rawOffHours: number; byService: Record<string, number> }>();
  const rowFor = (team: string, at: number) => {
    const week = formatIsoWeek(isoWeekAt(at, hoursOf(team).timeZone));
    const key = JSON.stringify([team, week]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { team, week, timeZone: hoursOf(team).timeZone, pages: 0, rawPages: 0, offHours: 0, rawOffHours: 0, byService: {} }));
    return row;
  };
  for (const page of pages) {
    const row = rowFor(page.team, page.at);
    row.rawPages++;
    if (wokeSomeone(page, hoursOf(page.team))) row.rawOffHours++;
  }
  for (const page of deduped) {
    const row = rowFor(page.team, page.at);
    row.pages++;
    row.byService[page.service] = (row.byService[page.service] ?? 0) + 1;
    if (wokeSomeone(page, hoursOf(page.team))) row.offHours++;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, band: pagerBand(r.pages) }))
    .sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
}

/** One row per team for one ISO week ("2026-W07"), teams without pages included (0, healthy). */
export function pagerLoadForWeek(pages: readonly Page[], week: string, teams: readonly string[], options: PagerLoadOptions = {}): TeamWeekLoad[] {
  const rows = pagerLoad(pages, options).filter((r) => r.week === week);
  const all = new Set([...teams, ...rows.map((r) => r.team)]);
  return [...all].sort().map(
    (team) =>
      rows.find((r) => r.team === team) ?? { team, week, timeZone: hoursOfTeam(options, team).timeZone, pages: 0, rawPages: 0, band: pagerBand(0), offHours: 0, rawOffHours: 0, byService: {} },
  );
}

/** Said under a pager-load table when a team's calendar is not the room's. */
export function pagerCalendarNote(week: string, roomTimeZone: string): string {
  return `Each team's pages are counted in its own week and working hours (its time zone); incidents, SLOs and the rest of this review in the room's week (${weekCalendarLabel(week, roomTimeZone)}).`;
}

/** Said under each of the review's other tables: whose week they were picked by. */
export function roomWeekNote(week: string, roomTimeZone: string): string {
  return `The room's week: ${weekCalendarLabel(week, roomTimeZone)}.`;
}
