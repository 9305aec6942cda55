import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/domain/incidents/timeline.ts';
import { checkInsOwed, extendedBy } from './task-check-in.ts';

const NOW = Date.UTC(2026, 11, 6, 20, 0);
const task = (id: string, owner: string, dueAt: number | null, done = false): TaskView =>
  ({ id, entryId: id, owner, text: `task ${id}`, dueAt, acknowledgedAt: null, done, overdue: false, givenAt: NOW - 3_600_000, timeboxMs: null, doneAt: null, toil: false }) as TaskView;

describe('the check-in a task owner owes when the time box ends', () => {
  it('asks only the owner, only for open tasks past their time box, longest overdue first', () => {
    const tasks = [task('a', 'bob', NOW - 60_000), task('b', 'bob', NOW - 600_000), task('c', 'bob', NOW + 60_000), task('d', 'ann', NOW - 60_000), task('e', 'bob', NOW - 60_000, true), task('f', 'bob', null)];
    expect(checkInsOwed(tasks, 'bob', NOW).map((t) => t.id)).toEqual(['b', 'a']);
    expect(checkInsOwed(tasks, 'Bob', NOW).map((t) => t.id)).toEqual(['b', 'a']);
    expect(checkInsOwed(tasks, null, NOW)).toEqual([]);
  });

  it('gives more time from now, and counts the answer as an acknowledgement', () => {
    expect(extendedBy(NOW, 600_000)).toEqual({ dueAt: NOW + 600_000, acknowledgedAt: NOW });
  });
});
