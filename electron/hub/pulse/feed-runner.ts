/**
 * Polls the workspace's pulse feeds, each on its own timer: the interval with ±10 % jitter (so
 * feeds on one host do not fire in step), exponential backoff after failures (up to 10 minutes),
 * never before a server's Retry-After or rate-limit reset, and again after a second when a
 * Mastodon poll's page budget ran out with more waiting. Each feed's health (last success, the
 * last error in words, next poll) is kept for the walls.
 */
import type { KeywordFilterConfig } from '../../../shared/domain/pulse/keyword-filter.ts';
import { safeText } from '../../../shared/domain/safe-text.ts';
import type { Post } from '../../../shared/model/post.ts';
import type { PulseFeedConfig } from '../../../shared/model/pulse-config.ts';
import type { PulseFeedStatus } from '../../../shared/protocol/pulse.ts';
import { FeedPoller } from './feeds/poller.ts';
import { MastodonTimeline } from './mastodon.ts';
import type { ScoringContextOf } from './normalise.ts';

const MAX_BACKOFF_MS = 10 * 60_000;
const MORE_WAITING_MS = 1000;

interface PollOutcome {
  posts: Post[];
  error: string | null;
  /** Poll no sooner than this (rate limit, Retry-After). */
  notBefore: number | null;
  more: boolean;
  cursor: string | null;
  /** Nothing was asked (the source's own backoff is still running): the status stays as it was. */
  skipped?: boolean;
  /** What it could not read or had to repair (the feed answered). */
  warnings?: readonly string[];
}

const MAX_WARNINGS = 5;
const MAX_MESSAGE_CHARS = 300;
/** A server's words are untrusted text: invisible and direction-changing characters neutralised, bounded. */
const clean = (message: string): string => safeText(message, { singleLine: true, maxGraphemes: MAX_MESSAGE_CHARS }).text;

interface Entry {
  readonly config: PulseFeedConfig;
  readonly signature: string;
  readonly poll: (signal: AbortSignal) => Promise<PollOutcome>;
  status: PulseFeedStatus;
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
}

export interface FeedRunnerDeps {
  /** Store the posts of one poll (the service scores, de-duplicates and keeps them); returns how many were new. */
  readonly store: (feedId: string, posts: Post[]) => number;
  readonly cursor: (feedId: string) => string | null;
  readonly saveCursor: (feedId: string, cursor: string) => void;
  /** A feed's status changed. */
  readonly changed: () => void;
  readonly log: (message: string) => void;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** How each feed's posts are read (the workspace's names and addressed sources). */
  readonly scoring?: ScoringContextOf;
}

const filterOf = (f: PulseFeedConfig): KeywordFilterConfig | undefined => f.filter;

export class FeedRunner {
  private readonly deps: FeedRunnerDeps;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();

  constructor(deps: FeedRunnerDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  /** Make the running feeds those of the workspace: unchanged feeds keep their state and timers. */
  apply(feeds: readonly PulseFeedConfig[]): void {
    const wanted = new Map(feeds.map((f) => [f.id, f]));
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id);
      if (next === undefined || JSON.stringify(next) !== entry.signature) this.remove(id);
    }
    for (const config of feeds) {
      if (this.entries.has(config.id)) continue;
      let entry: Entry;
      try {
        entry = this.create(config);
      } catch (error) {
        this.deps.log(`pulse feed ${config.id} cannot run: ${(error as Error).message}`);
        continue;
      }
      this.entries.set(config.id, entry);
      // First polls spread over a second or two, not all at once.
      this.schedule(entry, Math.round(this.random() * Math.min(2000, config.interval)));
    }
    this.deps.changed();
  }

  statuses(): PulseFeedStatus[] {
    return [...this.entries.values()].map((e) => e.status);
  }

  close(): void {
    this.abort.abort();
    for (const id of [...this.entries.keys()]) this.remove(id);
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
    this.entries.delete(id);
  }

  private create(config: PulseFeedConfig): Entry {
    const fetchImpl = this.deps.fetch;
    let poll: Entry['poll'];
    let url: string;
    if (config.type === 'rss') {
      url = config.url;
      const poller = new FeedPoller(
        { id: config.id, url: config.url, timeoutMs: config.timeout, ...(filterOf(config) ? { filter: filterOf(config)! } : {}) },
        { now: this.now, ...(fetchImpl ? { fetch: fetchImpl } : {}), ...(this.deps.scoring ? { scoring: this.deps.scoring } : {}) },
      );
      poll = async (signal) => {
        const r = await poller.poll(signal);
        return { posts: r.posts, error: r.error, notBefore: r.retryAfterMs === null ? null : r.at + r.retryAfterMs, more: false, cursor: null, ...(r.status === 'updated' ? { warnings: r.warnings } : {}) };
      };
    } else {
      const tag = config.tag?.replace(/^#/, '');
      url = `${config.instance.replace(/\/+$/, '')}/api/v1/timelines/${tag ? `tag/${tag}` : 'public'}`;
      const sinceId = this.deps.cursor(config.id);
      const timeline = new MastodonTimeline(
        {
          id: config.id,
          instance: config.instance,
          timeline: tag ? { type: 'tag', tag, ...(config.local !== undefined ? { local: config.local } : {}) } : { type: 'public', ...(config.local !== undefined ? { local: config.local } : {}) },
          timeoutMs: config.timeout,
          maxWaitMs: Math.min(30_000, config.interval),
          ...(config.token ? { token: config.token } : {}),
          ...(sinceId ? { sinceId } : {}),
          ...(filterOf(config) ? { filter: filterOf(config)! } : {}),
        },
        { now: this.now, ...(fetchImpl ? { fetch: fetchImpl } : {}), ...(this.deps.scoring ? { scoring: this.deps.scoring } : {}) },
      );
      poll = async (signal) => {
        const r = await timeline.poll(signal);
        // 'deferred' with a reason: a rate limit or retries ran out of time (a failure in words);
        // without one: its backoff from an earlier failure is still running (nothing happened).
        const skipped = r.status === 'deferred' && r.error === null;
        const warnings = r.skipped > 0 ? [`skipped ${r.skipped} status${r.skipped === 1 ? '' : 'es'} it could not read`] : [];
        return { posts: r.posts, error: r.status === 'ok' ? null : r.error, notBefore: r.deferredUntil, more: r.more, cursor: r.cursor, skipped, ...(r.pages > 0 ? { warnings } : {}) };
      };
    }
    return {
      config,
      signature: JSON.stringify(config),
      poll,
      status: { id: config.id, type: config.type, url, lastAttemptAt: null, lastSuccessAt: null, lastError: null, warnings: [], posts: 0, nextPollAt: null },
      failures: 0,
      timer: null,
      running: false,
    };
  }

  private schedule(entry: Entry, delayMs: number): void {
    if (this.abort.signal.aborted || this.entries.get(entry.config.id) !== entry) return;
    entry.status = { ...entry.status, nextPollAt: this.now() + delayMs };
    entry.timer = setTimeout(() => void this.run(entry), delayMs);
    entry.timer.unref?.();
  }

  private async run(entry: Entry): Promise<void> {
    entry.timer = null;
    if (entry.running) return;
    entry.running = true;
    const at = this.now();
    let outcome: PollOutcome;
    try {
      outcome = await entry.poll(this.abort.signal);
    } catch (error) {
      outcome = { posts: [], error: `unexpected error: ${(error as Error).message}`, notBefore: null, more: false, cursor: null };
    } finally {
      entry.running = false;
    }
    if (this.abort.signal.aborted || this.entries.get(entry.config.id) !== entry) return;
    if (outcome.skipped) {
      this.schedule(entry, Math.max(MORE_WAITING_MS, (outcome.notBefore ?? 0) - this.now()));
      return;
    }
    let stored = 0;
    let error = outcome.error;
    try {
      if (outcome.posts.length > 0) stored = this.deps.store(entry.config.id, outcome.posts);
      if (outcome.cursor !== null) this.deps.saveCursor(entry.config.id, outcome.cursor);
    } catch (e) {
      error = `could not store its posts: ${(e as Error).message}`;
      this.deps.log(`pulse feed ${entry.config.id}: ${error}`);
    }
    entry.failures = error === null ? 0 : entry.failures + 1;
    // A 304 or a poll that read nothing says nothing new about what the feed holds: the last warnings stand.
    const warnings = outcome.warnings === undefined ? entry.status.warnings : outcome.warnings.slice(0, MAX_WARNINGS).map(clean);
    if (warnings.join('\n') !== entry.status.warnings.join('\n') && warnings.length > 0) this.deps.log(`pulse feed ${entry.config.id} read with warnings: ${warnings.join('; ')}`);
    entry.status = {
      ...entry.status,
      lastAttemptAt: at,
      lastSuccessAt: error === null ? this.now() : entry.status.lastSuccessAt,
      lastError: error === null ? null : clean(error),
      warnings,
      posts: entry.status.posts + stored,
    };
    const interval = entry.config.interval;
    let delay =
      error !== null
        ? Math.min(MAX_BACKOFF_MS, interval * 2 ** Math.min(entry.failures - 1, 10))
        : outcome.more
          ? MORE_WAITING_MS
          : interval;
    delay = Math.round(delay * (0.9 + 0.2 * this.random()));
    if (outcome.notBefore !== null) delay = Math.max(delay, outcome.notBefore - this.now());
    this.schedule(entry, delay);
    this.deps.changed();
  }
}
