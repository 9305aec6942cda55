/**
 * The hub's clock as seen from a screen. The hello's serverTime alone is late by however long
 * the hello took to arrive and be handled (hundreds of ms on a busy machine), and two consoles
 * late by different amounts put entries typed a moment apart in the wrong order. So the client
 * asks the hub's time a few times and keeps the quickest round trip, NTP-style: the hub read its
 * clock somewhere within that trip, so its middle is off by at most half the trip.
 */

export interface ClockSample {
  /** Local clock when the question was sent. */
  readonly sentAt: number;
  /** Local clock when the answer came. */
  readonly receivedAt: number;
  /** The hub's clock in its answer. */
  readonly serverTime: number;
}

/** Round trips asked for after each hello. */
export const CLOCK_SAMPLES = 5;

/** hub clock − local clock from the sample with the shortest round trip; null without samples. */
export function offsetFromSamples(samples: readonly ClockSample[]): { offsetMs: number; roundTripMs: number } | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (s.receivedAt < s.sentAt) continue; // the local clock stepped back mid-trip
    if (best === null || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  if (best === null) return null;
  return { offsetMs: Math.round(best.serverTime - (best.sentAt + best.receivedAt) / 2), roundTripMs: best.receivedAt - best.sentAt };
}

/**
 * How far a hello's guess may be from the timed offset and still be only late: beyond it, a clock
 * stepped (NTP after a sleep, someone setting the time). 5 s is the hello's own deadline
 * (ACK_TIMEOUT_MS): a hello later than that is reported missing, so lateness stays under it,
 * while a step smaller than it costs no more than the few ms until the new timing lands.
 */
export const CLOCK_STEP_MS = 5_000;

/**
 * The offset to use from a hello until its round trips are timed: the last timed one if there is
 * one, as the hello's guess is late by its time in the page's queue (an entry typed meanwhile
 * would be stamped with it); the guess when nothing was timed yet or when it differs by more than
 * CLOCK_STEP_MS (a clock step: the old offset is wrong by the step).
 */
export function offsetAtHello(guessMs: number, timedMs: number | null): number {
  return timedMs !== null && Math.abs(guessMs - timedMs) <= CLOCK_STEP_MS ? timedMs : guessMs;
}
