import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { panelValue } from '../../shared/domain/panel-value.ts';
import { scrapeQuerySchema } from '../../shared/model/workspace.ts';
import { evaluate, type Scrape } from '../hub/sources/scrape/evaluate.ts';
import { IDX, LATENCY_BUCKETS, SERIES, SERVICES } from './model.ts';
import { LOOP_MS, MINUTE_MS, MOMENTS, OUTAGE_WINDOW, PHASES, phaseAt } from './phases.ts';
import { PostStream } from './posts.ts';
import { KNOT_MS, Scenario } from './scenario.ts';

const M = MINUTE_MS;

/** The part of the demo workspace these tests read. */
interface DemoWorkspace {
  walls: { panels?: { id: string; query?: unknown; thresholds?: { value: number | null; state: string }[] }[] }[];
}
/** Wall time at which test scenarios start. */
const T0 = 1_700_000_000_000;

/** Sum of the values of the series matching a name and label filter. */
function total(values: Float64Array, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const s of SERIES) {
    if (s.name !== name) continue;
    if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) sum += values[s.index]!;
  }
  return sum;
}

/** A speed-1 scenario started at minute 0: wall offset = scenario time. */
function night(seed = 1): Scenario {
  return new Scenario({ seed, speed: 1, nowMs: T0 });
}

const streamsAt = (s: Scenario, minute: number): number => total(s.rates(T0 + minute * M), 'mc_concurrent_streams');

function share403(s: Scenario, minute: number, service: string): number {
  const r = s.rates(T0 + minute * M);
  return total(r, 'mc_http_requests_total', { service, code: '403' }) / total(r, 'mc_http_requests_total', { service });
}

describe('phase table', () => {
  it('covers the loop with contiguous phases in order', () => {
    expect(PHASES.map((p) => p.name)).toEqual(['pre-match', 'first-half', 'half-time', 'second-half', 'post-match']);
    expect(PHASES[0]!.startMs).toBe(0);
    expect(PHASES[PHASES.length - 1]!.endMs).toBe(LOOP_MS);
    for (let i = 1; i < PHASES.length; i++) expect(PHASES[i]!.startMs).toBe(PHASES[i - 1]!.endMs);
    for (const p of PHASES) expect(p.endMs).toBeGreaterThan(p.startMs);
  });

  it('has the scripted times and moments in order', () => {
    expect(MOMENTS.find((m) => m.name === 'kick-off')!.atMs).toBe(20 * M);
    expect(MOMENTS.find((m) => m.name === 'final-whistle')!.atMs).toBe(125 * M);
    for (let i = 1; i < MOMENTS.length; i++) expect(MOMENTS[i]!.atMs).toBeGreaterThanOrEqual(MOMENTS[i - 1]!.atMs);
    expect(OUTAGE_WINDOW).toMatchObject({ startMs: 95 * M, endMs: 103 * M });
    expect(phaseAt(OUTAGE_WINDOW.startMs).name).toBe('second-half');
    expect(phaseAt(LOOP_MS + 21 * M).name).toBe('first-half');
    expect(phaseAt(-1).name).toBe('post-match');
  });
});

describe('traffic shape', () => {
  const s = night();

  it('ramps from a ~150k baseline to ~1.2M at kick-off', () => {
    expect(streamsAt(s, 0)).toBeGreaterThan(120_000);
    expect(streamsAt(s, 0)).toBeLessThan(180_000);
    expect(streamsAt(s, 23)).toBeGreaterThan(1_100_000);
    expect(streamsAt(s, 23)).toBeLessThan(1_300_000);
    expect(streamsAt(s, 23)).toBeGreaterThan(5 * streamsAt(s, 1));
  });

  it('puts ~60% of viewers in af-south', () => {
    const r = s.rates(T0 + 50 * M);
    const share = total(r, 'mc_concurrent_streams', { region: 'af-south' }) / total(r, 'mc_concurrent_streams');
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.65);
  });

  it('dips at half-time and surges back for the second half', () => {
    expect(streamsAt(s, 72)).toBeLessThan(0.75 * streamsAt(s, 60));
    expect(streamsAt(s, 83)).toBeGreaterThan(1.3 * streamsAt(s, 72));
  });

  it('empties out after the final whistle', () => {
    expect(streamsAt(s, 145)).toBeLessThan(0.3 * streamsAt(s, 120));
  });

  it('strains the platform at surges: lower CDN hit ratio, slower requests', () => {
    const hitRatio = (minute: number): number => {
      const r = s.rates(T0 + minute * M);
      return total(r, 'mc_cdn_requests_total', { result: 'hit' }) / total(r, 'mc_cdn_requests_total');
    };
    expect(hitRatio(50)).toBeGreaterThan(0.94);
    expect(hitRatio(15)).toBeLessThan(hitRatio(50) - 0.02); // kick-off ramp
    const meanLatency = (minute: number): number => {
      const r = s.rates(T0 + minute * M);
      return total(r, 'mc_request_duration_seconds_sum', { service: 'api' }) / total(r, 'mc_request_duration_seconds_count', { service: 'api' });
    };
    expect(meanLatency(15)).toBeGreaterThan(1.3 * meanLatency(50));
  });
});

describe('the outage', () => {
  const s = night();

  it('denies entitlement with 403 only inside the window', () => {
    for (const minute of [1, 30, 70, 90, 94.9, 103.05, 110, 140]) expect(share403(s, minute, 'entitlement')).toBeLessThan(0.01);
    for (const minute of [95.6, 96.5, 98, 99.3, 100, 101.7, 102.4]) {
      expect(share403(s, minute, 'entitlement')).toBeGreaterThan(0.3);
      expect(share403(s, minute, 'entitlement')).toBeLessThan(0.65);
    }
    expect(s.isOutage(T0 + 94.9 * M)).toBe(false);
    expect(s.isOutage(T0 + 95 * M)).toBe(true);
    expect(s.isOutage(T0 + 103 * M)).toBe(false);
  });

  it("keeps the evening's entitlement 403s under the demo wall's warning, so only the outage raises it", () => {
    const panels = (parse(readFileSync('assets/demo/workspace.yaml', 'utf8')) as DemoWorkspace).walls.flatMap((w) => w.panels ?? []);
    const warning = panels.find((p) => p.id === 'entitlement-403')!.thresholds!.find((t) => t.state === 'warning')!.value!;
    const rate403 = (minute: number): number =>
      total(s.rates(T0 + minute * M), 'mc_http_requests_total', { service: 'entitlement', code: '403' });
    for (let minute = 0; minute < LOOP_MS / M; minute += 0.5) {
      if (minute >= OUTAGE_WINDOW.startMs / M - 0.5 && minute <= OUTAGE_WINDOW.endMs / M + 1) continue;
      expect(rate403(minute), `minute ${minute}`).toBeLessThan(0.8 * warning);
    }
    expect(rate403(98)).toBeGreaterThan(warning);
  });

  it("keeps entitlement's evening errors well inside the demo plan's 99.9%, surges included", () => {
    const errorShare = (minute: number): number => {
      const r = s.rates(T0 + minute * M);
      return 1 - total(r, 'mc_http_requests_total', { service: 'entitlement', code: '200' }) / total(r, 'mc_http_requests_total', { service: 'entitlement' });
    };
    for (const minute of [1, 30, 50, 90, 110, 140]) expect(errorShare(minute), `minute ${minute}`).toBeLessThan(0.0005);
    for (const minute of [14, 19, 76, 79]) expect(errorShare(minute), `surge at minute ${minute}`).toBeLessThan(0.002);
    expect(errorShare(98)).toBeGreaterThan(0.3);
  });

  it('raises playback errors a lot and login failures a bit', () => {
    const drm = (minute: number): number =>
      total(s.rates(T0 + minute * M), 'mc_playback_errors_total', { error: 'drm_license' });
    expect(drm(99)).toBeGreaterThan(20 * drm(90));
    expect(share403(s, 99, 'login')).toBeGreaterThan(share403(s, 90, 'login') + 0.03);
    expect(share403(s, 99, 'login')).toBeLessThan(0.2);
  });

  it('can be forced on and off, and back to the script', () => {
    const f = night();
    f.setOutageMode('force-on', T0 + 30 * M);
    expect(f.isOutage(T0 + 31 * M)).toBe(true);
    expect(share403(f, 31, 'entitlement')).toBeGreaterThan(0.3);
    f.setOutageMode('force-off', T0 + 32 * M);
    expect(share403(f, 98, 'entitlement')).toBeLessThan(0.01);
    expect(f.isOutage(T0 + 98 * M)).toBe(false);
    f.setOutageMode('scripted', T0 + 33 * M);
    expect(share403(f, 98, 'entitlement')).toBeGreaterThan(0.3);
  });
});

describe('counters', () => {
  it('are monotonic across arbitrary steps, jumps and outage overrides', () => {
    const s = new Scenario({ seed: 7, speed: 13, nowMs: T0 });
    let now = T0;
    let previous = s.counters(now);
    let x = 12345;
    for (let i = 0; i < 400; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      now += [1, 250, 4_000, 60_000, 3_600_000][x % 5]! * (1 + (x % 7));
      if (i === 100) s.jumpToMinutes(96, now);
      if (i === 150) s.jumpToMinutes(5, now); // backwards in scenario time
      if (i === 200) s.setOutageMode('force-on', now);
      if (i === 250) s.setOutageMode('scripted', now);
      const current = s.counters(now);
      for (const series of SERIES) {
        if (series.kind === 'counter') expect(current[series.index]!).toBeGreaterThanOrEqual(previous[series.index]!);
      }
      previous = current;
    }
  });

  it('equal the integral of the rates over real time (at any speed)', () => {
    for (const speed of [1, 60]) {
      const s = new Scenario({ seed: 3, speed, startAtMinutes: 90, nowMs: T0 });
      const from = T0 + 17_000;
      const to = from + (speed === 1 ? 1200_000 : 30_000); // through the outage at speed 60
      const step = KNOT_MS / speed / 10; // a tenth of a knot: the trapezoid rule is exact on the knots
      const integral = new Float64Array(SERIES.length);
      let before = s.rates(from);
      for (let i = 1; from + i * step <= to + 1e-6; i++) {
        const after = s.rates(from + i * step);
        for (let i = 0; i < integral.length; i++) integral[i] = integral[i]! + ((before[i]! + after[i]!) / 2) * (step / 1000);
        before = after;
      }
      const start = s.counters(from);
      const end = s.counters(to);
      for (const series of SERIES) {
        if (series.kind !== 'counter') continue;
        const delta = end[series.index]! - start[series.index]!;
        expect(Math.abs(delta - integral[series.index]!)).toBeLessThanOrEqual(1e-6 * Math.abs(integral[series.index]!) + 1e-6);
      }
    }
  });

  it('grow by the realistic per-second rate whatever the speed', () => {
    const slow = new Scenario({ seed: 1, speed: 1, startAtMinutes: 50, nowMs: T0 });
    const fast = new Scenario({ seed: 1, speed: 600, startAtMinutes: 50, nowMs: T0 });
    const perSecond = (s: Scenario): number =>
      total(s.counters(T0 + 1000), 'mc_http_requests_total') - total(s.counters(T0), 'mc_http_requests_total');
    // one real second is one scenario second in one and ten scenario minutes in the other: similar rates
    expect(perSecond(fast) / perSecond(slow)).toBeGreaterThan(0.8);
    expect(perSecond(fast) / perSecond(slow)).toBeLessThan(1.25);
  });

  it('keep the latency histogram consistent with the requests', () => {
    const s = night();
    for (const minute of [3, 21, 72, 99, 130]) {
      const r = s.rates(T0 + minute * M);
      const c = s.counters(T0 + minute * M);
      SERVICES.forEach((service, k) => {
        for (const values of [r, c]) {
          const requests = total(values, 'mc_http_requests_total', { service });
          expect(values[IDX.count[k]!]!).toBeCloseTo(requests, 3);
          const buckets = IDX.bucket[k]!.map((i) => values[i]!);
          expect(buckets).toHaveLength(LATENCY_BUCKETS.length + 1);
          for (let b = 1; b < buckets.length; b++) expect(buckets[b]!).toBeGreaterThanOrEqual(buckets[b - 1]!);
          expect(buckets[buckets.length - 1]!).toBeCloseTo(values[IDX.count[k]!]!, 3);
        }
      });
    }
  });
});

describe('determinism and looping', () => {
  it('gives the same numbers for the same seed, different ones for another seed', () => {
    const a = night(42);
    const b = night(42);
    const c = night(43);
    for (const minute of [0.5, 33, 97.3]) {
      const t = T0 + minute * M;
      expect([...a.rates(t)]).toEqual([...b.rates(t)]);
      expect([...a.counters(t)]).toEqual([...b.counters(t)]);
      expect([...a.rates(t)]).not.toEqual([...c.rates(t)]);
    }
  });

  it('wraps scenario time and repeats the night', () => {
    const s = night();
    const t = T0 + 2 * LOOP_MS + 21 * M;
    expect(s.scenarioTimeMs(t)).toBeCloseTo(21 * M, 3);
    expect(s.loopIndex(t)).toBe(2);
    expect(s.phase(t).name).toBe('first-half');
    expect([...s.rates(t)]).toEqual([...s.rates(T0 + 21 * M)]);
    // seamless at the loop boundary
    const before = streamsAt(s, 150 - 1 / 600);
    const after = streamsAt(s, 150 + 1 / 600);
    expect(Math.abs(after - before) / before).toBeLessThan(0.02);
    // counters keep growing: the second night adds what the first one did
    const http = (ms: number): number => total(s.counters(T0 + ms), 'mc_http_requests_total');
    expect(http(2 * LOOP_MS) - http(LOOP_MS)).toBeCloseTo(http(LOOP_MS) - http(0), -2);
  });

  it('starts at the requested minute and runs at the requested speed', () => {
    const s = new Scenario({ speed: 60, startAtMinutes: 95, nowMs: T0 });
    expect(s.scenarioTimeMs(T0)).toBe(95 * M);
    expect(s.scenarioTimeMs(T0 + 1000)).toBe(96 * M);
    expect(s.isOutage(T0 + 1000)).toBe(true);
    expect(s.scenarioTimeMs(T0 - 5000)).toBe(95 * M); // never runs backwards
  });

  it('rejects bad options', () => {
    expect(() => new Scenario({ speed: 0 })).toThrow(/speed/);
    expect(() => new Scenario({ speed: Number.NaN })).toThrow(/speed/);
    expect(() => new Scenario({ seed: 1.5 })).toThrow(/seed/);
    expect(() => new Scenario({ startAtMinutes: -1 })).toThrow(/startAtMinutes/);
    expect(() => night().jumpToMinutes(-3, T0)).toThrow(/minutes/);
  });
});

describe('customer posts', () => {
  it('are calm before kick-off and angry during the outage, with increasing ids', () => {
    const s = new Scenario({ seed: 5, speed: 60, startAtMinutes: 5, nowMs: T0 });
    const posts = new PostStream(s, { nowMs: T0, capacity: 5000 });
    posts.sync(T0 + 10_000); // minutes 5–15
    const calm = posts.list().filter((p) => p.scenarioMs > 5 * M && p.scenarioMs < 16 * M); // not the backlog
    expect(calm.length).toBeGreaterThan(15);
    expect(calm.every((p) => p.mood === 'pre-match')).toBe(true);

    s.jumpToMinutes(96, T0 + 10_000);
    posts.sync(T0 + 10_000);
    const before = posts.total;
    posts.sync(T0 + 15_000); // minutes 96–101: the storm
    const storm = posts.list().slice(before - posts.total);
    expect(storm.length).toBeGreaterThan(300); // 60–140 per scenario minute
    expect(storm.filter((p) => p.mood === 'angry').length / storm.length).toBeGreaterThan(0.8);
    expect(storm.some((p) => p.text.includes('403'))).toBe(true);

    const ids = posts.list().map((p) => p.idValue);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('are the same for the same seed and kept in a bounded ring', () => {
    const make = (): PostStream => {
      const s = new Scenario({ seed: 9, speed: 600, startAtMinutes: 90, nowMs: T0 });
      const p = new PostStream(s, { nowMs: T0, capacity: 100 });
      p.sync(T0 + 2_000);
      return p;
    };
    const a = make();
    const b = make();
    expect(a.list()).toHaveLength(100);
    expect(a.total).toBeGreaterThan(100);
    expect(a.list().map((p) => [p.text, p.account.username])).toEqual(b.list().map((p) => [p.text, p.account.username]));
  });
});

describe("the demo workspace's panels", () => {
  it("shows the slowest service's p99 on the 'Worst p99 latency' gauge, as high as the by-service chart's top line", () => {
    const panels = (parse(readFileSync('assets/demo/workspace.yaml', 'utf8')) as DemoWorkspace).walls.flatMap((w) => w.panels ?? []);
    const queryOf = (id: string) => scrapeQuerySchema.parse(panels.find((p) => p.id === id)!.query);
    // Two scrapes, 30 s apart, at minute 99 of the outage (login and playback slow, the api not).
    const s = night();
    const scrapeAt = (minute: number): Scrape => {
      const values = s.counters(T0 + minute * M);
      const byName = new Map<string, { name: string; labels: Record<string, string>; value: number }[]>();
      for (const series of SERIES) byName.set(series.name, [...(byName.get(series.name) ?? []), { name: series.name, labels: series.labels, value: values[series.index]! }]);
      return { at: T0 + minute * M, byName };
    };
    const history = [scrapeAt(98.5), scrapeAt(99)];
    const gauge = queryOf('api-p99-gauge');
    const byService = evaluate(queryOf('latency-p99'), history);
    const slowest = Math.max(...byService.map((x) => x.value));
    expect(panelValue({ series: evaluate(gauge, history).map((x) => ({ name: '', labels: x.labels, points: [[0, x.value]] })) }, gauge.aggregate)).toBeCloseTo(slowest, 6);
  });
});
