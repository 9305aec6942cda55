/**
 * Starting a plan: from a template (its T-offsets move with the new start) or from a copy of a
 * past plan (what was verified, decided or learned then starts afresh), and pushing a plan's
 * lessons back into its template as new readiness items. Pure: the hub validates what comes out.
 */
import type { Plan, PlanInput } from '../../model/plan.ts';
import { resolveLocalDateTime } from './t-minus.ts';

/** An instant as a local date-time in a zone ("2026-05-30T17:00"), the way plans write times. */
export function localDateTimeOf(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export interface HeaderChanges {
  readonly name?: string | undefined;
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly timezone?: string | undefined;
  readonly owner?: string | undefined;
}

/** The event header with the changes applied; a new start without an end keeps the length. */
function withHeader(event: Plan['event'], changes: HeaderChanges): PlanInput['event'] {
  const timezone = changes.timezone ?? event.timezone;
  let end = changes.end ?? event.end;
  if (changes.start !== undefined && changes.end === undefined) {
    const oldStart = resolveLocalDateTime(event.start, event.timezone);
    const oldEnd = resolveLocalDateTime(event.end, event.timezone);
    const newStart = resolveLocalDateTime(changes.start, timezone);
    if (oldStart.ok && oldEnd.ok && newStart.ok) end = localDateTimeOf(newStart.ms + (oldEnd.ms - oldStart.ms), timezone);
  }
  return {
    ...event,
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.owner !== undefined ? { owner: changes.owner } : {}),
    start: changes.start ?? event.start,
    end,
    timezone,
    state: 'draft',
  };
}

/** A new plan from a template version. */
export function planFromTemplate(template: Plan, templateId: string, version: number, changes: HeaderChanges = {}): PlanInput {
  const { template: _drop, ...rest } = template;
  return { ...rest, basedOn: { template: templateId, version }, event: withHeader(template.event, changes), actionItems: [] };
}

/** A new plan from a past one: same shape, nothing verified, decided or owed yet. */
export function planFromCopy(past: Plan, changes: HeaderChanges = {}): PlanInput {
  return {
    ...past,
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
