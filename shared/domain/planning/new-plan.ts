/**
 * Starting a plan: from a template (its T-offsets move with the new start) or from a copy of a
 * past plan (what was verified, decided or learned then starts afresh), and pushing a plan's
 * lessons back into its template as new readiness items. Pure: the hub validates what comes out.
 */
import type { Plan, PlanInput } from '../../model/plan.ts';
import { instantsAt, offsetAt, wallClockAt } from '../incidents/zoned-time.ts';
import { formatOffset, resolveLocalDateTime, resolveLocalDateTimeCompatible, resolveTOffset } from './t-minus.ts';

/**
 * An instant as a local date-time in a zone ("2026-05-30T17:00"), the way plans write times; in
 * the hour the clocks repeat, with its offset ("2026-10-25T01:30+00:00"), so it names that instant.
 */
export function localDateTimeOf(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return instantsAt({ ...w, second: 0 }, timeZone).instants.length > 1 ? `${local}${formatOffset(offsetAt(ms, timeZone))}` : local;
}

export interface HeaderChanges {
  readonly name?: string | undefined;
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly timezone?: string | undefined;
  readonly owner?: string | undefined;
}

/**
 * A time typed for the new plan, as the plan writes it: as typed when it names one instant; in the
 * hour the clocks skip or repeat, the instant it is taken for (see resolveLocalDateTimeCompatible),
 * so a plan starting on the night the clocks change is not refused. Unreadable text is left for
 * the plan's validation to name.
 */
function typedTime(text: string, timeZone: string): string {
  if (resolveLocalDateTime(text, timeZone).ok) return text;
  const r = resolveLocalDateTimeCompatible(text, timeZone);
  return r.ok ? localDateTimeOf(r.ms, timeZone) : text;
}

const DAY = 86_400_000;
const dayNumber = (ms: number, timeZone: string): number => {
  const w = wallClockAt(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day) / DAY;
};

/**
 * The end of an event moved to `startMs`, as long as it was: its whole calendar days in the zone
 * (same wall-clock time), then the rest as elapsed time, as T-offsets count ("T+2d14h"). A
 * Friday 18:00 to Monday 08:00 weekend still ends Monday 08:00 when the clocks change in between
 * (61 or 63 hours); adding its 62 hours would end it at 07:00 or 09:00.
 */
function movedEnd(old: { startMs: number; endMs: number; timeZone: string }, startMs: number, timeZone: string): number {
  const dayStep = (from: number, days: number, tz: string) => resolveTOffset({ sign: 1, weeks: 0, days, hours: 0, minutes: 0, seconds: 0 }, from, tz);
  let days = Math.max(0, dayNumber(old.endMs, old.timeZone) - dayNumber(old.startMs, old.timeZone));
  // An end earlier in its day than the start's time of day: the last day is not a whole one.
  while (days > 0 && dayStep(old.startMs, days, old.timeZone) > old.endMs) days--;
  const rest = old.endMs - dayStep(old.startMs, days, old.timeZone);
  return dayStep(startMs, days, timeZone) + rest;
}

/** The event header with the changes applied; a new start without an end keeps the length. */
function withHeader(event: Plan['event'], changes: HeaderChanges): PlanInput['event'] {
  const timezone = changes.timezone ?? event.timezone;
  // Typed or kept, in the (maybe new) zone: either may fall in an hour the clocks skip or repeat.
  const start = typedTime(changes.start ?? event.start, timezone);
  let end = typedTime(changes.end ?? event.end, timezone);
  if (changes.start !== undefined && changes.end === undefined) {
    const oldStart = resolveLocalDateTime(event.start, event.timezone);
    const oldEnd = resolveLocalDateTime(event.end, event.timezone);
    const newStart = resolveLocalDateTime(start, timezone);
    if (oldStart.ok && oldEnd.ok && newStart.ok) end = localDateTimeOf(movedEnd({ startMs: oldStart.ms, endMs: oldEnd.ms, timeZone: event.timezone }, newStart.ms, timezone), timezone);
  }
  return {
    ...event,
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.owner !== undefined ? { owner: changes.owner } : {}),
    start,
    end,
    timezone,
    state: 'draft',
  };
}

/** A new plan from a template version. */
export function planFromTemplate(template: Plan, templateId: string, version: number, changes: HeaderChanges = {}): PlanInput {
  const { template: _drop, stateHistory: _h, ...rest } = template;
  return { ...rest, basedOn: { template: templateId, version }, event: withHeader(template.event, changes), actionItems: [] };
}

/** A new plan from a past one: same shape, nothing verified, decided or owed yet. */
export function planFromCopy(past: Plan, changes: HeaderChanges = {}): PlanInput {
  const { stateHistory: _h, ...kept } = past;
  return {
    ...kept,
    event: withHeader(past.event, changes),
    readiness: past.readiness.map(({ verifiedAt: _v, ...item }) => ({ ...item, status: item.status === 'n_a' ? 'n_a' : 'todo' })),
    capacity: past.capacity.map((c) => ({ ...c, status: 'planned' })),
    partners: past.partners.map(({ lastContactTest: _t, status: _s, ...p }) => p),
    ...(past.goNoGo ? { goNoGo: { ...past.goNoGo, decision: undefined, criteria: past.goNoGo.criteria.map(({ met: _m, ...c }) => c) } } : {}),
    actionItems: [],
  };
}

export interface Lessons {
  readonly template: PlanInput;
  /** The readiness ids added. */
  readonly added: readonly string[];
}

/**
 * The template's next version with the plan's lessons (action items marked `toTemplate`) as
 * readiness items, each saying where it came from. A lesson this plan already pushed (same words,
 * from this plan) is skipped; another plan's lesson with the same action id gets its own id
 * (plans number their actions alike: "action", "action-2").
 */
export function templateWithLessons(template: Plan, templateId: string, nextVersion: number, plan: Plan, planId: string): Lessons {
  const have = new Set(template.readiness.map((r) => r.id));
  const provenance = `Lesson from ${plan.event.name} (plan ${planId})`.slice(0, 500);
  const pushed = new Set(template.readiness.filter((r) => r.provenance === provenance).map((r) => r.item));
  const added: Plan['readiness'] = [];
  for (const action of plan.actionItems.filter((a) => a.toTemplate)) {
    const item = action.text.slice(0, 300);
    if (pushed.has(item)) continue;
    pushed.add(item);
    const base = `lesson-${action.id}`.slice(0, 60);
    let id = base;
    for (let n = 2; have.has(id); n++) id = `${base}-${n}`;
    have.add(id);
    added.push({
      id,
      item,
      category: 'process',
      owner: action.owner ?? template.event.owner,
      due: 'T-7d',
      status: 'todo',
      provenance,
    });
  }
  return {
    template: {
      ...template,
      template: { ...(template.template ?? {}), id: templateId, version: nextVersion },
      readiness: [...template.readiness, ...added],
    },
    added: added.map((r) => r.id),
  };
}
