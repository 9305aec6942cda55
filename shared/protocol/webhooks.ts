/**
 * Webhook deliveries as the consoles see them: each message the hub posts to a configured
 * Slack-compatible webhook, its attempts and its outcome. Broadcast as `incident:delivery` on
 * every change, listed with `webhooks:deliveries` (viewer). A failure is shown, never silent; the
 * webhook's URL (a secret) never leaves the hub, only its name or host.
 */
import { z } from 'zod';
import type { WebhookEvent } from '../model/incident-settings.ts';

export const deliveryStates = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export interface WebhookDelivery {
  readonly id: string;
  /** The webhook's name, else its host. */
  readonly webhook: string;
  readonly incidentId: string;
  readonly event: WebhookEvent;
  /** The message's first line. */
  readonly summary: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When the next attempt is due (hub clock), while retrying. */
  readonly nextAttemptAt: number | null;
  readonly createdAt: number;
  readonly settledAt: number | null;
}

export const webhookRequestSchemas = {
  'webhooks:deliveries': z.object({ incidentId: z.string().max(64).optional() }).strict(),
} as const;
