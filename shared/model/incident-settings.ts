/**
 * The workspace's `incidents` section: how often each audience must hear from an incident, per
 * severity (overrides of the built-in cadence), and the Slack-compatible incoming webhooks that
 * receive declarations, status changes and sent status updates.
 *
 *   incidents:
 *     cadence:
 *       sev1: { external: { first: 5m, every: 15m } }
 *       sev3: { executive: { every: 2h } }
 *     webhooks:
 *       - name: war-room
 *         url: ${SLACK_WEBHOOK_URL}
 *         events: [declared, status, status_update]
 *     changeLookback: 2h        # the deploys this long before impact start join a new incident's timeline
 */
import { z } from 'zod';
import { durationMs } from './duration.ts';
import { audiences, cadenceRuleSchema } from './incident.ts';

/** Per audience: a rule replaces the default, null means no updates are owed to it. */
const audienceOverrides = z
  .object(Object.fromEntries(audiences.map((a) => [a, cadenceRuleSchema.nullable().optional()])) as Record<(typeof audiences)[number], z.ZodOptional<z.ZodNullable<typeof cadenceRuleSchema>>>)
  .strict();

export const cadenceOverridesSchema = z
  .object({ sev1: audienceOverrides.optional(), sev2: audienceOverrides.optional(), sev3: audienceOverrides.optional(), sev4: audienceOverrides.optional() })
  .strict()
  .describe('Status-update cadence per severity and audience; what is not given keeps the default.');
export type CadenceOverrides = z.output<typeof cadenceOverridesSchema>;

export const webhookEvents = ['declared', 'status', 'status_update'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const webhookSchema = z
  .object({
    name: z.string().trim().min(1).max(60).optional().describe('Shown in the console (the URL, a secret, never is).'),
    url: z.url({ protocol: /^https?$/ }).describe('A Slack-compatible incoming webhook: receives {text, blocks} as JSON.'),
    events: z.array(z.enum(webhookEvents)).min(1).default([...webhookEvents]),
    audiences: z.array(z.enum(audiences)).min(1).optional().describe('Only status updates to these audiences (default: all).'),
  })
  .strict();
export type WebhookConfig = z.output<typeof webhookSchema>;

/** Follow-ups are due this many days after they are logged unless dated otherwise. */
export const DEFAULT_FOLLOW_UP_DAYS = 30;

export const incidentSettingsSchema = z
  .object({
    cadence: cadenceOverridesSchema.optional(),
    webhooks: z.array(webhookSchema).max(20).default([]),
    followUpDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(DEFAULT_FOLLOW_UP_DAYS)
      .describe('A follow-up without a due date is due this many days after it was logged (the goal "all action items closed within N days").'),
    causes: z
      .array(z.string().trim().min(1).max(120))
      .max(200)
      .optional()
      .describe('The root-cause categories the Record card offers first (any other may be typed); the weekly review counts causes in these spellings.'),
    changeLookback: durationMs
      .optional()
      .describe('Changes and deploys from this long before impact start (default 2h) are copied into a newly declared incident\'s timeline, marked "before impact".'),
  })
  .strict();
export type IncidentSettings = z.output<typeof incidentSettingsSchema>;
