/**
 * Customer pulse over the socket and REST: what a wall is sent (per-minute aggregates, the latest
 * posts, the spike state, each feed's health) and the ingest endpoint's answer.
 */
import { z } from 'zod';
import type { MinuteBucket, Spike, SpikeEvent } from '../domain/pulse/index.ts';
import type { Post } from '../model/post.ts';

/** Posts a client is sent at most at once (a snapshot or one update): walls show a dozen. */
export const MAX_PULSE_POSTS = 50;
/** Minutes of aggregates in a snapshot (the longest span a pulse panel shows). */
export const MAX_PULSE_MINUTES = 24 * 60;

export type PulseMinute = Pick<MinuteBucket, 'minute' | 'volume' | 'negative' | 'positive' | 'complaints' | 'topics'>;

export interface PulseFeedStatus {
  readonly id: string;
  readonly type: 'rss' | 'mastodon';
  /** Where it is read from, for the status line. */
  readonly url: string;
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  /** Why the last poll failed, in words; null when it did not. */
  readonly lastError: string | null;
  /** What the last poll that answered could not read or had to repair, in words (at most 5). */
  readonly warnings: readonly string[];
  /** Posts stored from it since the hub started. */
  readonly posts: number;
  readonly nextPollAt: number | null;
}

export interface PulseSnapshot {
  /** Minute buckets, oldest first, empty minutes included, up to the current (open) minute. */
  readonly minutes: PulseMinute[];
  /** Newest first. */
  readonly posts: Post[];
  readonly spike: Spike | null;
  /**
   * While the spike detector is still learning its baseline (the first minutes after a start
   * with no history kept), when it will be able to judge, in hub time; null once it can. Until
   * then "no spike" means "not known yet", not "normal".
   */
  readonly baselineReadyAt: number | null;
  /**
   * The negative share of posts the spike detector has learned as usual (its baseline: outage
   * minutes are not learned); null before it has one. The panel holds the last minutes' share
   * against it, so a room is not told "normal" while most posts are negative. Absent from an older
   * hub: read as null.
   */
  readonly usualNegativeShare?: number | null;
  readonly feeds: PulseFeedStatus[];
  readonly serverTime: number;
}

/** Sent at most once a second to subscribed sockets: what changed since the last update. */
export interface PulseUpdate {
  /** Minutes whose counts changed, whole. */
  readonly minutes: PulseMinute[];
  /** New posts, newest first (at most MAX_PULSE_POSTS). */
  readonly posts: Post[];
  /** Feed statuses, when one changed. */
  readonly feeds: PulseFeedStatus[] | null;
  /** As in the snapshot, now (it moves as closed minutes are learned); absent from an older hub. */
  readonly usualNegativeShare?: number | null;
}

export type PulseSpikeEvent = SpikeEvent;

export const pulseRequestSchemas = {
  'pulse:subscribe': z
    .object({ minutes: z.number().int().min(1).max(MAX_PULSE_MINUTES).default(60), posts: z.number().int().min(0).max(MAX_PULSE_POSTS).default(MAX_PULSE_POSTS) })
    .strict(),
  'pulse:unsubscribe': z.object({}).strict(),
} as const;
export type PulseRequest<K extends keyof typeof pulseRequestSchemas> = z.input<(typeof pulseRequestSchemas)[K]>;

export const ingestPostsReplySchema = z.object({
  received: z.number().int().describe('Posts in the batch.'),
  accepted: z.number().int().describe('New posts stored (and scored).'),
  duplicates: z.number().int().describe('Posts already stored (same source and id) or repeated in the batch: nothing changed.'),
  posts: z
    .array(
      z.object({
        key: z.string().describe('source:id'),
        status: z.enum(['accepted', 'duplicate']),
        label: z.enum(['negative', 'neutral', 'positive']),
        compound: z.number(),
        topics: z.array(z.string()),
      }),
    )
    .describe('One per post, in the order sent.'),
});
export type IngestPostsReply = z.output<typeof ingestPostsReplySchema>;
