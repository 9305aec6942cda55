/**
 * A plan's times, resolved: the event window, key moments, pre-scale steps, readiness due dates,
 * the freeze and the go/no-go, as epoch ms on one sorted timeline; and the questions the wall asks
 * of it at a given now (the next key moment, whether the freeze is on, who is on duty).
 *
 * Takes a plan that passed `planSchema` (every time in it resolves).
 */
import type { KeyMoment, Plan } from '../../model/plan.ts';
import { describeOffset, resolveLocalDateTime, resolveWhen, whenMs, type EventAnchor } from './t-minus.ts';

export interface PlanWindow extends EventAnchor {
  readonly endMs: number;
}

/** The event's start, end and zone as instants. */
export function planWindow(plan: Plan): PlanWindow {
  const tz = plan.event.timezone;
  const start = resolveLocalDateTime(plan.event.start, tz);
  const end = resolveLocalDateTime(plan.event.end, tz);
  if (!start.ok) throw new Error(`event.start: ${start.message}`);
  if (!end.ok) throw new Error(`event.end: ${end.message}`);
  return { startMs: start.ms, endMs: end.ms, timeZone: tz };
}

/** The plan's window, or null while its header does not resolve (a start or zone being typed). */
export function planWindowOrNull(plan: Plan): PlanWindow | null {
  try {
    return planWindow(plan);
  } catch {
    return null;
  }
}

export type TimelineKind =
  | 'event_start'
  | 'event_end'
  | 'key_moment'
  | 'scale_up_start'
  | 'scale_up'
  | 'scale_down'
  | 'readiness_due'
  | 'freeze_start'
  | 'freeze_end'
  | 'go_no_go';

export interface TimelineItem {
  readonly kind: TimelineKind;
  /** The id of the plan item (key moment, capacity step, readiness item), or the kind. */
  readonly ref: string;
  readonly label: string;
  readonly at: number;
  /** "T-1h30m", as elapsed time from the start (for display). */
  readonly offset: string;
}

/** Everything dated in the plan, in time order (stable for equal times: the order below). */
export function planTimeline(plan: Plan): TimelineItem[] {
  const w = planWindow(plan);
  const items: Omit<TimelineItem, 'offset'>[] = [];
  const at = (value: string) => whenMs(value, w);
  items.push({ kind: 'event_start', ref: 'event', label: `${plan.event.name} starts`, at: w.startMs });
  items.push({ kind: 'event_end', ref: 'event', label: `${plan.event.name} ends`, at: w.endMs });
  for (const m of plan.keyMoments) items.push({ kind: 'key_moment', ref: m.id, label: m.label, at: at(m.at) });
  for (const c of plan.capacity) {
    const up = at(c.when);
    if (c.leadTime) items.push({ kind: 'scale_up_start', ref: c.id, label: `Start scaling ${c.component} to ${c.target}`, at: up - c.leadTime });
    items.push({ kind: 'scale_up', ref: c.id, label: `${c.component} at ${c.target}`, at: up });
    items.push({ kind: 'scale_down', ref: c.id, label: `Scale ${c.component} back down`, at: at(c.scaleDown) });
  }
  for (const r of plan.readiness) items.push({ kind: 'readiness_due', ref: r.id, label: r.item, at: at(r.due) });
  if (plan.freeze) {
    items.push({ kind: 'freeze_start', ref: 'freeze', label: 'Change freeze begins', at: at(plan.freeze.from) });
    items.push({ kind: 'freeze_end', ref: 'freeze', label: 'Change freeze ends', at: at(plan.freeze.to) });
  }
  if (plan.goNoGo) items.push({ kind: 'go_no_go', ref: 'go_no_go', label: 'Go/no-go decision', at: at(plan.goNoGo.at) });
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.at - b.item.at || a.i - b.i)
    .map(({ item }) => ({ ...item, offset: describeOffset(item.at, w.startMs) }));
}

export interface ResolvedKeyMoment {
  readonly moment: KeyMoment;
  readonly at: number;
}

/** Key moments with their instants, in time order. */
export function keyMomentTimes(plan: Plan): ResolvedKeyMoment[] {
  const w = planWindow(plan);
  return plan.keyMoments.map((moment) => ({ moment, at: whenMs(moment.at, w) })).sort((a, b) => a.at - b.at);
}

/** The next key moment at or after `now`, with the time left; null when none is left. */
export function nextKeyMoment(plan: Plan, now: number): (ResolvedKeyMoment & { inMs: number }) | null {
  const next = keyMomentTimes(plan).find((m) => m.at >= now);
  return next ? { ...next, inMs: next.at - now } : null;
}

/** Whether the change freeze is on at `now` (from inclusive, to exclusive). */
export function inFreeze(plan: Plan, now: number): boolean {
  if (!plan.freeze) return false;
  const w = planWindow(plan);
  return whenMs(plan.freeze.from, w) <= now && now < whenMs(plan.freeze.to, w);
}

export type RosterEntry = Plan['people']['roster'][number];

/** Who is on shift at `now` (from inclusive, to exclusive), in roster order. */
export function onDuty(plan: Plan, now: number): RosterEntry[] {
  const w = planWindow(plan);
  return plan.people.roster.filter((r) => whenMs(r.shift.from, w) <= now && now < whenMs(r.shift.to, w));
}

/**
 * What looks wrong with each key moment, by row, in words: a time outside the event window (a
 * kick-off a month after the final), or earlier than the moment listed above it. Rows whose time
 * does not resolve are left to the field's own error.
 */
export function keyMomentConcerns(plan: Plan): (string | null)[] {
  const w = planWindowOrNull(plan);
  // No window to be outside of: an end at or before the start is the header's one error.
  if (w === null || w.endMs <= w.startMs) return plan.keyMoments.map(() => null);
  let previous: { ms: number; row: number } | null = null;
  return plan.keyMoments.map((m, i) => {
    const at = resolveWhen(m.at, w);
    if (!at.ok) return null;
    const concern =
      at.ms < w.startMs || at.ms > w.endMs
        ? `outside the event window (${describeOffset(at.ms, w.startMs)}; the window is T0 to ${describeOffset(w.endMs, w.startMs)})`
        : previous !== null && at.ms < previous.ms
          ? `earlier than row ${previous.row} above (${describeOffset(at.ms, w.startMs)} is before ${describeOffset(previous.ms, w.startMs)})`
          : null;
    previous = { ms: at.ms, row: i + 1 };
    return concern;
  });
}
