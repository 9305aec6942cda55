import { describe, expect, it } from 'vitest';
import { taskWorkLogs, toilByTeam } from './toil.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 1, 9, 10, 0);

describe('incident tasks in the toil share', () => {
  const tasks = [
    // Finished: the time from being given to done, whatever the time box said.
    { owner: 'ann', givenAt: T, timeboxMs: 10 * MIN, done: true, doneAt: T + 30 * MIN, toil: true },
    // Still open: its time box, but only as much of it as has passed.
    { owner: 'bob', givenAt: T, timeboxMs: 60 * MIN, done: false, doneAt: null, toil: false },
    // Neither a time box nor done: nothing to count.
    { owner: 'carl', givenAt: T, timeboxMs: null, done: false, doneAt: null, toil: true },
  ];

  it('counts each task’s time for the incident’s team, toil as marked', () => {
    expect(taskWorkLogs(tasks, 'edge', T + 30 * MIN)).toEqual([
      { team: 'edge', person: 'ann', at: T, durationMs: 30 * MIN, toil: true },
      { team: 'edge', person: 'bob', at: T, durationMs: 30 * MIN, toil: false },
    ]);
    expect(taskWorkLogs(tasks, 'edge', T + 3 * 60 * MIN)[1]!.durationMs).toBe(60 * MIN);
  });

  it('adds to the team’s logged work: 30 of 30 + 60 + 30 minutes is a quarter, on target', () => {
    const logged = [{ team: 'edge', person: 'dan', at: T, durationMs: 30 * MIN, toil: false }];
    const [edge] = toilByTeam([...logged, ...taskWorkLogs(tasks, 'edge', T + 2 * 60 * MIN)]);
    expect(edge).toMatchObject({ team: 'edge', toilMs: 30 * MIN, totalMs: 120 * MIN, share: 0.25, overTarget: false, people: 3 });
  });
});
