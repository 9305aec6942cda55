/**
 * A task moves on by superseding versions, as every entry changes (the log stays append-only):
 * acknowledged on the owner's console, given more time at a check-in, done, marked toil. Those
 * versions are the task's progress, not edits of what someone wrote: the timeline does not say
 * "edited" for them and the postmortem does not list them under edits. The hub lets a task's owner
 * write them (electron/hub/incidents/rules.ts).
 */
import type { TimelineEntry } from '../../model/incident.ts';

/** The fields a version changes: "text", "pinned", "data.done"… */
export function changedFields(previous: TimelineEntry, revision: TimelineEntry): Set<string> {
  const changed = new Set<string>();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (previous.kind !== revision.kind) changed.add('kind');
  if (previous.text !== revision.text) changed.add('text');
  if (previous.occurredAt !== revision.occurredAt) changed.add('occurredAt');
  if ((previous.deleted ?? false) !== (revision.deleted ?? false)) changed.add('deleted');
  if ((previous.pinned ?? false) !== (revision.pinned ?? false)) changed.add('pinned');
  const before = previous.data as Record<string, unknown>;
  const after = revision.data as Record<string, unknown>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) changed.add(`data.${key}`);
  }
  return changed;
}

/** A task's state, as opposed to its words, owner and time box: what its progress changes (a check-in's "+10 min" moves its due time). */
export const TASK_PROGRESS: ReadonlySet<string> = new Set(['data.acknowledgedAt', 'data.dueAt', 'data.done', 'data.doneAt', 'data.toil']);

/**
 * Whether a version's time box is progress: only later (more time, as a check-in's "+10 min" gives
 * an overdue task), or a first one. Moved earlier or removed, the commander's time box is edited.
 */
export function dueMovedOn(previous: TimelineEntry, version: TimelineEntry): boolean {
  const was = (previous.data as { dueAt?: unknown }).dueAt;
  const is = (version.data as { dueAt?: unknown }).dueAt;
  if (JSON.stringify(was) === JSON.stringify(is)) return true;
  return typeof is === 'number' && (typeof was !== 'number' || is > was);
}

export type TaskStep = 'acknowledged' | 'more time' | 'done' | 'reopened' | 'marked toil' | 'no longer toil';

/** One step of a task's progress: what happened, who did it, and when (the console's time for it, else when the hub stored it). */
export interface TaskProgress {
  step: TaskStep;
  by: string;
  at: number;
}

/**
 * The steps a version of a task takes, or null when it is not progress (it changes the words, the
 * owner, the time, the pin, or deletes it: an edit).
 */
export function taskProgress(previous: TimelineEntry, version: TimelineEntry): TaskProgress[] | null {
  if (previous.kind !== 'task' || version.kind !== 'task') return null;
  const changed = changedFields(previous, version);
  if (changed.size === 0 || ![...changed].every((f) => TASK_PROGRESS.has(f)) || !dueMovedOn(previous, version)) return null;
  const was = previous.data;
  const is = version.data;
  const step = (s: TaskStep, at?: number): TaskProgress => ({ step: s, by: version.author, at: at ?? version.recordedAt });
  const steps: TaskProgress[] = [];
  if (was.acknowledgedAt === undefined && is.acknowledgedAt !== undefined) steps.push(step('acknowledged', is.acknowledgedAt));
  if (changed.has('data.dueAt') && is.dueAt !== undefined) steps.push(step('more time'));
  if (!was.done && is.done) steps.push(step('done', is.doneAt));
  if (was.done && !is.done) steps.push(step('reopened'));
  if (changed.has('data.toil')) steps.push(step(is.toil ? 'marked toil' : 'no longer toil'));
  return steps;
}
