/**
 * The customer pulse in the hub: posts from the ingest API and the workspace's feeds are scored
 * once on arrival (normalise.ts), stored once per source+id with the per-minute aggregates they
 * change (one transaction), collapsed across feeds, pushed to subscribed walls at most once a
 * second, and watched by the complaint-spike detector each closed minute. Posts and aggregates
 * older than the workspace's retention are pruned on a schedule.
 */
import { DuplicateFilter } from '../../../shared/domain/pulse/dedupe.ts';
import { MINUTE_MS, PulseAggregator, minuteOf, type MinuteBucket } from '../../../shared/domain/pulse/aggregate.ts';
import { SpikeDetector, SpikeMonitor, type Spike, type SpikeEvent, type SpikeOptions } from '../../../shared/domain/pulse/spike.ts';
import { newestWrittenFirst, type IngestBatch, type Post } from '../../../shared/model/post.ts';
import type { PulseConfig } from '../../../shared/model/pulse-config.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';
import { MAX_PULSE_MINUTES, MAX_PULSE_POSTS, type IngestPostsReply, type PulseMinute, type PulseSnapshot, type PulseUpdate } from '../../../shared/protocol/pulse.ts';
import type { PulseRepository } from '../store/pulse.ts';
import { FeedRunner } from './feed-runner.ts';
import { postFromIngest, type ScoringContextOf } from './normalise.ts';
import { scoringContexts } from './scoring-context.ts';

export interface PulseEvents {
  /** What changed, at most once per flush interval (to the sockets that subscribed). */
  update(update: PulseUpdate): void;
  /** A spike was raised, updated (each minute) or cleared (to every client). */
  spike(event: SpikeEvent): void;
}

export interface PulseServiceOptions {
  readonly events: PulseEvents;
  readonly log: (message: string) => void;
  readonly now?: () => number;
  /** How often updates go out. Default 1 s. */
  readonly flushMs?: number;
  /** How often the spike detector looks for closed minutes. Default 5 s. */
  readonly tickMs?: number;
  /** How often old posts are pruned. Default 10 min. */
  readonly pruneMs?: number;
  /** A closed minute is judged this long after it closed, so late posts still count. Default 5 s. */
  readonly settleMs?: number;
  readonly fetch?: typeof fetch;
}

const DEFAULT_RETENTION_MS = 7 * 86_400_000;

const toMinute = (b: MinuteBucket): PulseMinute => ({
  minute: b.minute,
  volume: b.volume,
  negative: b.negative,
  positive: b.positive,
  complaints: b.complaints,
  topics: { ...b.topics },
});

function spikeOptions(config: PulseConfig | undefined): SpikeOptions {
  const s = config?.spike ?? {};
  return {
    ...(s.minComplaints !== undefined ? { minComplaints: s.minComplaints } : {}),
    ...(s.minRatio !== undefined ? { minRatio: s.minRatio } : {}),
    ...(s.warmup !== undefined ? { warmupMinutes: Math.ceil(s.warmup / MINUTE_MS) } : {}),
  };
}

export class PulseService {
  private readonly repo: PulseRepository;
  private readonly options: PulseServiceOptions;
  private readonly now: () => number;
  private readonly aggregator = new PulseAggregator();
  private readonly dedupe = new DuplicateFilter();
  private readonly feeds: FeedRunner;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private monitor: SpikeMonitor;
  private spikeSignature = '';
  private retentionMs = DEFAULT_RETENTION_MS;
  private readonly pendingMinutes = new Set<number>();
  private pendingPosts: Post[] = [];
  private feedsChanged = false;
  /** The usual negative share last sent to the walls. */
  private sentUsualShare: number | null = null;
  /** The workspace's names and addressed sources, as the scorer reads them. */
  private scoring: ScoringContextOf = scoringContexts(undefined);
  private closed = false;

  constructor(repo: PulseRepository, options: PulseServiceOptions) {
    this.repo = repo;
    this.options = options;
    this.now = options.now ?? Date.now;
    const now = this.now();
    // The last day's minutes from the store: the charts and the detector's baseline survive a restart.
    for (const bucket of repo.minutes(now - 24 * 3_600_000, now + MINUTE_MS)) this.aggregator.restore(bucket, now);
    this.monitor = this.newMonitor({});
    this.feeds = new FeedRunner({
      store: (_feedId, posts) => this.storeFromFeed(posts),
      scoring: (source) => this.scoring(source),
      cursor: (feedId) => repo.cursor(feedId),
      saveCursor: (feedId, cursor) => repo.saveCursor(feedId, cursor),
      changed: () => (this.feedsChanged = true),
      log: options.log,
      now: this.now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => {
        try {
          fn();
        } catch (error) {
          options.log(`pulse: ${(error as Error).stack ?? error}`);
        }
      }, ms);
      t.unref?.();
      this.timers.push(t);
    };
    every(options.flushMs ?? 1000, () => this.flush());
    every(options.tickMs ?? 5000, () => this.tick());
    every(options.pruneMs ?? 10 * 60_000, () => this.prune());
  }

  /** The workspace's pulse section: feeds, retention, spike options. */
  apply(workspace: Workspace | null): void {
    const config = workspace?.pulse;
    this.retentionMs = config?.retention ?? DEFAULT_RETENTION_MS;
    const options = spikeOptions(config);
    if (JSON.stringify(options) !== this.spikeSignature) {
      // New settings judge afresh: the walls are told the old spike is over (else its banner and
      // rotation hold would stay), and the new detector raises it again if it still stands.
      const active = this.monitor.detector.active;
      this.monitor = this.newMonitor(options);
      if (active !== null) {
        const at = this.now();
        this.options.events.spike({ type: 'cleared', at, spike: { ...active, clearedAt: at } });
      }
    }
    this.scoring = scoringContexts(config);
    this.feeds.apply(config?.feeds ?? []);
  }

  /**
   * Store a validated ingest batch: every post scored, stored once (a post another source already
   * brought, by link or by author and words, is a duplicate too); answered after the commit.
   */
  ingest(batch: IngestBatch): IngestPostsReply {
    const at = this.now();
    const posts = batch.posts.map((p) => postFromIngest(p, at, this.scoring(p.source)));
    const fresh = this.storeUnique(posts, at);
    const accepted = fresh.filter(Boolean).length;
    return {
      received: posts.length,
      accepted,
      duplicates: posts.length - accepted,
      posts: posts.map((p, i) => ({
        key: p.key,
        status: fresh[i] ? 'accepted' : 'duplicate',
        label: p.sentiment.label,
        compound: p.sentiment.compound,
        topics: [...p.sentiment.topics],
      })),
    };
  }

  snapshot(minutes = 60, posts = MAX_PULSE_POSTS): PulseSnapshot {
    const now = this.now();
    const span = Math.min(Math.max(1, minutes), MAX_PULSE_MINUTES);
    return {
      minutes: this.aggregator.range(minuteOf(now) - (span - 1) * MINUTE_MS, now + 1).map(toMinute),
      posts: this.repo.latestPosts(Math.min(posts, MAX_PULSE_POSTS)),
      spike: this.monitor.detector.active,
      baselineReadyAt: this.monitor.detector.warmupMinutesLeft > 0 ? minuteOf(now) + (this.monitor.detector.warmupMinutesLeft + 1) * MINUTE_MS : null,
      usualNegativeShare: this.usualNegativeShare(),
      feeds: this.feeds.statuses(),
      serverTime: now,
    };
  }

  get activeSpike(): Spike | null {
    return this.monitor.detector.active;
  }

  /** Evaluate the minutes that closed (tests call it with a moved clock). */
  tick(): void {
    for (const event of this.monitor.tick(this.now())) this.options.events.spike(event);
  }

  /** Send what changed since the last flush. */
  flush(): void {
    const usualNegativeShare = this.usualNegativeShare();
    if (this.pendingMinutes.size === 0 && this.pendingPosts.length === 0 && !this.feedsChanged && usualNegativeShare === this.sentUsualShare) return;
    this.sentUsualShare = usualNegativeShare;
    const update: PulseUpdate = {
      minutes: [...this.pendingMinutes].sort((a, b) => a - b).map((m) => toMinute(this.aggregator.bucket(m))),
      // Newest first, in the order the store lists them (a feed's poll arrives newest first too);
      // posts alike in both times keep their reverse arrival order
      posts: this.pendingPosts.reverse().sort(newestWrittenFirst).slice(0, MAX_PULSE_POSTS),
      feeds: this.feedsChanged ? this.feeds.statuses() : null,
      usualNegativeShare,
    };
    this.pendingMinutes.clear();
    this.pendingPosts = [];
    this.feedsChanged = false;
    this.options.events.update(update);
  }

  prune(): void {
    const now = this.now();
    const removed = this.repo.prune(now - this.retentionMs);
    // The counts in memory go with the store's: a short retention empties the older minutes too.
    this.aggregator.prune(now, this.retentionMs);
    if (removed > 0) this.options.log(`pulse: pruned ${removed} posts older than the retention`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.feeds.close();
  }

  /** The detector's usual negative share, once it has learned one (null in its warm-up). */
  private usualNegativeShare(): number | null {
    const detector = this.monitor.detector;
    return detector.warmupMinutesLeft > 0 ? null : detector.baseline.share;
  }

  private newMonitor(options: SpikeOptions): SpikeMonitor {
    this.spikeSignature = JSON.stringify(options);
    const detector = new SpikeDetector(options);
    const monitor = new SpikeMonitor(this.aggregator, detector, { settleMs: this.options.settleMs ?? 5000 });
    // Learn the baseline from the last hour kept (after a restart) rather than waiting out the warm-up.
    const now = this.now();
    const lastClosed = minuteOf(now - (this.options.settleMs ?? 5000)) - MINUTE_MS;
    const kept = this.aggregator.minutes().filter((m) => m >= lastClosed - 59 * MINUTE_MS && m <= lastClosed);
    if (kept.length > 0) {
      detector.prime(this.aggregator.range(kept[0]!, lastClosed + 1));
      monitor.startAt(lastClosed + MINUTE_MS);
    }
    return monitor;
  }

  /** Posts from feeds: those already seen from another feed (same link, or same author and text) are dropped. */
  private storeFromFeed(posts: Post[]): number {
    return this.storeUnique(posts, this.now()).filter(Boolean).length;
  }

  /**
   * Store the posts no other source brought already; per post, whether it was stored as new. A
   * post whose store failed is forgotten by the duplicate filter again, so it may come again.
   */
  private storeUnique(posts: Post[], at: number): boolean[] {
    const candidates = posts.map((p) => ({ key: p.key, source: p.source, url: p.url, author: p.author, text: p.text }));
    const unique: number[] = [];
    // Remembered at once, so a later post of the same batch is checked against it
    candidates.forEach((c, i) => this.dedupe.check(c, at).duplicate || unique.push(i));
    let fresh: boolean[];
    try {
      fresh = this.store(unique.map((i) => posts[i]!), at);
    } catch (error) {
      for (const i of unique) this.dedupe.forget(candidates[i]!);
      throw error;
    }
    const stored = posts.map(() => false);
    unique.forEach((i, k) => (stored[i] = fresh[k]!));
    return stored;
  }

  /** One transaction: the new posts and the minutes they changed. Returns, per post, whether it was new. */
  private store(posts: Post[], at: number): boolean[] {
    if (posts.length === 0) return [];
    const touched = new Set<number>();
    let rollBack = (): void => {};
    let fresh: boolean[];
    try {
      fresh = this.repo.insertPosts(posts, (stored) => {
        rollBack = this.aggregator.checkpoint(stored.map((p) => Math.min(p.createdAt, at)));
        for (const p of stored) if (this.aggregator.add(p, at) === 'counted') touched.add(minuteOf(Math.min(p.createdAt, at)));
        return [...touched].map((m) => this.aggregator.bucket(m));
      });
    } catch (error) {
      // The transaction was rolled back (a failed minute write or COMMIT): so are the counts.
      rollBack();
      throw error;
    }
    for (const m of touched) this.pendingMinutes.add(m);
    fresh.forEach((isNew, i) => isNew && this.pendingPosts.push(posts[i]!));
    if (this.pendingPosts.length > 4 * MAX_PULSE_POSTS) this.pendingPosts = this.pendingPosts.slice(-MAX_PULSE_POSTS);
    return fresh;
  }
}
