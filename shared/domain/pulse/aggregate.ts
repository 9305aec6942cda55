/**
 * Per-minute customer-pulse aggregates: how many posts, how many negative, how many distinct
 * people complained, about which topics and in which words — one bucket per UTC minute, kept for
 * a bounded retention. The spike detector (spike.ts) reads closed buckets.
 *
 * A complaint is a post the scorer labels negative. Complaints are counted once per author per
 * minute (`complaints`), so one angry person posting ten times, or a copy-paste raid from one
 * account, is one complaint; `negative` counts posts. Post times are the posts' own times; a post
 * whose date is unknown and was found in a feed's backlog (dateSource 'backlog') is not counted,
 * since its minute is not known.
 */
import { hash53 } from './dedupe.ts';
import type { ComplaintTopic, SentimentDriver, SentimentLabel } from '../sentiment/index.ts';
import { COMPLAINT_TOPICS } from '../sentiment/index.ts';

export const MINUTE_MS = 60_000;

/** Where a post's time came from: the source, the first poll that saw it, or unknown (backlog). */
export type DateSource = 'source' | 'first-seen' | 'backlog';

/** What the aggregator needs of a post (a Post from shared/model/post.ts fits). */
export interface PulseSample {
  createdAt: number;
  author: string;
  dateSource?: DateSource;
  sentiment: {
    label: SentimentLabel;
    topics: readonly ComplaintTopic[];
    drivers: readonly SentimentDriver[];
  };
}

export interface MinuteBucket {
  /** Start of the minute, epoch ms (UTC). */
  readonly minute: number;
  /** Posts. */
  volume: number;
  /** Posts labelled negative (complaint posts). */
  negative: number;
  positive: number;
  /** Distinct authors with a complaint in this minute. */
  complaints: number;
  /** Complaint posts per topic. */
  topics: Record<ComplaintTopic, number>;
  /** Complaint posts per driving term (lower case), at most `maxTermsPerBucket` terms. */
  terms: Record<string, number>;
}

export interface AggregatorOptions {
  /** Minutes of buckets kept. Default 24 h. */
  retentionMinutes?: number;
  /** Distinct terms counted per minute; later new terms are not counted. Default 48. */
  maxTermsPerBucket?: number;
  /** How late a post may arrive and still be counted once per author. Default 10 minutes. */
  authorWindowMinutes?: number;
}

export type AddResult = 'counted' | 'too-old' | 'undated';

/** Drivers strong enough to name a complaint ("403", "buffering"), not its form ("why", "again", "!!"). */
export const TERM_WEIGHT_CUTOFF = -1.2;

export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

export function emptyBucket(minute: number): MinuteBucket {
  const topics = {} as Record<ComplaintTopic, number>;
  for (const t of COMPLAINT_TOPICS) topics[t] = 0;
  // Null prototype: terms are text from posts ("constructor", "__proto__" are just words here).
  const terms = Object.create(null) as Record<string, number>;
  return { minute, volume: 0, negative: 0, positive: 0, complaints: 0, topics, terms };
}

export const isComplaint = (sentiment: { label: SentimentLabel }): boolean => sentiment.label === 'negative';

/** Negative posts / posts, or null for an empty minute. */
export function negativeShare(bucket: Pick<MinuteBucket, 'volume' | 'negative'>): number | null {
  return bucket.volume === 0 ? null : bucket.negative / bucket.volume;
}

/** The terms of a complaint worth naming, each once, lower case. */
export function complaintTerms(drivers: readonly SentimentDriver[]): string[] {
  const out: string[] = [];
  for (const d of drivers) {
    if (d.weight > TERM_WEIGHT_CUTOFF || !/[\p{L}\p{N}]/u.test(d.term)) continue;
    const term = d.term.toLowerCase().replace(/[’‘]/g, "'");
    if (!out.includes(term)) out.push(term);
  }
  return out;
}

export class PulseAggregator {
  private readonly buckets = new Map<number, MinuteBucket>();
  private readonly authors = new Map<number, Set<number>>();
  private readonly retentionMs: number;
  private readonly maxTerms: number;
  private readonly authorWindowMs: number;

  constructor(options: AggregatorOptions = {}) {
    const retention = options.retentionMinutes ?? 24 * 60;
    if (!Number.isInteger(retention) || retention < 1) throw new RangeError(`retentionMinutes must be a positive integer, got ${retention}`);
    this.retentionMs = retention * MINUTE_MS;
    this.maxTerms = options.maxTermsPerBucket ?? 48;
    this.authorWindowMs = (options.authorWindowMinutes ?? 10) * MINUTE_MS;
  }

  /** Count a post. `now` is the hub's clock: posts dated in the future count now. */
  add(sample: PulseSample, now: number): AddResult {
    if (sample.dateSource === 'backlog') return 'undated';
    const at = Math.min(sample.createdAt, now);
    const minute = minuteOf(at);
    if (minute < this.oldestKept(now)) return 'too-old';
    let bucket = this.buckets.get(minute);
    if (bucket === undefined) {
      bucket = emptyBucket(minute);
      this.buckets.set(minute, bucket);
    }
    bucket.volume++;
    const { label, topics, drivers } = sample.sentiment;
    if (label === 'positive') bucket.positive++;
    if (label !== 'negative') return 'counted';
    bucket.negative++;
    for (const t of topics) bucket.topics[t]++;
    for (const term of complaintTerms(drivers)) {
      if (Object.hasOwn(bucket.terms, term)) bucket.terms[term]!++;
      else if (Object.keys(bucket.terms).length < this.maxTerms) bucket.terms[term] = 1;
    }
    if (minute >= minuteOf(now) - this.authorWindowMs) {
      let seen = this.authors.get(minute);
      if (seen === undefined) {
        seen = new Set();
        this.authors.set(minute, seen);
      }
      const author = hash53(sample.author.trim().toLowerCase());
      if (!seen.has(author)) {
        seen.add(author);
        bucket.complaints++;
      }
    } else {
      bucket.complaints++; // too late to tell authors apart: counted as a new one
    }
    return 'counted';
  }

  /**
   * Put back a bucket kept from before a restart (the store's copy). Its authors are not known,
   * so a late post from someone who already complained that minute counts as a new complaint.
   */
  restore(bucket: MinuteBucket, now: number): void {
    if (bucket.minute < this.oldestKept(now)) return;
    this.buckets.set(bucket.minute, bucket);
  }

  /** Drop buckets past the retention (or past `keepMs`, when the store keeps less) and author sets past their window. */
  prune(now: number, keepMs = this.retentionMs): void {
    const oldest = Math.max(this.oldestKept(now), minuteOf(now) - Math.max(keepMs, MINUTE_MS) + MINUTE_MS);
    for (const minute of this.buckets.keys()) if (minute < oldest) this.buckets.delete(minute);
    const authorsFrom = minuteOf(now) - this.authorWindowMs;
    for (const minute of this.authors.keys()) if (minute < authorsFrom) this.authors.delete(minute);
  }

  /**
   * Remember how the minutes these times fall in stand now (their counts and who complained), and
   * return what puts them back: counts added for posts whose store then failed must not stay.
   */
  checkpoint(times: readonly number[]): () => void {
    const saved = new Map<number, { bucket: MinuteBucket | undefined; authors: Set<number> | undefined }>();
    for (const t of times) {
      const minute = minuteOf(t);
      if (saved.has(minute)) continue;
      const bucket = this.buckets.get(minute);
      const authors = this.authors.get(minute);
      saved.set(minute, {
        bucket: bucket && { ...bucket, topics: { ...bucket.topics }, terms: Object.assign(Object.create(null) as Record<string, number>, bucket.terms) },
        authors: authors && new Set(authors),
      });
    }
    return () => {
      for (const [minute, { bucket, authors }] of saved) {
        if (bucket === undefined) this.buckets.delete(minute);
        else this.buckets.set(minute, bucket);
        if (authors === undefined) this.authors.delete(minute);
        else this.authors.set(minute, authors);
      }
    };
  }

  /** The bucket of a minute (any ms within it), or an empty one. */
  bucket(at: number): MinuteBucket {
    return this.buckets.get(minuteOf(at)) ?? emptyBucket(minuteOf(at));
  }

  /** Buckets in [from, to), ascending, empty minutes included (so charts and detectors see gaps as zeros). */
  range(from: number, to: number): MinuteBucket[] {
    const out: MinuteBucket[] = [];
    for (let m = minuteOf(from); m < to; m += MINUTE_MS) out.push(this.bucket(m));
    return out;
  }

  /** Minutes with at least one post, ascending. */
  minutes(): number[] {
    return [...this.buckets.keys()].sort((a, b) => a - b);
  }

  private oldestKept(now: number): number {
    return minuteOf(now) - this.retentionMs + MINUTE_MS;
  }
}

export interface PulseSummary {
  minutes: number;
  volume: number;
  negative: number;
  /** Negative posts / posts, null without posts. */
  negativeShare: number | null;
  complaints: number;
  topics: { topic: ComplaintTopic; count: number }[];
  terms: { term: string; count: number }[];
}

/** Totals over some buckets, topics and terms most frequent first (ties by name). */
export function summarise(buckets: readonly MinuteBucket[], topTerms = 5): PulseSummary {
  let volume = 0;
  let negative = 0;
  let complaints = 0;
  const topics = new Map<ComplaintTopic, number>();
  const terms = new Map<string, number>();
  for (const b of buckets) {
    volume += b.volume;
    negative += b.negative;
    complaints += b.complaints;
    for (const t of COMPLAINT_TOPICS) if (b.topics[t] > 0) topics.set(t, (topics.get(t) ?? 0) + b.topics[t]);
    for (const [term, n] of Object.entries(b.terms)) terms.set(term, (terms.get(term) ?? 0) + n);
  }
  const ranked = <K extends string>(m: Map<K, number>): [K, number][] =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    minutes: buckets.length,
    volume,
    negative,
    negativeShare: volume === 0 ? null : negative / volume,
    complaints,
    topics: ranked(topics).map(([topic, count]) => ({ topic, count })),
    terms: ranked(terms)
      .slice(0, topTerms)
      .map(([term, count]) => ({ term, count })),
  };
}
