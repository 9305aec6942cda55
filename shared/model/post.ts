/**
 * Customer posts: the JSON any scraper or vendor sends to `POST /api/v1/ingest/posts`, and the
 * normalised Post the hub keeps for every source (ingest, RSS/Atom/RDF feeds, Mastodon).
 *
 * ## Ingest body
 *
 * ```json
 * {
 *   "posts": [
 *     {
 *       "id": "1790000000000000001",
 *       "source": "x",
 *       "author": "@jane_doe",
 *       "text": "Getting a 403 on the app since kick-off @StreamCoHelp",
 *       "url": "https://x.com/jane_doe/status/1790000000000000001",
 *       "created_at": "2025-05-01T20:15:00Z",
 *       "lang": "en",
 *       "metadata": { "followers": 120, "verified": false, "device": "roku" }
 *     }
 *   ]
 * }
 * ```
 *
 * - `id` (string, or a safe integer): the post's id at its source; with `source` it makes the
 *   post's identity, so sending a post again changes nothing (idempotent by source + id).
 * - `source`: a short lower-case name for where it came from (`x`, `reddit`, `appstore-ios`,
 *   `zendesk`): letters, digits, `.`, `_`, `-`, at most 64.
 * - `author`: the name or handle to show, plain text, at most 256 characters.
 * - `text`: the post as plain text (not HTML), at most 10 KB of UTF-8.
 * - `url`: the post's public page, http(s) only; may be null or left out when there is none
 *   (a support ticket).
 * - `created_at`: RFC 3339 date-time with a zone (`Z` or `+02:00`).
 * - `lang` (optional): a BCP 47 language tag (`en`, `pt-BR`).
 * - `metadata` (optional): at most 32 flat fields; values are strings (≤ 1024 chars), numbers,
 *   booleans or null. Nested objects are refused so the store stays bounded.
 * Unknown fields are refused (so a typo is an error, not silently lost). A batch holds 1–1000 posts.
 */
import { z } from 'zod';
import { safeExternalUrl } from '../domain/external-url.ts';
import { utf8Length } from '../domain/safe-text.ts';
import type { DateSource } from '../domain/pulse/aggregate.ts';
import { COMPLAINT_TOPICS } from '../domain/sentiment/index.ts';

export type { DateSource } from '../domain/pulse/aggregate.ts';

export const MAX_POST_TEXT_BYTES = 10 * 1024;
export const MAX_AUTHOR_LENGTH = 256;
export const MAX_POST_ID_LENGTH = 256;
export const MAX_URL_LENGTH = 2048;
export const MAX_METADATA_FIELDS = 32;
export const MAX_METADATA_STRING = 1024;
export const MAX_INGEST_BATCH = 1000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const postSourceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'expected a source name: letters, digits, ".", "_" or "-", at most 64' });

const postId = z
  .union([z.string(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'id must not be empty' })
      .max(MAX_POST_ID_LENGTH, { message: `id is longer than ${MAX_POST_ID_LENGTH} characters` })
      .refine((v) => !CONTROL.test(v), { message: 'id must not contain control characters' }),
  );

const postUrl = z
  .string()
  .max(MAX_URL_LENGTH, { message: `url is longer than ${MAX_URL_LENGTH} characters` })
  .refine((u) => safeExternalUrl(u) !== null, { message: 'url must be an absolute http(s) URL without credentials or spaces' });

const lang = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'expected a BCP 47 language tag such as "en" or "pt-BR"' });

export const metadataValueSchema = z.union([z.string().max(MAX_METADATA_STRING), z.number().finite(), z.boolean(), z.null()]);
export const postMetadataSchema = z
  .record(z.string().min(1).max(64), metadataValueSchema)
  .refine((m) => Object.keys(m).length <= MAX_METADATA_FIELDS, { message: `metadata has more than ${MAX_METADATA_FIELDS} fields` });
export type PostMetadata = z.output<typeof postMetadataSchema>;

export const ingestPostSchema = z
  .object({
    id: postId,
    source: postSourceSchema,
    author: z.string().trim().min(1, { message: 'author must not be empty' }).max(MAX_AUTHOR_LENGTH),
    text: z
      .string()
      .refine((t) => t.trim() !== '', { message: 'text must not be empty' })
      .refine((t) => utf8Length(t) <= MAX_POST_TEXT_BYTES, { message: `text is larger than ${MAX_POST_TEXT_BYTES} bytes` }),
    url: postUrl.nullable().optional(),
    created_at: z.iso.datetime({ offset: true, message: 'created_at must be an RFC 3339 date-time with a zone, e.g. 2025-05-01T20:15:00Z' }),
    lang: lang.optional(),
    metadata: postMetadataSchema.optional(),
  })
  .strict();
export type IngestPost = z.output<typeof ingestPostSchema>;
export type IngestPostInput = z.input<typeof ingestPostSchema>;

export const ingestBatchSchema = z
  .object({
    posts: z
      .array(ingestPostSchema)
      .min(1, { message: 'posts must hold at least one post' })
      .max(MAX_INGEST_BATCH, { message: `at most ${MAX_INGEST_BATCH} posts per request` }),
  })
  .strict();
export type IngestBatch = z.output<typeof ingestBatchSchema>;

// ---- the normalised post --------------------------------------------------------------------

export const postKinds = ['ingest', 'feed', 'mastodon'] as const;
export type PostKind = (typeof postKinds)[number];
export const dateSources = ['source', 'first-seen', 'backlog'] as const satisfies readonly DateSource[];

export const sentimentSchema = z
  .object({
    compound: z.number().min(-1).max(1),
    label: z.enum(['negative', 'neutral', 'positive']),
    topics: z.array(z.enum(COMPLAINT_TOPICS)),
    drivers: z.array(z.object({ term: z.string().max(200), weight: z.number() }).strict()).max(10),
  })
  .strict();

/**
 * What the hub keeps of every post, whatever its source. All text is plain text with invisible
 * and control characters already neutralised (shared/domain/safe-text.ts); the wall still
 * renders it as text only and truncates it for display.
 */
export const postSchema = z
  .object({
    /** `${source}:${id}`: unique, the idempotency key. */
    key: z.string().min(3).max(MAX_POST_ID_LENGTH + 66),
    /** The workspace source (feed, Mastodon timeline) or the ingest `source`. */
    source: postSourceSchema,
    kind: z.enum(postKinds),
    id: z.string().min(1).max(MAX_POST_ID_LENGTH),
    /** Who wrote it: a handle (`@user@instance`), a feed item's author, or the ingest `author`. */
    author: z.string().max(MAX_AUTHOR_LENGTH),
    /** A display name beside the handle, when the source has one. */
    authorName: z.string().max(MAX_AUTHOR_LENGTH).nullable(),
    /** A feed item's title. */
    title: z.string().max(2048).nullable(),
    /** A Mastodon content warning (spoiler_text), shown before the text. */
    contentWarning: z.string().max(2048).nullable(),
    text: z.string().refine((t) => utf8Length(t) <= MAX_POST_TEXT_BYTES, { message: `text is larger than ${MAX_POST_TEXT_BYTES} bytes` }),
    url: postUrl.nullable(),
    /** When it was posted (epoch ms); see dateSource. */
    createdAt: z.number().int(),
    /** 'source': the source's own date; 'first-seen': none given, the poll that first saw it;
     * 'backlog': none given and already there on the first poll (its minute is unknown). */
    dateSource: z.enum(dateSources),
    /** When the hub received it (epoch ms). */
    receivedAt: z.number().int(),
    lang: lang.nullable(),
    metadata: postMetadataSchema,
    sentiment: sentimentSchema,
  })
  .strict();
export type Post = z.output<typeof postSchema>;

/** The order of "latest posts" everywhere (the store, live updates, the wall's view): newest
 *  written first, then newest received, so a feed's old items do not jump the queue. */
export const newestWrittenFirst = (a: Pick<Post, 'createdAt' | 'receivedAt'>, b: Pick<Post, 'createdAt' | 'receivedAt'>): number =>
  b.createdAt - a.createdAt || b.receivedAt - a.receivedAt;
