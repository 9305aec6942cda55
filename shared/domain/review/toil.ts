/**
 * Toil as a share of time per team, against a 25% target (the seed: Google's SRE teams aim at
 * 50%, "too high for a team doing both features and reliability; rather you want to target about
 * 25%").
 *
 * Simple and honest, no guesswork: the share is toil time ÷ time, both as people logged them
 * (tasks and check-ins marked as toil, and the rest of the work they logged). When a team's
 * capacity for the period is given (people × working hours), the share is of that instead, and
 * unlogged time counts as not toil. A team with nothing logged has no share (null), not 0%.
 */

export interface WorkLog {
  readonly team: string;
  readonly person?: string;
  /** When the work started; used to pick the period. */
  readonly at: number;
  readonly durationMs: number;
  readonly toil: boolean;
}

export const TOIL_TARGET = 0.25;

export interface TeamToil {
  readonly team: string;
  readonly toilMs: number;
  /** The denominator: logged time, or the team's capacity when given. */
  readonly totalMs: number;
  readonly basis: 'logged' | 'capacity';
  readonly share: number | null;
  readonly target: number;
  readonly overTarget: boolean | null;
  readonly people: number;
}

/** Toil share per team for logs starting in [from, to) (all logs when no range), sorted by team. */
export function toilByTeam(
  logs: readonly WorkLog[],
  options: { from?: number; to?: number; target?: number; capacityMs?: Readonly<Record<string, number>> } = {},
): TeamToil[] {
  const target = options.target ?? TOIL_TARGET;
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  const teams = new Map<string, { toil: number; logged: number; people: Set<string> }>();
  for (const log of logs) {
    if (log.at < from || log.at >= to || !(log.durationMs > 0)) continue;
    let t = teams.get(log.team);
    if (!t) teams.set(log.team, (t = { toil: 0, logged: 0, people: new Set() }));
    t.logged += log.durationMs;
    if (log.toil) t.toil += log.durationMs;
    if (log.person) t.people.add(log.person.toLowerCase());
  }
  for (const team of Object.keys(options.capacityMs ?? {})) {
    if (!teams.has(team)) teams.set(team, { toil: 0, logged: 0, people: new Set() });
  }
  return [...teams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([team, t]) => {
      const capacity = options.capacityMs?.[team];
      const basis = capacity !== undefined && capacity > 0 ? 'capacity' : 'logged';
      const totalMs = basis === 'capacity' ? Math.max(capacity!, t.logged) : t.logged;
      const share = totalMs > 0 ? t.toil / totalMs : null;
      return { team, toilMs: t.toil, totalMs, basis, share, target, overTarget: share === null ? null : share > target, people: t.people.size };
    });
}

/** What an incident task tells the toil measure: who, when it was given, its time box and when it was done. */
export interface TaskTime {
  readonly owner: string;
  readonly givenAt: number;
  readonly timeboxMs: number | null;
  readonly done: boolean;
  readonly doneAt: number | null;
  readonly toil: boolean;
}

/**
 * An incident's tasks as logged work of the incident's team: a finished task counts the time from
 * being given to done, an open one its time box so far (what was asked for, no more), one with neither
 * counts nothing. Toil when someone in the room marked it so.
 */
export function taskWorkLogs(tasks: readonly TaskTime[], team: string, now: number): WorkLog[] {
  return tasks.flatMap((t) => {
    const durationMs = t.done && t.doneAt !== null ? t.doneAt - t.givenAt : t.timeboxMs !== null ? Math.min(t.timeboxMs, Math.max(0, now - t.givenAt)) : 0;
    return durationMs > 0 ? [{ team, person: t.owner, at: t.givenAt, durationMs, toil: t.toil }] : [];
  });
}
