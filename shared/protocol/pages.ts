/**
 * Pages over REST: the documented shape `POST /api/v1/ingest/pages` takes (one page, or
 * `{ pages: [...] }` up to 500), and what the hub keeps. A page is one notification that reached
 * a person; `id` is the sender's own id for it, so a redelivery is stored once.
 */
import { z } from 'zod';

/** Epoch ms, or an ISO 8601 time with its offset ("2026-02-10T03:12:00Z"). */
const instant = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .refine((s) => /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && Number.isFinite(Date.parse(s)), { message: 'expected an ISO 8601 time with Z or an offset' })
    .transform((s) => Date.parse(s)),
]);

const name = z.string().trim().min(1).max(120);

export const ingestPageSchema = z
  .object({
    id: z.string().trim().min(1).max(200).describe("The sender's id for this page: a redelivery with the same id is stored once."),
    at: instant.describe('When the page went out: epoch ms or ISO 8601 with an offset.'),
    team: name.describe('The team that was paged (a team id of the workspace, so its time zone decides "off hours").'),
    service: name,
    severity: z.string().trim().min(1).max(40).optional().describe('As the sender says it: critical, high, P1…'),
    title: z.string().max(500).optional(),
    dedupKey: z.string().min(1).max(300).optional().describe('Pages with the same key within 30 minutes are one page event (default: the service).'),
  })
  .strict();

export const ingestPagesBodySchema = z.union([ingestPageSchema, z.object({ pages: z.array(ingestPageSchema).min(1).max(500) }).strict()]);
export type IngestPage = z.output<typeof ingestPageSchema>;

export const pageSources = ['api', 'alertmanager', 'pagerduty', 'incident'] as const;
export type PageSource = (typeof pageSources)[number];

export const storedPageSchema = z.object({
  id: z.string(),
  at: z.number(),
  team: z.string(),
  service: z.string(),
  severity: z.string().nullable(),
  title: z.string().nullable(),
  dedupKey: z.string().nullable(),
  source: z.enum(pageSources),
  receivedAt: z.number(),
});
export type StoredPage = z.output<typeof storedPageSchema>;

export const ingestPagesReplySchema = z.object({
  stored: z.number().describe('Pages new to the hub.'),
  duplicates: z.number().describe('Pages it already had (same id): nothing changed.'),
  ignored: z.array(z.string()).describe('What a webhook carried that is not a page (e.g. a resolved alert), in words.'),
  pages: z.array(storedPageSchema),
});
export type IngestPagesReply = z.output<typeof ingestPagesReplySchema>;
