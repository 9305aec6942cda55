/**
 * POST /api/v1/ingest/push: values for named series, Smashing-style, for teams whose numbers are
 * not behind an API. A shell one-liner can send `{ "source": "box-office", "values": { "sold": 42 } }`;
 * labelled or back-dated points go in `points`.
 */
import { z } from 'zod';

/** A pushed point may be this much older than the hub's clock (it still counts as received now). */
export const PUSH_MAX_AGE_MS = 60 * 60_000;
/** …or this much ahead of it (clock skew between the pusher and the hub). */
export const PUSH_MAX_AHEAD_MS = 60_000;
export const PUSH_MAX_POINTS = 1000;

const seriesName = z.string().trim().min(1).max(200);

export const pushPointSchema = z
  .object({
    series: seriesName.describe('The series name, e.g. viewers'),
    value: z.number().describe('A finite number'),
    labels: z.record(z.string().min(1).max(100), z.string().max(200)).optional().describe('e.g. { "region": "eu-west" }'),
    at: z.number().int().optional().describe('epoch ms when the value held; default: when the hub received it'),
  })
  .strict();
export type PushPoint = z.output<typeof pushPointSchema>;

export const pushBodySchema = z
  .object({
    source: z.string().min(1).max(64).describe('The id of a push source in the workspace'),
    values: z
      .record(seriesName, z.number())
      .optional()
      .describe('Shorthand: series name → value, received now, no labels (e.g. { "tickets_sold": 18234 })'),
    points: z.array(pushPointSchema).max(PUSH_MAX_POINTS).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b.values ?? {}).length + (b.points?.length ?? 0) > 0, {
    message: 'expected at least one value in "values" or "points"',
    path: ['values'],
  })
  .refine((b) => Object.keys(b.values ?? {}).length + (b.points?.length ?? 0) <= PUSH_MAX_POINTS, {
    message: `expected at most ${PUSH_MAX_POINTS} values in one push`,
    path: ['points'],
  });
export type PushBody = z.output<typeof pushBodySchema>;

export const pushReplySchema = z.object({
  accepted: z.number().describe('Values stored'),
  frames: z.number().describe('Panel frames that received new data'),
  receivedAt: z.number().describe('epoch ms (hub clock)'),
});
export type PushReply = z.output<typeof pushReplySchema>;
