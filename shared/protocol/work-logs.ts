/**
 * Work logged by people (`POST /api/v1/work-logs`), each flagged toil or not: the toil share per
 * team is toil time ÷ logged time (shared/domain/review/toil.ts), against a 25% target. Nothing is
 * guessed: a team that logged nothing has no share. The id is the sender's, so a retry is stored
 * once.
 */
import { z } from 'zod';
import { durationMs } from '../model/duration.ts';

export const workLogBodySchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    team: z.string().trim().min(1).max(120),
    person: z.string().trim().min(1).max(80),
    at: z.number().int().nonnegative().describe('When the work started, epoch ms.'),
    duration: durationMs.describe('How long: "45m", "2h" or milliseconds.'),
    toil: z.boolean().describe('Manual, repetitive, automatable work with no lasting value (a restart by hand, a ticket copied across).'),
    text: z.string().max(500).optional(),
  })
  .strict();
export type WorkLogBody = z.output<typeof workLogBodySchema>;

export const storedWorkLogSchema = z.object({
  id: z.string(),
  team: z.string(),
  person: z.string(),
  at: z.number(),
  durationMs: z.number(),
  toil: z.boolean(),
  text: z.string().nullable(),
  recordedAt: z.number(),
});
export type StoredWorkLog = z.output<typeof storedWorkLogSchema>;
