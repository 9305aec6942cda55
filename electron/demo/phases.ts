// The script of a match night: phases, key moments and the outage window.
// Times are scenario time relative to the start of the night (at speed 1 they are real minutes).
// The night lasts LOOP_MS and then starts again, so a demo wall can run for days.
// Other features (event plans, tests) read these tables rather than repeating the numbers.

export const MINUTE_MS = 60_000;

/** Length of one match night; scenario time wraps around after it. */
export const LOOP_MS = 150 * MINUTE_MS;

export type PhaseName = 'pre-match' | 'first-half' | 'half-time' | 'second-half' | 'post-match';

export interface Phase {
  readonly name: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
  readonly description: string;
}

export const PHASES: readonly Phase[] = [
  { name: 'pre-match', startMs: 0, endMs: 20 * MINUTE_MS, description: 'Audience ramps up from the evening baseline towards kick-off.' },
  { name: 'first-half', startMs: 20 * MINUTE_MS, endMs: 65 * MINUTE_MS, description: 'Kick-off surge, then a full house.' },
  { name: 'half-time', startMs: 65 * MINUTE_MS, endMs: 80 * MINUTE_MS, description: 'Viewers drift away, then surge back for the second half.' },
  { name: 'second-half', startMs: 80 * MINUTE_MS, endMs: 125 * MINUTE_MS, description: 'Peak audience; the entitlement outage hits mid-way.' },
  { name: 'post-match', startMs: 125 * MINUTE_MS, endMs: LOOP_MS, description: 'Final whistle, then the exodus back to the baseline.' },
];

export const PHASE_NAMES: readonly PhaseName[] = PHASES.map((p) => p.name);

/**
 * The scripted outage: the entitlement API answers 403 to 35–60% of requests; playback errors
 * (drm_license) and customer complaints rise with it, login failures rise a bit.
 */
export const OUTAGE_WINDOW = {
  startMs: 95 * MINUTE_MS,
  endMs: 103 * MINUTE_MS,
  description: 'Entitlement API returns HTTP 403 for 35–60% of requests.',
} as const;

export type MomentName =
  | 'kick-off'
  | 'goal'
  | 'half-time'
  | 'second-half'
  | 'outage-start'
  | 'outage-end'
  | 'final-whistle'
  | 'loop';

export interface Moment {
  readonly name: MomentName;
  readonly atMs: number;
  readonly label: string;
}

/** Key moments of the night, in order (goals only move the chatter, not the traffic). */
export const MOMENTS: readonly Moment[] = [
  { name: 'kick-off', atMs: 20 * MINUTE_MS, label: 'Kick-off' },
  { name: 'goal', atMs: 38 * MINUTE_MS, label: 'Goal – Rovers 1–0' },
  { name: 'half-time', atMs: 65 * MINUTE_MS, label: 'Half-time' },
  { name: 'second-half', atMs: 80 * MINUTE_MS, label: 'Second half kick-off' },
  { name: 'goal', atMs: 91 * MINUTE_MS, label: 'Goal – City 1–1' },
  { name: 'outage-start', atMs: OUTAGE_WINDOW.startMs, label: 'Entitlement 403s begin' },
  { name: 'outage-end', atMs: OUTAGE_WINDOW.endMs, label: 'Entitlement recovered' },
  { name: 'goal', atMs: 117 * MINUTE_MS, label: 'Goal – Rovers 2–1' },
  { name: 'final-whistle', atMs: 125 * MINUTE_MS, label: 'Final whistle' },
  { name: 'loop', atMs: LOOP_MS, label: 'Night starts again' },
];

/** Wrap any scenario time (even negative) into [0, LOOP_MS). */
export function wrapLoopMs(scenarioMs: number): number {
  const t = scenarioMs % LOOP_MS;
  return t < 0 ? t + LOOP_MS : t;
}

/** The phase at a scenario time (wrapped into the loop first). */
export function phaseAt(scenarioMs: number): Phase {
  const t = wrapLoopMs(scenarioMs);
  for (const phase of PHASES) {
    if (t < phase.endMs) return phase;
  }
  return PHASES[PHASES.length - 1]!;
}

/** Whether the scripted outage is on at a scenario time (wrapped into the loop first). */
export function inScriptedOutage(scenarioMs: number): boolean {
  const t = wrapLoopMs(scenarioMs);
  return t >= OUTAGE_WINDOW.startMs && t < OUTAGE_WINDOW.endMs;
}
