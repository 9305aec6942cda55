/**
 * Polling RSS/Atom/RDF feeds: one FeedPoller per feed keeps its validators (conditional GET), the
 * ids it has seen (so each item becomes a post once) and its keyword filter; a FeedSet polls many
 * feeds at once, each on its own — one feed failing never stops another — and collapses
 * duplicates across them.
 *
 * The first poll of a feed turns every item into a post (history the store may already have;
 * it is idempotent by source + id). An item without a readable date is dated when first seen; on
 * the first poll its real time is unknown, so it is marked 'backlog' and left out of per-minute
 * aggregates.
 */
import { DuplicateFilter, type DuplicateReason } from '../../../../shared/domain/pulse/dedupe.ts';
import { compileKeywordFilter, type KeywordFilter, type KeywordFilterConfig } from '../../../../shared/domain/pulse/keyword-filter.ts';
import { postSourceSchema, type Post } from '../../../../shared/model/post.ts';
import { FeedError } from '../errors.ts';
import { toPost, type ScoringContextOf } from '../normalise.ts';
import { decodeFeedBytes } from './encoding.ts';
import { fetchFeed, type Validators } from './fetch.ts';
import { parseFeedXml, type FeedFormat } from './parse.ts';

export interface FeedConfig {
  /** The source id posts carry (lower case, as workspace ids). */
  id: string;
  url: string;
  filter?: KeywordFilterConfig;
  timeoutMs?: number;
  headers?: Record<string, string>;
  maxItems?: number;
  maxBytes?: number;
}

export interface FeedDeps {
  fetch?: typeof fetch;
  /** The hub's clock. */
  now?: () => number;
  /** How the feed's posts are read (the workspace's names and addressed sources), asked per poll. */
  scoring?: ScoringContextOf;
}

export type FeedPollStatus = 'updated' | 'not-modified' | 'error';

export interface FeedPollResult {
  feedId: string;
  url: string;
  status: FeedPollStatus;
  /** New posts that passed the filter (not yet de-duplicated across feeds). */
  posts: Post[];
  /** Items in the document, new items, new items the filter dropped. */
  counts: { items: number; new: number; filtered: number };
  format: FeedFormat | null;
  encoding: string | null;
  /** What was repaired, guessed or skipped, in words. */
  warnings: string[];
  /** Why the poll failed, in words; null when it did not. */
  error: string | null;
  /** The server asked for a pause (Retry-After). */
  retryAfterMs: number | null;
  at: number;
}

export interface FeedState {
  validators: Validators;
  lastSuccessAt: number | null;
  lastError: string | null;
  polls: number;
  seen: number;
}

/** Ids remembered per feed; far more than any feed lists at once. */
const MAX_SEEN = 10_000;

export class FeedPoller {
  readonly config: FeedConfig;
  private readonly filter: KeywordFilter;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly scoring: ScoringContextOf | undefined;
  private readonly now: () => number;
  private validators: Validators = { etag: null, lastModified: null };
  private readonly seen = new Map<string, number>();
  private successes = 0;
  private polls = 0;
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;

  constructor(config: FeedConfig, deps: FeedDeps = {}) {
    if (!postSourceSchema.safeParse(config.id).success || postSourceSchema.parse(config.id) !== config.id) {
      throw new RangeError(`feed id "${config.id}" must be lower-case letters, digits, ".", "_" or "-" (at most 64)`);
    }
    this.config = config;
    this.filter = compileKeywordFilter(config.filter);
    this.fetchImpl = deps.fetch;
    this.scoring = deps.scoring;
    this.now = deps.now ?? Date.now;
  }

  get state(): FeedState {
    return { validators: { ...this.validators }, lastSuccessAt: this.lastSuccessAt, lastError: this.lastError, polls: this.polls, seen: this.seen.size };
  }

  /** Poll once. Never throws: a failure is a result with `error` in words. */
  async poll(signal?: AbortSignal): Promise<FeedPollResult> {
    const at = this.now();
    this.polls++;
    const result: FeedPollResult = {
      feedId: this.config.id,
      url: this.config.url,
      status: 'error',
      posts: [],
      counts: { items: 0, new: 0, filtered: 0 },
      format: null,
      encoding: null,
      warnings: [],
      error: null,
      retryAfterMs: null,
      at,
    };
    try {
      const response = await fetchFeed(this.config.url, {
        validators: this.validators,
        ...(this.config.timeoutMs !== undefined ? { timeoutMs: this.config.timeoutMs } : {}),
        ...(this.config.headers ? { headers: this.config.headers } : {}),
        ...(this.config.maxBytes !== undefined ? { maxBytes: this.config.maxBytes } : {}),
        ...(signal ? { signal } : {}),
        ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
        now: this.now,
      });
      result.url = response.url;
      this.validators = response.validators;
      if (response.status === 304) {
        result.status = 'not-modified';
        this.succeeded(at);
        return result;
      }
      const decoded = decodeFeedBytes(response.bytes, response.contentType);
      result.encoding = decoded.encoding;
      result.warnings.push(...decoded.warnings);
      const feed = parseFeedXml(decoded.text, { feedUrl: response.url, now: at, ...(this.config.maxItems ? { maxItems: this.config.maxItems } : {}) });
      result.format = feed.format;
      result.warnings.push(...feed.warnings);
      result.counts.items = feed.items.length;
      const firstPoll = this.successes === 0;
      const context = this.scoring?.(this.config.id);
      for (const item of feed.items) {
        const known = this.seen.get(item.id);
        this.seen.delete(item.id);
        this.seen.set(item.id, known ?? at); // most recently listed last
        if (known !== undefined) continue;
        result.counts.new++;
        const verdict = this.filter.test({ text: item.text, title: item.title, author: item.author });
        if (!verdict.keep) {
          result.counts.filtered++;
          continue;
        }
        result.posts.push(
          toPost(
            {
              source: this.config.id,
              kind: 'feed',
              id: item.id,
              author: item.author ?? feed.title ?? this.config.id,
              title: item.text === '' ? null : item.title,
              text: item.text === '' ? (item.title ?? '') : item.text,
              url: item.url,
              createdAt: item.publishedAt,
              backlog: firstPoll,
              lang: item.lang,
              metadata: {
                ...(item.categories.length > 0 ? { categories: item.categories.join(', ').slice(0, 1024) } : {}),
                ...(item.enclosures > 0 ? { enclosures: item.enclosures } : {}),
                ...(item.dateProblem !== null && item.dateProblem !== 'no date' ? { dateProblem: item.dateProblem.slice(0, 200) } : {}),
                ...(feed.title ? { feed: feed.title.slice(0, 200) } : {}),
              },
            },
            at,
            context,
          ),
        );
      }
      while (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.keys().next().value!);
      result.status = 'updated';
      this.succeeded(at);
      return result;
    } catch (error) {
      result.error = error instanceof FeedError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      result.retryAfterMs = error instanceof FeedError ? error.retryAfterMs : null;
      this.lastError = result.error;
      return result;
    }
  }

  private succeeded(at: number): void {
    this.successes++;
    this.lastSuccessAt = at;
    this.lastError = null;
  }
}

export interface FeedSetResult {
  results: FeedPollResult[];
  /** New posts from every feed, duplicates across feeds removed, oldest first. */
  posts: Post[];
  duplicates: { key: string; reason: DuplicateReason; firstKey: string }[];
}

/** Many feeds polled together; duplicates across them collapsed (first seen wins). */
export class FeedSet {
  readonly pollers: FeedPoller[];
  readonly dedupe: DuplicateFilter;
  private readonly now: () => number;

  constructor(configs: readonly FeedConfig[], deps: FeedDeps & { dedupe?: DuplicateFilter } = {}) {
    const ids = new Set<string>();
    for (const c of configs) {
      if (ids.has(c.id)) throw new RangeError(`two feeds have the id "${c.id}"`);
      ids.add(c.id);
    }
    this.pollers = configs.map((c) => new FeedPoller(c, deps));
    this.dedupe = deps.dedupe ?? new DuplicateFilter();
    this.now = deps.now ?? Date.now;
  }

  async pollAll(signal?: AbortSignal): Promise<FeedSetResult> {
    const results = await Promise.all(this.pollers.map((p) => p.poll(signal)));
    const now = this.now();
    const posts: Post[] = [];
    const duplicates: FeedSetResult['duplicates'] = [];
    // Feeds in configuration order, each feed's items oldest first: the first source listed wins a tie.
    for (const result of results) {
      const ordered = [...result.posts].sort((a, b) => a.createdAt - b.createdAt);
      for (const post of ordered) {
        const verdict = this.dedupe.check({ key: post.key, source: post.source, url: post.url, author: post.author, text: post.text }, now);
        if (verdict.duplicate) duplicates.push({ key: post.key, reason: verdict.reason, firstKey: verdict.firstKey });
        else posts.push(post);
      }
    }
    posts.sort((a, b) => a.createdAt - b.createdAt);
    return { results, posts, duplicates };
  }
}
