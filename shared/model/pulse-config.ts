/**
 * The workspace's `pulse:` section: where customer posts come from (RSS/Atom/RDF feeds, Mastodon
 * timelines; `POST /api/v1/ingest/posts` needs no configuration), how long they are kept, and how
 * eager the complaint-spike detector is. Posts' source ids are the feed ids here.
 */
import { z } from 'zod';
import { durationMs } from './duration.ts';
import { postSourceSchema } from './post.ts';

const term = z.string().trim().min(1).max(100);
const filterSchema = z
  .object({
    include: z.array(term).max(200).optional().describe('Keep a post only when it mentions one of these words or phrases ("stream*" for any ending).'),
    exclude: z.array(term).max(200).optional().describe('Drop a post that mentions one of these.'),
    excludeAuthors: z.array(term).max(200).optional().describe("Drop these authors' posts (e.g. the brand's own support account). A name without an instance (\"StreamCoHelp\") matches that account on every Mastodon instance; \"StreamCoHelp@mastodon.social\" only there."),
  })
  .strict()
  .describe('Keyword and brand filter: whole words, case-insensitive.');

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

const feedCommon = {
  id: postSourceSchema.describe('The source name its posts carry (lower case).'),
  interval: durationMs
    .refine((ms) => ms >= 1000, { message: 'expected an interval of at least 1s' })
    .default(60_000)
    .describe('How often it is polled (a little jitter is added).'),
  timeout: durationMs.default(10_000).describe('Per request.'),
  filter: filterSchema.optional(),
};

export const rssFeedSchema = z
  .object({ ...feedCommon, type: z.literal('rss').describe('An RSS 0.9x/2.0, Atom 1.0 or RDF 1.0 feed.'), url: httpUrl })
  .strict();

export const mastodonFeedSchema = z
  .object({
    ...feedCommon,
    type: z.literal('mastodon').describe("A Mastodon instance's public or hashtag timeline (its public REST API)."),
    instance: httpUrl.describe('The instance, e.g. https://mastodon.social'),
    tag: z
      .string()
      .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, { message: 'expected a hashtag: letters, digits and "_"' })
      .optional()
      .describe('A hashtag timeline; the public timeline when absent.'),
    local: z.boolean().optional().describe("Only this instance's own posts."),
    token: z.string().min(1).optional().describe('An access token, for instances whose timelines need one (use ${ENV_VAR}).'),
  })
  .strict();

export const pulseFeedSchema = z.discriminatedUnion('type', [rssFeedSchema, mastodonFeedSchema]);
export type PulseFeedConfig = z.output<typeof pulseFeedSchema>;

export const pulseSchema = z
  .object({
    feeds: z.array(pulseFeedSchema).max(100).default([]),
    names: z
      .array(term)
      .max(100)
      .default([])
      .describe('The service\'s own names and products ("Free", "Joy TV"): read as names in every post, never as sentiment. Whole words, case-insensitive.'),
    addressedSources: z
      .array(postSourceSchema)
      .max(100)
      .default([])
      .describe('Sources whose posts are written to the service: support tickets, in-app feedback ("zendesk"). Read as a tweet that opens with @YourService is: waiting, delays and "my order" are complaints.'),
    retention: durationMs
      .refine((ms) => ms >= 3_600_000, { message: 'expected a retention of at least 1h' })
      .default(7 * 86_400_000)
      .describe('How long posts and per-minute aggregates are kept (e.g. 7d).'),
    spike: z
      .object({
        minComplaints: z.number().int().min(1).max(100_000).optional().describe('People complaining within a window needed for a spike (default 8).'),
        minRatio: z.number().min(1).max(1000).optional().describe('Times the baseline needed (default 3).'),
        warmup: durationMs.optional().describe('Minutes of history needed before the first alert (default 10m).'),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.feeds.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['feeds', i, 'id'], message: `duplicate feed id "${f.id}"` });
      seen.add(f.id);
      if (f.timeout >= f.interval) ctx.addIssue({ code: 'custom', path: ['feeds', i, 'timeout'], message: 'expected a timeout shorter than the interval' });
    });
  })
  .describe('Customer pulse: social and customer feeds, scored for sentiment, with complaint spikes on the wall.');
export type PulseConfig = z.output<typeof pulseSchema>;
