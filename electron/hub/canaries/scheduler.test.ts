import { afterEach, describe, expect, it } from 'vitest';
import { CanaryScheduler, type ScheduledCheck } from './scheduler.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let scheduler: CanaryScheduler | null = null;
afterEach(() => scheduler?.stop());

function job(id: string, intervalMs: number, runMs: number, log: { id: string; start: number; end?: number }[], jitterMs = 0): ScheduledCheck {
  return {
    id,
    intervalMs,
    jitterMs,
    run: async () => {
      const entry: { id: string; start: number; end?: number } = { id, start: performance.now() };
      log.push(entry);
      await sleep(runMs);
      entry.end = performance.now();
    },
  };
}

describe('canary scheduler', () => {
  it('spreads first runs over one interval instead of firing them together', async () => {
    const log: { id: string; start: number }[] = [];
    scheduler = new CanaryScheduler({ concurrency: 100 });
    const t0 = performance.now();
    scheduler.set(Array.from({ length: 40 }, (_, i) => job(`c${i}`, 600, 1, log)));
    await sleep(650);
    const firsts = new Map<string, number>();
    for (const e of log) if (!firsts.has(e.id)) firsts.set(e.id, e.start - t0);
    expect(firsts.size).toBe(40); // every check ran within one interval of the start
    const times = [...firsts.values()].sort((a, b) => a - b);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(300); // spread, not a burst
  });

  it('keeps a fixed rate and never overlaps a check with itself (the overdue run is skipped and counted)', async () => {
    const log: { id: string; start: number; end?: number }[] = [];
    scheduler = new CanaryScheduler({ concurrency: 10, random: () => 0 });
    scheduler.set([job('slow', 100, 250, log), job('quick', 100, 5, log)]);
    await sleep(1050);
    const slow = log.filter((e) => e.id === 'slow');
    for (let i = 1; i < slow.length; i++) expect(slow[i]!.start).toBeGreaterThanOrEqual(slow[i - 1]!.end!);
    expect(scheduler.stats().skipped).toBeGreaterThan(3);
    const quick = log.filter((e) => e.id === 'quick');
    expect(quick.length).toBeGreaterThanOrEqual(9);
    expect(quick.length).toBeLessThanOrEqual(11);
  });

  it('bounds the runs in flight and reports how late queued runs started', async () => {
    const log: { id: string; start: number; end?: number }[] = [];
    let inFlight = 0;
    let most = 0;
    scheduler = new CanaryScheduler({ concurrency: 2, random: () => 0 });
    scheduler.set(
      Array.from({ length: 6 }, (_, i) => ({
        ...job(`c${i}`, 1000, 0, log),
        run: async () => {
          most = Math.max(most, ++inFlight);
          await sleep(80);
          inFlight--;
        },
      })),
    );
    await sleep(400);
    expect(most).toBe(2);
    const stats = scheduler.stats();
    expect(stats.runs).toBe(6);
    expect(stats.concurrency).toBe(2);
    // Six runs due at once, two at a time, 80 ms each: the last pair started ~160 ms late.
    expect(stats.lagMs.max).toBeGreaterThanOrEqual(140);
    expect(stats.lagMs.p50).toBeGreaterThanOrEqual(60);
  });

  it('moves each run by up to ±jitter around its plan, and stops removed checks', async () => {
    const log: { id: string; start: number }[] = [];
    scheduler = new CanaryScheduler({ concurrency: 10 });
    scheduler.set([job('a', 100, 1, log, 40), job('b', 100, 1, log)]);
    await sleep(350);
    scheduler.set([job('b', 100, 1, log)]);
    const afterRemoval = log.filter((e) => e.id === 'a').length;
    expect(afterRemoval).toBeGreaterThan(1);
    await sleep(300);
    expect(log.filter((e) => e.id === 'a').length).toBe(afterRemoval);
    const gaps = log.filter((e) => e.id === 'a').map((e, i, all) => (i === 0 ? 100 : e.start - all[i - 1]!.start));
    for (const g of gaps) expect(g).toBeLessThan(100 + 2 * 40 + 30);
  });

  it('keeps running on plan when the system clock steps back an hour, and stamps runs with the clock as it now reads', async () => {
    let stepped = 0;
    const wall = () => Date.now() + stepped;
    const started: number[] = [];
    scheduler = new CanaryScheduler({ concurrency: 10, random: () => 0, now: wall });
    scheduler.set([{ id: 'a', intervalMs: 100, jitterMs: 0, run: async ({ startedAt }) => void started.push(startedAt) }]);
    await sleep(250);
    const before = started.length;
    expect(before).toBeGreaterThanOrEqual(2);
    stepped = -3_600_000; // NTP steps the clock back (or a VM resumes)
    await sleep(520);
    const after = started.slice(before);
    expect(after.length).toBeGreaterThanOrEqual(4); // every 100 ms still, not after an hour
    for (const at of after) expect(Math.abs(at - wall())).toBeLessThan(1000);
    expect(scheduler.stats().lagMs.max).toBeLessThan(100);
  });
});
