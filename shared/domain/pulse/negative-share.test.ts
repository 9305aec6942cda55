/**
 * The negative share against its usual share, on a series shaped like the demo's outage and its
 * aftermath: posts fed to a real PulseAggregator, a SpikeMonitor ticking 5 s after each minute
 * closes (as the hub's does), the share of the last 5 minutes held against the detector's baseline.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE_MS, PulseAggregator, type PulseSample } from './aggregate.ts';
import { negativeShareRaised } from './negative-share.ts';
import { SpikeMonitor } from './spike.ts';

const T0 = Date.UTC(2026, 11, 6, 19, 0, 0);
const post = (author: string, at: number, negative: boolean): PulseSample => ({
  createdAt: at,
  author,
  sentiment: negative
    ? { label: 'negative', topics: ['access'], drivers: [{ term: '403', weight: -1.8 }] }
    : { label: 'neutral', topics: [], drivers: [] },
});

/** The demo's outage minutes (posts; ~95 % of them complaints), after 20 calm minutes. */
const OUTAGE = [59, 131, 103, 75, 131, 103, 75, 98];
const OUTAGE_START = 20;

type Verdict = 'spike' | 'elevated' | 'normal';

/** Per minute from the outage's start: what the pulse would say, and the last 5 minutes' share. */
function run(aftermath: (minute: number) => { posts: number; negative: number }, minutes = 50): { verdict: Verdict; share: number; usual: number | null }[] {
  const aggregator = new PulseAggregator();
  const monitor = new SpikeMonitor(aggregator);
  monitor.startAt(T0);
  const out: { verdict: Verdict; share: number; usual: number | null }[] = [];
  let author = 0;
  for (let m = 0; m < minutes; m++) {
    const outage = OUTAGE[m - OUTAGE_START];
    // Before: 4 posts a minute, one of them a complaint (25 %), as the demo's match minutes.
    const { posts, negative } = outage !== undefined ? { posts: outage, negative: Math.round(outage * 0.95) } : m < OUTAGE_START ? { posts: 4, negative: 1 } : aftermath(m - OUTAGE_START - OUTAGE.length);
    for (let i = 0; i < posts; i++) aggregator.add(post(`u${author++ % 240}`, T0 + m * MINUTE_MS + Math.floor(((i + 0.5) / posts) * MINUTE_MS), i < negative), T0 + (m + 1) * MINUTE_MS);
    const now = T0 + (m + 1) * MINUTE_MS + 5_000;
    monitor.tick(now);
    if (m < OUTAGE_START) continue;
    const last5 = aggregator.range(T0 + (m - 4) * MINUTE_MS, T0 + (m + 1) * MINUTE_MS);
    const volume = last5.reduce((n, b) => n + b.volume, 0);
    const neg = last5.reduce((n, b) => n + b.negative, 0);
    const usual = monitor.detector.baseline.share;
    const verdict: Verdict = monitor.detector.active ? 'spike' : negativeShareRaised(neg, volume, usual) ? 'elevated' : 'normal';
    out.push({ verdict, share: neg / volume, usual });
  }
  return out;
}

describe('the negative share against its usual share', () => {
  it('after the demo outage, with calm posts again: the spike clears and "normal" is true (the usual share is not the outage\'s)', () => {
    // The demo's relief wave: 18 posts a minute falling to 4, one in ten negative.
    const minutes = run((k) => {
      const posts = Math.max(4, Math.round(18 * Math.exp(-k / 4)));
      return { posts, negative: k % 3 === 0 ? 1 : 0 };
    });
    expect(minutes.slice(0, OUTAGE.length).every((m) => m.verdict === 'spike')).toBe(true);
    const after = minutes.slice(OUTAGE.length);
    const cleared = after.findIndex((m) => m.verdict !== 'spike');
    expect(cleared).toBeGreaterThan(0);
    expect(cleared).toBeLessThanOrEqual(4);
    // Never "normal" beside a mostly negative share: while the last 5 minutes still hold the
    // outage's last minutes the share says so ("elevated"); once they do not, normal.
    for (const m of after) if (m.share >= 0.5) expect(m.verdict).not.toBe('normal');
    for (const m of after.slice(4)) expect(m.verdict).toBe('normal');
    expect(after.at(-1)!.usual).toBeLessThan(0.3);
  });

  it('after the outage, with the posts still angry but too few for a spike: "elevated", not "normal"', () => {
    // 5 posts a minute, 3 of them complaints: under the spike's clearing count (4), 60 % against 25 %.
    const minutes = run(() => ({ posts: 5, negative: 3 }));
    const after = minutes.slice(OUTAGE.length);
    const cleared = after.findIndex((m) => m.verdict !== 'spike');
    expect(cleared).toBeGreaterThan(0);
    for (const m of after.slice(cleared)) {
      expect(m.verdict).toBe('elevated');
      expect(m.usual).toBeCloseTo(0.25, 1);
    }
    expect(after.at(-1)!.share).toBeCloseTo(0.6, 5);
  });

  it('a share that stays up for hours becomes the usual one after an hour: amber for an hour, not for days', () => {
    const minutes = run(() => ({ posts: 5, negative: 3 }), 200);
    const after = minutes.slice(OUTAGE.length);
    const cleared = after.findIndex((m) => m.verdict !== 'spike');
    const elevated = after.filter((m) => m.verdict === 'elevated').length;
    // Elevated for the hour it is kept out of the baseline, and the minutes the baseline takes to follow.
    expect(elevated).toBeGreaterThanOrEqual(55);
    expect(elevated).toBeLessThan(90);
    expect(after.slice(cleared, cleared + 55).every((m) => m.verdict === 'elevated')).toBe(true);
    expect(after.slice(-60).every((m) => m.verdict === 'normal')).toBe(true);
    expect(after.at(-1)!.usual).toBeGreaterThan(0.5);
  });

  it('is not raised by a handful of angry posts at night, a small rise, or a surge at the usual share', () => {
    expect(negativeShareRaised(3, 3, 0.25)).toBe(false); // three angry posts at 4 a.m.
    expect(negativeShareRaised(14, 40, 0.25)).toBe(false); // 35 % against 25 %: a sliver
    expect(negativeShareRaised(50, 200, 0.25)).toBe(false); // a kick-off surge, the same share
    expect(negativeShareRaised(30, 40, null)).toBe(false); // nothing usual to hold it against yet
    expect(negativeShareRaised(15, 25, 0.25)).toBe(true);
    expect(negativeShareRaised(89, 100, 0.3)).toBe(true);
  });
});
