/**
 * What the Friday and Monday reports take from outside the plan: the pager load of the weekend's
 * ISO weeks (from the review's pages, banded and de-duplicated as in domain/review/pager-load.ts)
 * and the fixes shipped since last weekend.
 *
 * A fix is a follow-up of an incident closed since then, or a change (deploy, config, flag,
 * rollback) since then to a service that had an incident in the four weeks before it: the work
 * that answered an incident, not every deploy of the week.
 */
import type { IncidentRecord } from '../review/incident-trends.ts';
import { formatIsoWeek, isoWeekAt } from '../review/iso-week.ts';
import { pagerLoadForWeek, type Page, type PagerLoadOptions, type TeamWeekLoad } from '../review/pager-load.ts';
import type { Fix } from './reports.ts';

const DAY = 86_400_000;
/** How far before a change an incident on its service makes the change a fix. */
export const FIX_LOOKBACK_MS = 28 * DAY;

/** The ISO weeks (on the room's calendar) that [fromMs, toMs) touches, oldest first. */
export function isoWeeksBetween(fromMs: number, toMs: number, timeZone: string): string[] {
  const weeks = new Set<string>();
  for (let t = fromMs; t < toMs; t += DAY) weeks.add(formatIsoWeek(isoWeekAt(t, timeZone)));
  weeks.add(formatIsoWeek(isoWeekAt(Math.max(fromMs, toMs - 1), timeZone)));
  return [...weeks];
}

/** Pager load per team for each of `weeks`, every team listed (0 pages is healthy). */
export function pagerLoadForWeeks(pages: readonly Page[], weeks: readonly string[], teams: readonly string[], options: PagerLoadOptions): TeamWeekLoad[] {
  return weeks.flatMap((week) => pagerLoadForWeek(pages, week, teams, options));
}

/** A follow-up of an incident, with when it was closed (null while open). */
export interface ClosableFollowUp {
  readonly text: string;
  readonly owner?: string | null;
  readonly service?: string | null;
  readonly closedAt: number | null;
  readonly url?: string | null;
}

export interface ChangeLike {
  readonly at: number;
  readonly service: string;
  readonly kind: string;
  readonly description: string;
  readonly author?: string | null;
  readonly url?: string | null;
}

/** Fixes in [since, until): closed follow-ups, and changes to services with a recent incident. */
export function fixesSince(input: {
  readonly since: number;
  readonly until: number;
  readonly followUps: readonly ClosableFollowUp[];
  readonly changes: readonly ChangeLike[];
  readonly incidents: readonly Pick<IncidentRecord, 'service' | 'startedAt'>[];
}): Fix[] {
  const within = (t: number) => t >= input.since && t < input.until;
  const opt = <K extends string>(key: K, value: string | null | undefined) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
  const closed: Fix[] = input.followUps
    .filter((f) => f.closedAt !== null && within(f.closedAt))
    .map((f) => ({ title: f.text, closedAt: f.closedAt!, ...opt('owner', f.owner), ...opt('service', f.service), ...opt('url', f.url) }));
  const hurt = (service: string, at: number) => input.incidents.some((i) => i.service === service && i.startedAt <= at && i.startedAt >= at - FIX_LOOKBACK_MS);
  const changed: Fix[] = input.changes
    .filter((c) => within(c.at) && hurt(c.service, c.at))
    .map((c) => ({ title: `${c.kind.replace(/_/g, ' ')}: ${c.description}`, closedAt: c.at, service: c.service, ...opt('owner', c.author), ...opt('url', c.url) }));
  return [...closed, ...changed].sort((a, b) => a.closedAt - b.closedAt);
}
