/**
 * Check-ins: who reports on what, how often, from when ("every 30 min from T-1h"), and at a given
 * now which are upcoming, due, overdue, kept, late or missed.
 *
 * A schedule has slots at `from`, `from + every`, … up to and including `until` (default: the
 * event end); `every` is elapsed time. Time is cut into one window per slot, so every check-in
 * belongs to exactly one slot:
 *
 *   window k = [due_k − early, due_k+1 − early)      early = min(5 min, (every − grace) / 2)
 *
 * (the last slot's window is as long as the others). In its window a slot is
 * - `kept` when its first check-in came by due + grace, `late` when after that;
 * - without a check-in: `upcoming` before the window opens, `due` from then to due + grace,
 *   `overdue` after that while the window is still open (the wall flashes it and the person's
 *   console prompts them), `missed` once the window has closed.
 * Extra check-ins in a window count once.
 */
import type { CheckIn, CheckInSchedule, Plan } from '../../model/plan.ts';
import { whenMs } from './t-minus.ts';
import { planWindow } from './timeline.ts';

const EARLY_MAX_MS = 5 * 60_000;

export const slotStates = ['upcoming', 'due', 'overdue', 'kept', 'late', 'missed'] as const;
export type SlotState = (typeof slotStates)[number];

export interface CheckInSlot {
  readonly scheduleId: string;
  readonly who: string;
  readonly reports: string;
  readonly service: string | null;
  /** 0-based slot number in its schedule (stable while the schedule is unchanged). */
  readonly index: number;
  readonly dueAt: number;
  readonly opensAt: number;
  readonly graceEndsAt: number;
  readonly closesAt: number;
  readonly state: SlotState;
  /** The check-in that counted, if any. */
  readonly checkIn: CheckIn | null;
}

/** At most this many slots per schedule (a month of check-ins every 5 minutes). */
export const MAX_SLOTS = 10_000;

/** The due times of a schedule: from, from + every, … ≤ until (at most MAX_SLOTS). */
export function slotTimes(fromMs: number, untilMs: number, everyMs: number): number[] {
  if (!(everyMs > 0)) throw new RangeError(`expected a positive interval, got ${everyMs}`);
  const out: number[] = [];
  for (let t = fromMs; t <= untilMs && out.length < MAX_SLOTS; t += everyMs) out.push(t);
  return out;
}

/** The slots of one schedule and their state at `now`, given the check-ins received so far. */
export function scheduleSlots(
  schedule: CheckInSchedule,
  times: { fromMs: number; untilMs: number },
  checkIns: readonly CheckIn[],
  now: number,
): CheckInSlot[] {
  const early = Math.min(EARLY_MAX_MS, (schedule.every - schedule.grace) / 2);
  const mine = checkIns.filter((c) => c.scheduleId === schedule.id && c.at <= now).sort((a, b) => a.at - b.at);
  return slotTimes(times.fromMs, times.untilMs, schedule.every).map((dueAt, index) => {
    const opensAt = dueAt - early;
    const closesAt = dueAt + schedule.every - early;
    const graceEndsAt = dueAt + schedule.grace;
    const checkIn = mine.find((c) => c.at >= opensAt && c.at < closesAt) ?? null;
    let state: SlotState;
    if (checkIn) state = checkIn.at <= graceEndsAt ? 'kept' : 'late';
    else if (now < opensAt) state = 'upcoming';
    else if (now <= graceEndsAt) state = 'due';
    else if (now < closesAt) state = 'overdue';
    else state = 'missed';
    return { scheduleId: schedule.id, who: schedule.who, reports: schedule.reports, service: schedule.service ?? null, index, dueAt, opensAt, graceEndsAt, closesAt, state, checkIn };
  });
}

export type SlotCounts = Readonly<Record<SlotState, number>>;

const emptyCounts = (): Record<SlotState, number> => ({ upcoming: 0, due: 0, overdue: 0, kept: 0, late: 0, missed: 0 });

export interface CheckInStatus {
  /** Every slot of every schedule, in due order. */
  readonly slots: CheckInSlot[];
  readonly counts: SlotCounts;
  /** Per person (as written in the plan). */
  readonly byPerson: Readonly<Record<string, SlotCounts>>;
  /** Due now or overdue: what the wall shows and the consoles prompt for. */
  readonly attention: CheckInSlot[];
}

/** All check-in slots of a plan at `now`. */
export function planCheckIns(plan: Plan, checkIns: readonly CheckIn[], now: number): CheckInStatus {
  const w = planWindow(plan);
  const slots = plan.checkIns
    .flatMap((s) =>
      scheduleSlots(s, { fromMs: whenMs(s.from, w), untilMs: s.until === undefined ? w.endMs : whenMs(s.until, w) }, checkIns, now),
    )
    .sort((a, b) => a.dueAt - b.dueAt || (a.scheduleId < b.scheduleId ? -1 : 1));
  const counts = emptyCounts();
  const byPerson: Record<string, Record<SlotState, number>> = {};
  for (const slot of slots) {
    counts[slot.state]++;
    (byPerson[slot.who] ??= emptyCounts())[slot.state]++;
  }
  return { slots, counts, byPerson, attention: slots.filter((s) => s.state === 'due' || s.state === 'overdue') };
}
