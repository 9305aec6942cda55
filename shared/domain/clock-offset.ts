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
