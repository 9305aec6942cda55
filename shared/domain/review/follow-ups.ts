/**
 * Follow-up action items (postmortem "todo"s): open, overdue, closed within their due date, by
 * owner and by team — the seed's goal "all post mortem action items closed out within N days".
 *
 * The state of an item at `now`:
 * - closed (closedAt ≤ now): `closed_on_time` when by its due date (or it had none), else
 *   `closed_late`;
 * - open: `overdue` once past its due date, else `open`.
 * An item closed after `now` is still open at `now`, and one closed then but reopened since was
 * closed at `now` (its `closedSpans`); its due date is the one in force at `now` (its
 * `dueHistory`: one moved later since does not excuse it then), so a report for a past week is as
 * it was then. `followUpNow` says where it stands today, for showing beside that.
 */

export interface FollowUp {
  readonly id: string;
  readonly text?: string;
  readonly owner?: string | null;
  readonly team?: string | null;
  readonly incidentId?: string | null;
  readonly createdAt: number;
  readonly dueAt?: number | null;
  readonly closedAt?: number | null;
  /** The periods it stood closed (closed, reopened, closed again); without them, `closedAt` alone. */
  readonly closedSpans?: readonly { readonly from: number; readonly to: number | null }[];
  /** The due dates it had, oldest first, each in force from `from`; without them, `dueAt` alone. */
  readonly dueHistory?: readonly { readonly from: number; readonly dueAt: number | null }[];
}

/** The due date in force at `now`: the latest set by then (the first one before that). */
export function dueAtAsOf(item: FollowUp, now: number): number | null {
  if (!item.dueHistory || item.dueHistory.length === 0) return item.dueAt ?? null;
  return item.dueHistory.findLast((d) => d.from <= now)?.dueAt ?? item.dueHistory[0]!.dueAt;
}

/** When the item was closed, as things stood at `now`; null if it was open then. */
export function closedAtAsOf(item: FollowUp, now: number): number | null {
  if (item.closedSpans) return item.closedSpans.find((s) => s.from <= now && (s.to === null || now < s.to))?.from ?? null;
  return item.closedAt !== null && item.closedAt !== undefined && item.closedAt <= now ? item.closedAt : null;
}

/** Each time the item was closed up to `now`. */
const closingsUpTo = (item: FollowUp, now: number): number[] =>
  (item.closedSpans?.map((s) => s.from) ?? (item.closedAt === null || item.closedAt === undefined ? [] : [item.closedAt])).filter((t) => t <= now);

export type FollowUpState = 'open' | 'overdue' | 'closed_on_time' | 'closed_late';

export function followUpState(item: FollowUp, now: number): FollowUpState {
  const closedAt = closedAtAsOf(item, now);
  const due = dueAtAsOf(item, now);
  if (closedAt !== null) return due === null || closedAt <= due ? 'closed_on_time' : 'closed_late';
  return due !== null && now > due ? 'overdue' : 'open';
}

/** Where a follow-up stands at `now` (today, beside a past week's view of it). */
export interface FollowUpNow {
  readonly state: FollowUpState;
  readonly dueAt: number | null;
  readonly closedAt: number | null;
}

export const followUpNow = (item: FollowUp, now: number): FollowUpNow => ({ state: followUpState(item, now), dueAt: dueAtAsOf(item, now), closedAt: closedAtAsOf(item, now) });

/** Where it stands today, in words ("closed late Fri 20 Feb", "still overdue", "open, due …"), beside a past week's due date `dueThen`. */
export function followUpNowWords(now: FollowUpNow, dueThen: number | null, time: (ms: number) => string): string {
  const moved = now.dueAt !== null && now.dueAt !== dueThen ? `, due date moved to ${time(now.dueAt)}` : '';
  if (now.state === 'closed_on_time' || now.state === 'closed_late') return `${now.state === 'closed_late' ? 'closed late' : 'closed'} ${time(now.closedAt!)}`;
  return `${now.state === 'overdue' ? 'still overdue' : 'open'}${moved}`;
}

export interface FollowUpCounts {
  readonly total: number;
  readonly open: number;
  readonly overdue: number;
  readonly closedOnTime: number;
  readonly closedLate: number;
  /** Open items with no owner: nobody will do them. */
  readonly unowned: number;
}

export interface FollowUpSummary extends FollowUpCounts {
  readonly byOwner: Readonly<Record<string, FollowUpCounts>>;
  readonly byTeam: Readonly<Record<string, FollowUpCounts>>;
  /** Share of closed items that closed within `withinDays` of being opened; null when none closed. */
  readonly closedWithinDays: number | null;
  readonly withinDays: number;
  /** Opened and closed in [from, to), when a range was given. */
  readonly openedInRange: number | null;
  readonly closedInRange: number | null;
  readonly overdueItems: FollowUp[];
}

type Mutable = { -readonly [K in keyof FollowUpCounts]: FollowUpCounts[K] };
const empty = (): Mutable => ({ total: 0, open: 0, overdue: 0, closedOnTime: 0, closedLate: 0, unowned: 0 });

function add(c: Mutable, state: FollowUpState, owned: boolean): void {
  c.total++;
  if (state === 'open') c.open++;
  else if (state === 'overdue') c.overdue++;
  else if (state === 'closed_on_time') c.closedOnTime++;
  else c.closedLate++;
  if (!owned && (state === 'open' || state === 'overdue')) c.unowned++;
}

/** Follow-ups as they stood at `now` (items created after `now` are left out). */
export function followUpSummary(items: readonly FollowUp[], now: number, options: { withinDays?: number; from?: number; to?: number } = {}): FollowUpSummary {
  const withinDays = options.withinDays ?? 30;
  const known = items.filter((i) => i.createdAt <= now);
  const total = empty();
  const byOwner: Record<string, Mutable> = {};
  const byTeam: Record<string, Mutable> = {};
  let closed = 0;
  let closedWithin = 0;
  const overdueItems: FollowUp[] = [];
  for (const item of known) {
    const state = followUpState(item, now);
    const owned = Boolean(item.owner);
    add(total, state, owned);
    add((byOwner[item.owner || '(no owner)'] ??= empty()), state, owned);
    add((byTeam[item.team || '(no team)'] ??= empty()), state, owned);
    if (state === 'overdue') overdueItems.push(item);
    if (state === 'closed_on_time' || state === 'closed_late') {
      closed++;
      if (closedAtAsOf(item, now)! - item.createdAt <= withinDays * 86_400_000) closedWithin++;
    }
  }
  const inRange = (t: number | null | undefined) => t !== null && t !== undefined && options.from !== undefined && options.to !== undefined && t >= options.from && t < options.to;
  const ranged = options.from !== undefined && options.to !== undefined;
  return {
    ...total,
    byOwner,
    byTeam,
    closedWithinDays: closed === 0 ? null : closedWithin / closed,
    withinDays,
    openedInRange: ranged ? known.filter((i) => inRange(i.createdAt)).length : null,
    closedInRange: ranged ? known.filter((i) => closingsUpTo(i, now).some(inRange)).length : null,
    overdueItems: overdueItems.sort((a, b) => (dueAtAsOf(a, now) ?? 0) - (dueAtAsOf(b, now) ?? 0)),
  };
}
