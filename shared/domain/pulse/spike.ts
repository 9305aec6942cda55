/**
 * Complaint-spike detection: is the number of people complaining right now far above its own
 * recent baseline? Evaluated once per closed minute (per-minute buckets from aggregate.ts); the
 * window is read again each minute, so posts that arrive late (a feed polled every minute or two)
 * still count, and the baseline learns a minute only as it leaves the window.
 *
 * Baseline: an EWMA of complaints per minute (λ = 0.1, a half-life of ~6.6 minutes; the plain
 * running mean over the first minutes) with an EWMA of its variance. It is frozen while a spike is
 * on, and it does not learn the minutes of the burst that were in the window when the spike was
 * raised (its onset), so a long outage is not absorbed into "normal"; nor a minute whose negative
 * share over the window is well above the usual one without a spike (negative-share.ts).
 *
 * A window of the last w minutes (1, 2 and 5) with c complaints against e = w·μ expected fires when
 * ALL of these hold:
 * - c ≥ minComplaints — three posts at 4 a.m. are not a spike, whatever the ratio;
 * - c / e ≥ minRatio — a real multiple of normal, not noise on a busy evening;
 * - z ≥ minZ, with z = 2(√(c + 3/8) − √(e + 3/8)) / √φ: Anscombe's transform makes a Poisson
 *   count's standard deviation ≈ 1 at any mean, so small counts are judged by Poisson's heavy tail
 *   and not a normal one (12 where 4 are usual is not 4σ); φ = σ²/μ is the dispersion beyond
 *   Poisson the baseline has shown, floored at (0.25·μ)²/μ (real traffic is overdispersed: a
 *   steady 100/min wanders by more than ±10);
 * - the negative share rose with it (a z-test of the window's negative posts against the baseline
 *   share, ≥ minShareZ): a kick-off surge brings five times the posts and five times the
 *   complaints at an unchanged share, and is not an incident.
 * The μ used is floored at baselineFloor complaints/min so a silent night does not make 2 posts a
 * "∞× spike". No alerts in the first warmupMinutes (unless primed with history).
 *
 * A spike clears after clearMinutes quiet minutes in a row (under clearRatio × baseline, or under
 * clearMinCount complaints). A spike explains itself in words:
 * "complaints 6.2× baseline over 5 min (62 vs 10 expected); top: 403, can't log in; …".
 */
import { MINUTE_MS, summarise, type MinuteBucket } from './aggregate.ts';
import type { ComplaintTopic } from '../sentiment/index.ts';
import { negativeShareRaised, shareRiseZ } from './negative-share.ts';

export interface SpikeOptions {
  /** Window lengths tested, in minutes. Default [1, 2, 5]. */
  windows?: readonly number[];
  /** Complaints (distinct authors) needed in a window. Default 8. */
  minComplaints?: number;
  /** Observed / expected needed. Default 3. */
  minRatio?: number;
  /** Standard scores needed. Default 4. */
  minZ?: number;
  /** Standard scores the negative share must rise by; null turns the share guard off. Default 3.5. */
  minShareZ?: number | null;
  /** EWMA weight of a new minute. Default 0.1. */
  lambda?: number;
  /** Lowest baseline used, complaints per minute. Default 0.5. */
  baselineFloor?: number;
  /** Lowest standard deviation, as a fraction of the baseline. Default 0.25. */
  relativeSdFloor?: number;
  /** Minutes observed before any alert. Default 10. */
  warmupMinutes?: number;
  /** Quiet minutes in a row that clear a spike. Default 3. */
  clearMinutes?: number;
  /** A minute under this multiple of the baseline is quiet. Default 2. */
  clearRatio?: number;
  /** A minute with fewer complaints than this is quiet. Default 4. */
  clearMinCount?: number;
  /**
   * Minutes in a row a negative share well above the usual one (without a spike) is kept out of
   * the baseline; after that it is the new usual and is learned (a price rise, a lost final:
   * the room is told for an hour, not amber for days). Default 60.
   */
  shareAdaptMinutes?: number;
}

export const DEFAULT_SPIKE_OPTIONS: Readonly<Required<SpikeOptions>> = Object.freeze({
  windows: Object.freeze([1, 2, 5]),
  minComplaints: 8,
  minRatio: 3,
  minZ: 4,
  minShareZ: 3.5,
  lambda: 0.1,
  baselineFloor: 0.5,
  relativeSdFloor: 0.25,
  warmupMinutes: 10,
  clearMinutes: 3,
  clearRatio: 2,
  clearMinCount: 4,
  shareAdaptMinutes: 60,
});

export interface Spike {
  /** Stable while the spike lasts: `spike-<startedAt>`. */
  id: string;
  /** Start of the window that raised it (epoch ms). */
  startedAt: number;
  /** End of the minute in which it was raised. */
  raisedAt: number;
  /** End of the minute that cleared it; null while on. */
  clearedAt: number | null;
  /** The latest evaluation: the window with the strongest evidence. */
  windowMinutes: number;
  observed: number;
  expected: number;
  ratio: number;
  z: number;
  peakRatio: number;
  /** Negative posts / posts in the window, and the baseline share. */
  negativeShare: number | null;
  baselineShare: number | null;
  topTerms: readonly { term: string; count: number }[];
  topTopics: readonly { topic: ComplaintTopic; count: number }[];
  explanation: string;
}

export type SpikeEvent = { type: 'raised' | 'updated' | 'cleared'; at: number; spike: Spike };

export interface Baseline {
  /** Complaints per minute (EWMA), before the floor. */
  mean: number;
  sd: number;
  /** Negative share of posts (EWMA), null before any post. */
  share: number | null;
  minutes: number;
}

interface WindowStats {
  w: number;
  observed: number;
  expected: number;
  ratio: number;
  z: number;
  shareZ: number;
  share: number | null;
  buckets: MinuteBucket[];
}

const fmtRatio = (r: number): string => (r >= 100 ? Math.round(r).toString() : r >= 10 ? r.toFixed(0) : r.toFixed(1));
const fmtExpected = (e: number): string => (e >= 10 ? Math.round(e).toString() : e.toFixed(1));
const pct = (share: number): string => `${Math.round(share * 100)}%`;

export class SpikeDetector {
  readonly options: Readonly<Required<SpikeOptions>>;
  private readonly history: MinuteBucket[] = [];
  /** For each minute in history: does the baseline learn from it when it leaves the window? */
  private readonly learnable: boolean[] = [];
  private readonly maxWindow: number;
  private mean = 0;
  private variance = 0;
  private negMean = 0;
  private volMean = 0;
  private seen = 0;
  /** Minutes the baseline has learned from (it learns a minute as it leaves the window, late posts included). */
  private learned = 0;
  private quietRun = 0;
  /** Minutes in a row the window's negative share has been well above the usual one without a spike. */
  private shareRaisedRun = 0;
  private lastMinute: number | null = null;
  private spike: Spike | null = null;

  constructor(options: SpikeOptions = {}) {
    const merged: Required<SpikeOptions> = { ...DEFAULT_SPIKE_OPTIONS };
    for (const [key, value] of Object.entries(options)) if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    if (merged.windows.length === 0 || merged.windows.some((w) => !Number.isInteger(w) || w < 1 || w > 60)) {
      throw new RangeError('windows must be whole minutes between 1 and 60');
    }
    if (!(merged.lambda > 0 && merged.lambda <= 1)) throw new RangeError('lambda must be in (0, 1]');
    this.options = Object.freeze(merged);
    this.maxWindow = Math.max(...merged.windows);
  }

  get active(): Spike | null {
    return this.spike;
  }

  /** Closed minutes still to learn before the detector may raise a spike (0 once it can). */
  get warmupMinutesLeft(): number {
    return Math.max(0, this.options.warmupMinutes - this.seen);
  }

  get baseline(): Baseline {
    return {
      mean: this.mean,
      sd: Math.sqrt(this.variance),
      share: this.volMean > 0 ? this.negMean / this.volMean : null,
      minutes: this.seen,
    };
  }

  /**
   * Learn from past minutes without raising alerts (history from the store after a restart),
   * so the detector is not blind for its warm-up. Buckets ascending.
   */
  prime(buckets: readonly MinuteBucket[]): void {
    for (const b of buckets) {
      this.remember(b, false);
      this.learn(b);
      this.seen++;
    }
  }

  /** Evaluate one closed minute. Minutes must come in order; a gap is read as empty minutes by the caller (SpikeMonitor does). */
  observe(bucket: MinuteBucket): SpikeEvent[] {
    if (this.lastMinute !== null && bucket.minute <= this.lastMinute) {
      throw new RangeError(`minute ${new Date(bucket.minute).toISOString()} observed out of order`);
    }
    this.remember(bucket, false);
    const at = bucket.minute + MINUTE_MS;
    const o = this.options;
    const mu = Math.max(this.mean, o.baselineFloor);
    const events: SpikeEvent[] = [];

    const best = this.seen >= o.warmupMinutes ? this.strongestWindow(mu) : null;
    if (this.spike !== null) {
      this.quietRun = this.isQuiet(bucket, mu) ? this.quietRun + 1 : 0;
      const stats = best?.stats ?? this.windowStats(this.maxWindow, mu);
      this.spike = this.describe(stats, { ...this.spike, peakRatio: Math.max(this.spike.peakRatio, stats.ratio) });
      if (this.quietRun >= o.clearMinutes) {
        this.spike = { ...this.spike, clearedAt: at };
        events.push({ type: 'cleared', at, spike: this.spike });
        this.spike = null;
        this.quietRun = 0;
        // A new spike is judged on minutes after this one only: a 5-minute window still holding
        // the tail of the old burst must not raise it again.
        this.forget();
      } else {
        events.push({ type: 'updated', at, spike: this.spike });
      }
    } else if (best !== null && best.ok) {
      const startedAt = at - best.stats.w * MINUTE_MS;
      this.spike = this.describe(best.stats, {
        id: `spike-${startedAt}`,
        startedAt,
        raisedAt: at,
        clearedAt: null,
        peakRatio: best.stats.ratio,
      });
      this.quietRun = 0;
      events.push({ type: 'raised', at, spike: this.spike });
      // The burst's first minutes are in the window already, marked learnable (a burst that built
      // up for a minute before it fired, or one that began in the warm-up): not learned either, or
      // the outage becomes the usual level and share (a demo started at minute 90 learned 15
      // complaints/min and 81 % negative as "usual" from its first four outage minutes).
      this.history.forEach((b, i) => {
        if (!this.isQuiet(b, mu)) this.learnable[i] = false;
      });
    }
    // The baseline learns only from minutes outside a spike (and not from the minute that raised
    // one), once they leave the window: by then the posts that came late are in them too. Nor from
    // the minutes of a window whose negative share is well above the usual one without a spike
    // (posts still angry after an outage, too few for a spike), those before it became clear too:
    // learned, they made 60 % negative "usual" within four minutes and the pulse said "normal" again.
    // For shareAdaptMinutes at most: a share that stays up that long is the new usual.
    this.shareRaisedRun = best !== null && this.spike === null && this.windowShareRaised() ? this.shareRaisedRun + 1 : 0;
    if (this.shareRaisedRun > 0 && this.shareRaisedRun <= o.shareAdaptMinutes) this.learnable.fill(false);
    else if (this.spike === null && events.length === 0 && this.history.at(-1) === bucket) this.learnable[this.learnable.length - 1] = true;
    this.seen++;
    return events;
  }

  /**
   * Read the remembered minutes again from their source: posts that arrived after their minute
   * was judged (a feed polled every minute or two, a vendor's batch) count in the windows, and a
   * minute that turned out busy breaks a spike's run of quiet minutes.
   */
  refresh(source: BucketSource): void {
    for (let i = 0; i < this.history.length; i++) this.history[i] = source.bucket(this.history[i]!.minute);
    if (this.spike === null || this.quietRun === 0) return;
    const mu = Math.max(this.mean, this.options.baselineFloor);
    let trailingQuiet = 0;
    for (let i = this.history.length - 1; i >= 0 && this.isQuiet(this.history[i]!, mu); i--) trailingQuiet++;
    if (trailingQuiet < this.history.length) this.quietRun = Math.min(this.quietRun, trailingQuiet);
  }

  /** Whether the negative share over the longest window is well above the baseline's. */
  private windowShareRaised(): boolean {
    let negative = 0;
    let volume = 0;
    for (const b of this.history) {
      negative += b.negative;
      volume += b.volume;
    }
    return negativeShareRaised(negative, volume, this.volMean > 0 ? this.negMean / this.volMean : null);
  }

  private isQuiet(bucket: MinuteBucket, mu: number): boolean {
    return bucket.complaints < this.options.clearMinCount || bucket.complaints < this.options.clearRatio * mu;
  }

  private remember(bucket: MinuteBucket, learnable: boolean): void {
    this.history.push(bucket);
    this.learnable.push(learnable);
    if (this.history.length > this.maxWindow) {
      const settled = this.history.shift()!;
      if (this.learnable.shift()) this.learn(settled);
    }
    this.lastMinute = bucket.minute;
  }

  /** Empty the window, learning what may be learned first. */
  private forget(): void {
    this.history.forEach((b, i) => this.learnable[i] && this.learn(b));
    this.history.length = 0;
    this.learnable.length = 0;
  }

  private learn(b: MinuteBucket): void {
    // The first minutes: the plain running mean (λ = 1/n); then the EWMA.
    const lambda = Math.max(this.options.lambda, 1 / (this.learned + 1));
    // Robust update: a minute far above the baseline (a burst building up that has not fired yet)
    // counts as at most 2.5 standard deviations above it, so it cannot drag the baseline and its
    // variance up and hide itself; a real change of level is still learned, a step at a time.
    const sd = Math.sqrt(Math.max(this.variance, this.mean, this.options.baselineFloor));
    const value = this.learned < this.options.warmupMinutes ? b.complaints : Math.min(b.complaints, this.mean + 2.5 * sd);
    const diff = value - this.mean;
    this.mean += lambda * diff;
    this.variance = (1 - lambda) * (this.variance + lambda * diff * diff);
    this.negMean += lambda * (b.negative - this.negMean);
    this.volMean += lambda * (b.volume - this.volMean);
    this.learned++;
  }

  private windowStats(w: number, mu: number): WindowStats {
    const o = this.options;
    const buckets = this.history.slice(-w);
    let observed = 0;
    let negative = 0;
    let volume = 0;
    for (const b of buckets) {
      observed += b.complaints;
      negative += b.negative;
      volume += b.volume;
    }
    const minutes = buckets.length;
    const expected = minutes * mu;
    // Anscombe's variance-stabilising transform of a Poisson count (sd ≈ 1 at any mean), scaled
    // down by the dispersion the baseline shows beyond Poisson (var/mean, floored by relativeSdFloor).
    // A Poisson series' dispersion measured over ~20 minutes scatters by ±30–50 % around 1, so only
    // dispersion beyond 1.5 is taken as real.
    const dispersion = Math.max(1, this.variance / mu / 1.5, (o.relativeSdFloor * mu) ** 2 / mu);
    const z = (2 * (Math.sqrt(observed + 0.375) - Math.sqrt(expected + 0.375))) / Math.sqrt(dispersion);
    const shareZ = shareRiseZ(negative, volume, this.volMean > 0 ? this.negMean / this.volMean : null);
    return { w: minutes, observed, expected, ratio: observed / expected, z, shareZ, share: volume === 0 ? null : negative / volume, buckets };
  }

  /** The window with the highest z among those that meet every condition; else the highest z overall (ok false). */
  private strongestWindow(mu: number): { stats: WindowStats; ok: boolean } | null {
    const o = this.options;
    let best: { stats: WindowStats; ok: boolean } | null = null;
    for (const w of o.windows) {
      if (w > this.history.length) continue;
      const stats = this.windowStats(w, mu);
      const ok =
        stats.observed >= o.minComplaints &&
        stats.ratio >= o.minRatio &&
        stats.z >= o.minZ &&
        (o.minShareZ === null || stats.shareZ >= o.minShareZ);
      if (best === null || (ok && !best.ok) || (ok === best.ok && stats.z > best.stats.z)) best = { stats, ok };
    }
    return best;
  }

  private describe(
    stats: WindowStats,
    base: Pick<Spike, 'id' | 'startedAt' | 'raisedAt' | 'clearedAt' | 'peakRatio'>,
  ): Spike {
    const summary = summarise(stats.buckets, 3);
    const baselineShare = this.volMean > 0 ? this.negMean / this.volMean : null;
    const parts = [
      `complaints ${fmtRatio(stats.ratio)}× baseline over ${stats.w} min (${stats.observed} vs ${fmtExpected(stats.expected)} expected)`,
    ];
    if (summary.terms.length > 0) parts.push(`top: ${summary.terms.map((t) => t.term).join(', ')}`);
    if (summary.topics.length > 0) parts.push(`topics: ${summary.topics.slice(0, 3).map((t) => `${t.topic} ${t.count}`).join(', ')}`);
    if (stats.share !== null) {
      parts.push(`negative share ${pct(stats.share)}${baselineShare === null ? '' : ` (usually ${pct(baselineShare)})`}`);
    }
    return {
      ...base,
      windowMinutes: stats.w,
      observed: stats.observed,
      expected: stats.expected,
      ratio: stats.ratio,
      z: stats.z,
      negativeShare: stats.share,
      baselineShare,
      topTerms: summary.terms,
      topTopics: summary.topics,
      explanation: parts.join('; '),
    };
  }
}

export interface SpikeMonitorOptions {
  /** Evaluate a minute this long after it closes, so posts that arrive late still count. Default 0. */
  settleMs?: number;
}

/** Minute-bucket source: a PulseAggregator fits. */
export interface BucketSource {
  bucket(at: number): MinuteBucket;
}

/**
 * Drives a SpikeDetector from the hub's clock: each tick evaluates every minute that closed (and
 * settled) since the last tick, empty minutes included, so a pause in posts is seen as quiet.
 */
export class SpikeMonitor {
  readonly detector: SpikeDetector;
  private readonly source: BucketSource;
  private readonly settleMs: number;
  private next: number | null = null;

  constructor(source: BucketSource, detector: SpikeDetector = new SpikeDetector(), options: SpikeMonitorOptions = {}) {
    this.source = source;
    this.detector = detector;
    this.settleMs = options.settleMs ?? 0;
  }

  /** Start evaluating from this minute (the default is the first tick's last closed minute). */
  startAt(minute: number): void {
    this.next = Math.floor(minute / MINUTE_MS) * MINUTE_MS;
  }

  tick(now: number): SpikeEvent[] {
    const lastClosed = Math.floor((now - this.settleMs) / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
    if (this.next === null) this.next = lastClosed;
    // After a long sleep, only the last hour matters (and bounds the work).
    if (lastClosed - this.next > 60 * MINUTE_MS) this.next = lastClosed - 60 * MINUTE_MS;
    const events: SpikeEvent[] = [];
    if (this.next <= lastClosed) this.detector.refresh(this.source);
    for (; this.next <= lastClosed; this.next += MINUTE_MS) events.push(...this.detector.observe(this.source.bucket(this.next)));
    return events;
  }
}
