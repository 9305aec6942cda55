/**
 * The scheduler on a virtual clock: vitest's fake timers move setTimeout, Date and
 * performance.now together, so every run starts exactly on its plan and the tests assert exact
 * plans, counts and lags. On real timers a loaded machine fired timers late, which broke the
 * run counts, gaps and lag bounds these tests check.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanaryScheduler, type ScheduledCheck } from './scheduler.ts';

interface Run {
  id: string;
  /** ms after the test began (virtual clock). */
  start: number;
  end?: number;
}

let scheduler: CanaryScheduler | null = null;
let t0 = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t0 = performance.now();
});
afterEach(() => {
  scheduler?.stop();
  scheduler = null;
  vi.useRealTimers();
});

/** Let `ms` of virtual time pass, settling each run's promises as its timers fire. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const elapsed = () => performance.now() - t0;

function job(id: string, intervalMs: number, runMs: number, log: Run[], jitterMs = 0): ScheduledCheck {
  return {
    id,
    intervalMs,
    jitterMs,
    run: async () => {
      const entry: Run = { id, start: elapsed() };
      log.push(entry);
      await sleep(runMs);
      entry.end = elapsed();
    },
  };
}

/** A repeatable stand-in for Math.random: these values in turn, over and over. */
function sequence(values: readonly number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

const startsOf = (log: Run[], id: string) => log.filter((e) => e.id === id).map((e) => e.start);

describe('canary scheduler', () => {
  it('spreads first runs over one interval instead of firing them together', async () => {
    const log: Run[] = [];
    // The random point each check's first run lands on: 0, 1/40, … 39/40 of the interval.
    scheduler = new CanaryScheduler({ concurrency: 100, random: sequence(Array.from({ length: 40 }, (_, i) => i / 40)) });
    scheduler.set(Array.from({ length: 40 }, (_, i) => job(`c${i}`, 600, 1, log)));
    await advance(599);
    const firsts = new Map<string, number>();
    for (const e of log) if (!firsts.has(e.id)) firsts.set(e.id, e.start);
    expect(firsts.size).toBe(40); // every check ran within one interval of the start
    // Each at its own point, 15 ms apart, not a burst at the start.
    expect([...firsts.values()].sort((a, b) => a - b).map(Math.round)).toEqual(Array.from({ length: 40 }, (_, i) => i * 15));
  });

  it('keeps a fixed rate and never overlaps a check with itself (the overdue run is skipped and counted)', async () => {
    const log: Run[] = [];
    scheduler = new CanaryScheduler({ concurrency: 10, random: () => 0 });
    scheduler.set([job('slow', 100, 250, log), job('quick', 100, 5, log)]);
    await advance(1050);
    const slow = log.filter((e) => e.id === 'slow');
    // On the 100 ms plan (a fixed delay would drift to 0, 350, 700), each after the last ended.
    expect(slow.map((e) => e.start)).toEqual([0, 300, 600, 900]);
    for (let i = 1; i < slow.length; i++) expect(slow[i]!.start).toBeGreaterThanOrEqual(slow[i - 1]!.end!);
    expect(scheduler.stats().skipped).toBe(7); // slow was still running at 100, 200, 400, 500, 700, 800 and 1000
    expect(startsOf(log, 'quick')).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('bounds the runs in flight and reports how late queued runs started', async () => {
    const starts: number[] = [];
    let inFlight = 0;
    let most = 0;
    scheduler = new CanaryScheduler({ concurrency: 2, random: () => 0 });
    scheduler.set(
      Array.from({ length: 6 }, (_, i) => ({
        id: `c${i}`,
        intervalMs: 1000,
        jitterMs: 0,
        run: async () => {
          starts.push(elapsed());
          most = Math.max(most, ++inFlight);
          await sleep(80);
          inFlight--;
        },
      })),
    );
    await advance(400);
    expect(most).toBe(2);
    // Six runs due at once, two at a time, 80 ms each: a pair at 0, 80 and 160 ms.
    expect(starts).toEqual([0, 0, 80, 80, 160, 160]);
    const stats = scheduler.stats();
    expect(stats.runs).toBe(6);
    expect(stats.concurrency).toBe(2);
    expect(stats.lagMs).toEqual({ p50: 80, p99: 160, max: 160, samples: 6 });
  });

  it('moves each run by up to ±jitter around its plan, and stops removed checks', async () => {
    const log: Run[] = [];
    // First runs at half an interval (a, then b); then a's jitter draws: -40, +39.9, +20, -20 ms, …
    scheduler = new CanaryScheduler({ concurrency: 10, random: sequence([0.5, 0.5, 0, 0.999, 0.75, 0.25]) });
    scheduler.set([job('a', 100, 1, log, 40), job('b', 100, 1, log)]);
    await advance(350);
    scheduler.set([job('b', 100, 1, log)]);
    const a = startsOf(log, 'a');
    expect(a.length).toBeGreaterThan(1);
    // Each run of a within ±40 ms of its plan (50, 150, 250 … ms), moved both ways.
    const offsets = a.map((start, k) => start - (50 + 100 * k));
    for (const off of offsets) expect(Math.abs(off)).toBeLessThanOrEqual(40);
    expect(Math.min(...offsets)).toBeLessThan(-30);
    expect(Math.max(...offsets)).toBeGreaterThan(30);
    expect(startsOf(log, 'b')).toEqual([50, 150, 250, 350]); // no jitter asked, none given

    await advance(300);
    expect(startsOf(log, 'a')).toEqual(a); // removed: no run since
    expect(startsOf(log, 'b')).toEqual([50, 150, 250, 350, 450, 550, 650]); // the one kept goes on
  });

  it('keeps running on plan when the system clock steps back an hour, and stamps runs with the clock as it now reads', async () => {
    let stepped = 0;
    const wall = () => Date.now() + stepped;
    const wall0 = wall();
    const started: number[] = [];
    scheduler = new CanaryScheduler({ concurrency: 10, random: () => 0, now: wall });
    scheduler.set([{ id: 'a', intervalMs: 100, jitterMs: 0, run: async ({ startedAt }) => void started.push(startedAt) }]);
    await advance(250);
    expect(started).toEqual([wall0, wall0 + 100, wall0 + 200]);
    stepped = -3_600_000; // NTP steps the clock back (or a VM resumes)
    await advance(500);
    // Every 100 ms still, not after an hour, each stamped with the stepped clock.
    expect(started.slice(3)).toEqual([300, 400, 500, 600, 700].map((ms) => wall0 + ms - 3_600_000));
    expect(scheduler.stats().lagMs.max).toBe(0);
  });
});
