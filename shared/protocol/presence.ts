/**
 * Which consoles are in the room and what they still hold. A console reports its outbox
 * (`console:presence`, responder) when it connects and whenever the count changes; the hub keeps
 * one row per connected socket (and a disconnected console's last report for a while, so the
 * wall can say "console-7f3a offline since 14:05 with 3 unsent entries"), answers
 * `consoles:list` (viewer) with the board and broadcasts it (`consoles:presence`) on every change.
 */
import { z } from 'zod';
import { personSchema } from '../model/incident.ts';

const count = z.number().int().min(0).max(1_000_000);

export const presenceReportSchema = z
  .object({
    console: z.string().trim().min(1).max(64).describe('The seat name, as on its entries.'),
    person: personSchema.nullable().describe('Who is signed in at it, if they gave their name.'),
    pending: count.describe('Commands in its outbox not yet acknowledged by the hub.'),
    refused: count.describe('Commands the hub refused, shown there until dismissed.'),
    oldestPendingAt: z.number().int().nonnegative().nullable().describe('When the oldest unsent command was queued (console clock).'),
  })
  .strict();
export type PresenceReport = z.input<typeof presenceReportSchema>;

export const presenceRequestSchemas = {
  'console:presence': presenceReportSchema,
  'consoles:list': z.object({}).strict(),
} as const;

export interface ConsolePresence {
  readonly console: string;
  readonly person: string | null;
  /** The token it connected with. */
  readonly tokenName: string;
  readonly pending: number;
  readonly refused: number;
  readonly oldestPendingAt: number | null;
  readonly connected: boolean;
  /** Connected: since when (hub clock); disconnected: when it went. */
  readonly since: number;
}

export interface PresenceBoard {
  /** Connected consoles first, then by name. */
  readonly consoles: readonly ConsolePresence[];
  /** Hub clock when the board was made. */
  readonly at: number;
}
