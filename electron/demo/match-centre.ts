// The match centre: the night's score, clock and last moment as a page a war room reads from across
// the room (the demo's "Every panel type" wall embeds it). Only our own words: nothing to escape.

import { MINUTE_MS, MOMENTS, wrapLoopMs, phaseAt, type PhaseName } from './phases.ts';

export interface MatchState {
  /** "Rovers 1–1 City" */
  readonly score: string;
  /** "62′ · Second half", "Half-time", "Kick-off in 12 min", "Full time" */
  readonly clock: string;
  /** The latest key moment ("Goal – City 1–1"), or null before the first. */
  readonly last: string | null;
}

const PHASE_WORDS: Readonly<Record<PhaseName, string>> = {
  'pre-match': 'Pre-match',
  'first-half': 'First half',
  'half-time': 'Half-time',
  'second-half': 'Second half',
  'post-match': 'Full time',
};

/** The match as it stands at a scenario time (wrapped into the night). */
export function matchState(scenarioMs: number): MatchState {
  const t = wrapLoopMs(scenarioMs);
  const minute = Math.floor(t / MINUTE_MS);
  const phase = phaseAt(t).name;
  const past = MOMENTS.filter((m) => m.atMs <= t && m.name !== 'loop');
  // Goals are labelled "Goal – Rovers 1–0": the score is in the latest one.
  const lastGoal = [...past].reverse().find((m) => m.name === 'goal');
  const [home, away] = lastGoal ? /(\d+)–(\d+)$/.exec(lastGoal.label)!.slice(1) : ['0', '0'];
  const kickOff = MOMENTS.find((m) => m.name === 'kick-off')!.atMs / MINUTE_MS;
  const secondHalf = MOMENTS.find((m) => m.name === 'second-half')!.atMs / MINUTE_MS;
  const clock =
    phase === 'pre-match'
      ? `Kick-off in ${kickOff - minute} min`
      : phase === 'first-half'
        ? `${Math.min(45, minute - kickOff + 1)}′ · ${PHASE_WORDS[phase]}`
        : phase === 'second-half'
          ? `${Math.min(90, 45 + minute - secondHalf + 1)}′ · ${PHASE_WORDS[phase]}`
          : PHASE_WORDS[phase];
  return { score: `Rovers ${home}–${away} City`, clock, last: past.at(-1)?.label ?? null };
}

/** The page: dark, high contrast, the score filling the frame whatever its size (viewport units). */
export function renderMatchCentre(state: MatchState): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Match centre</title>
<style>
html, body { margin: 0; height: 100%; background: #05070a; color: #eef2f6; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; justify-content: center; align-items: center; gap: 3vh; text-align: center; overflow: hidden; }
p { margin: 0; white-space: nowrap; line-height: 1.05; }
#score { font-size: min(30vh, 11vw); font-weight: 800; }
#clock { font-size: min(19vh, 8vw); font-weight: 700; color: #7cc4ff; font-variant-numeric: tabular-nums; }
#last { font-size: min(13vh, 6vw); color: #b3bfcc; }
</style></head>
<body>
<p id="score">${state.score}</p>
<p id="clock">${state.clock}</p>
${state.last ? `<p id="last">${state.last}</p>` : ''}
</body></html>
`;
}
