import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type TimelineEntry } from '../../model/incident.ts';
import { taskProgress } from './task-progress.ts';

const T = Date.UTC(2026, 11, 8, 2, 0);
const task = (seq: number, author: string, data: Record<string, unknown>, fields: Record<string, unknown> = {}): TimelineEntry =>
  timelineEntrySchema.parse({
    id: `01JZ${String(seq).padStart(22, '0')}`,
    incidentId: '01JZ0000000000000000000000',
    seq,
    recordedAt: T + seq * 60_000,
    occurredAt: T,
    author,
    console: 'c1',
    kind: 'task',
    text: 'restart the eu-west packagers',
    data: { owner: 'bob', timeboxMs: 300_000, dueAt: T + 300_000, ...data },
    ...fields,
  });

describe('a task’s progress', () => {
  const given = task(1, 'ann', {});
  it('names each step, by whom and when', () => {
    const acked = task(2, 'bob', { acknowledgedAt: T + 4 * 60_000 });
    expect(taskProgress(given, acked)).toEqual([{ step: 'acknowledged', by: 'bob', at: T + 4 * 60_000 }]);
    const more = task(3, 'bob', { acknowledgedAt: T + 6 * 60_000, dueAt: T + 16 * 60_000 });
    expect(taskProgress(acked, more)).toEqual([{ step: 'more time', by: 'bob', at: T + 3 * 60_000 }]);
    const done = task(4, 'carl', { acknowledgedAt: T + 6 * 60_000, dueAt: T + 16 * 60_000, done: true, doneAt: T + 9 * 60_000, toil: true });
    expect(taskProgress(more, done)?.map((p) => `${p.step} by ${p.by}`)).toEqual(['done by carl', 'marked toil by carl']);
  });

  it('is no progress when the words, owner, time box, pin or time change, or it is deleted', () => {
    expect(taskProgress(given, task(2, 'ann', {}, { text: 'restart them all' }))).toBeNull();
    expect(taskProgress(given, task(2, 'ann', { owner: 'carl' }))).toBeNull();
    expect(taskProgress(given, task(2, 'ann', { timeboxMs: 600_000, dueAt: T + 600_000 }))).toBeNull();
    expect(taskProgress(given, task(2, 'ann', {}, { pinned: true }))).toBeNull();
    // A time box moved earlier or dropped is an edit, not "more time".
    expect(taskProgress(given, task(2, 'bob', { dueAt: T + 60_000 }))).toBeNull();
    expect(taskProgress(given, task(2, 'bob', { dueAt: undefined }))).toBeNull();
    expect(taskProgress(given, task(2, 'ann', { acknowledgedAt: T }, { deleted: true }))).toBeNull();
  });
});
