/**
 * A follow-up's lifecycle: logged (`todo:`), owned and dated, closed, maybe reopened. Closing and
 * reopening are superseding versions of the todo entry (with and without `data.closedAt`), so
 * the log stays append-only and the history shows who closed it when.
 */
import type { NewTimelineEntry } from '../../model/incident.ts';
import { followUpState, type FollowUpState } from '../review/follow-ups.ts';
import { reviseEntry, type FollowUpView, type TimelineView, type VisibleEntryOf } from './timeline.ts';

const DAY = 86_400_000;

/** The due date in force: its own, else `defaultDays` after it was logged. */
export const effectiveDueAt = (followUp: Pick<FollowUpView, 'dueAt' | 'createdAt'>, defaultDays: number): number => followUp.dueAt ?? followUp.createdAt + defaultDays * DAY;

/**
 * The due dates a follow-up had, each in force from when the hub recorded the version setting it
 * (the first from when it was logged), defaults applied: a past week's review judges it by the
 * date it had then, not one set since.
 */
export function dueHistory(view: Pick<TimelineView, 'history'>, followUp: Pick<FollowUpView, 'id' | 'createdAt'>, defaultDays: number): { from: number; dueAt: number }[] {
  const out: { from: number; dueAt: number }[] = [];
  for (const v of view.history[followUp.id] ?? []) {
    if (v.kind !== 'todo') continue;
    const dueAt = effectiveDueAt({ dueAt: v.data.dueAt, createdAt: followUp.createdAt }, defaultDays);
    if (out.at(-1)?.dueAt !== dueAt) out.push({ from: out.length === 0 ? followUp.createdAt : Math.max(followUp.createdAt, v.recordedAt), dueAt });
  }
  return out;
}

/** Where a follow-up stands at `now`, against its due date in force. */
export const followUpStateAt = (followUp: Pick<FollowUpView, 'dueAt' | 'createdAt' | 'closedAt' | 'closedSpans'>, now: number, defaultDays: number): FollowUpState =>
  followUpState({ createdAt: followUp.createdAt, closedAt: followUp.closedAt, closedSpans: followUp.closedSpans, dueAt: effectiveDueAt(followUp, defaultDays), id: '' }, now);

/** The todo entry a follow-up id (its root, or any of its versions) names, or null. */
export function followUpEntry(view: TimelineView, id: string): VisibleEntryOf<'todo'> | null {
  const root = view.rootOf[id] ?? id;
  const entry = view.entries.find((e) => e.rootId === root);
  return entry?.kind === 'todo' ? (entry as VisibleEntryOf<'todo'>) : null;
}

/** The version that closes (`closedAt` a time) or reopens (null) a follow-up; the rest of it unchanged. */
export function followUpClosure(previous: VisibleEntryOf<'todo'>, closedAt: number | null, meta: { id: string; author: string; console: string }): NewTimelineEntry {
  const { closedAt: _was, ...data } = previous.data;
  return reviseEntry(previous, { data: closedAt === null ? data : { ...data, closedAt } }, meta);
}
