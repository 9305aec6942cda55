import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CountBucket } from '../review/slo.ts';
import { eventSloStatus, projectionSpanMs } from './event-slo.ts';
import { parsePlanText } from './plan-io.ts';
import { planWindow } from './timeline.ts';

const MIN = 60_000;
const H = 60 * MIN;

// The demo's night: a 150-minute final, its entitlement SLO at 99.9%.
const parsed = parsePlanText(readFileSync(fileURLToPath(new URL('../../../assets/templates/sports-final.yaml', import.meta.url)), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const final = parsed.plan;
const W = planWindow(final);
const entitlement = final.slos.find((s) => s.id === 'entitlement')!;

/** A bucket a minute from `from` until `to`: 1,000 requests, `failing` of them bad from minute `outageFrom` of the event. */
function minutes(from: number, to: number, outageFrom: number, failing: number): CountBucket[] {
  const out: CountBucket[] = [];
  for (let m = from; m < to; m++) out.push({ t: W.startMs + m * MIN, total: 1000, good: m >= outageFrom ? 1000 - failing : 1000 });
  return out;
}

describe('how much of an event its budget is projected from', () => {
  it('needs a tenth of the event, at least 15 minutes, at most an hour or the event', () => {
    expect(W.endMs - W.startMs).toBe(150 * MIN);
    expect(projectionSpanMs(150 * MIN)).toBe(15 * MIN);
    expect(projectionSpanMs(4 * H)).toBe(24 * MIN);
    expect(projectionSpanMs(10 * MIN)).toBe(10 * MIN);
    expect(projectionSpanMs(60 * H)).toBe(60 * MIN); // a weekend: "too early" for an hour, not six
  });

  it('says it is too early from 3 minutes of data (a Prometheus started at the outage), and pages all the same', () => {
    // Counted from minute 94; at minute 97, two minutes into an outage failing half the requests.
    const status = eventSloStatus(final, entitlement, minutes(94, 97, 95, 500), W.startMs + 97 * MIN);
    expect(status.coveredMs).toBe(3 * MIN);
    expect(status.neededMs).toBe(15 * MIN);
    expect(status.tooEarly).toBe(true);
    expect(status.alerts.state).toBe('page');
  });

  it('projects once 15 minutes of the event are counted', () => {
    const status = eventSloStatus(final, entitlement, minutes(94, 109, 95, 500), W.startMs + 109 * MIN);
    expect(status.coveredMs).toBe(15 * MIN);
    expect(status.tooEarly).toBe(false);
    expect(status.budget.remaining).toBeLessThan(0);
  });

  it('is too early in the first quarter hour of an event counted from its start, and not once events are missing', () => {
    expect(eventSloStatus(final, entitlement, minutes(0, 14, 999, 0), W.startMs + 14 * MIN).tooEarly).toBe(true);
    expect(eventSloStatus(final, entitlement, minutes(0, 15, 999, 0), W.startMs + 15 * MIN).tooEarly).toBe(false);
    // Nothing counted is "no data", not "too early".
    expect(eventSloStatus(final, entitlement, [], W.startMs + 5 * MIN).tooEarly).toBe(false);
  });
});
