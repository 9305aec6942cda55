/**
 * The check-in a task's owner owes when its time box ends: which of my open tasks are past their
 * time box (oldest first), and the choices offered — done, or more time — as the change each makes.
 */
import { samePerson, type TaskView } from '../../shared/domain/incidents/timeline.ts';

/** My open tasks whose time box has ended, the longest overdue first. */
export function checkInsOwed(tasks: readonly TaskView[], me: string | null, now: number): TaskView[] {
  if (me === null) return [];
  return tasks.filter((t) => !t.done && t.dueAt !== null && t.dueAt <= now && samePerson(t.owner, me)).sort((a, b) => a.dueAt! - b.dueAt!);
}

/** "+10 min": a new time box from now (not from the old deadline, which has passed). */
export const EXTENSIONS_MS = [10 * 60_000, 30 * 60_000] as const;

export const extendedBy = (now: number, ms: number): { dueAt: number; acknowledgedAt: number } => ({ dueAt: now + ms, acknowledgedAt: now });
