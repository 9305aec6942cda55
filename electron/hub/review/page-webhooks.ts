/**
 * Pages from the webhooks of the tools that send them, turned into the documented page shape:
 *
 * - Alertmanager's webhook (payload version 4): every firing alert of the notification is a page
 *   (resolved ones are not); its id is the alert's fingerprint and start, so Alertmanager's
 *   repeat notifications of the same alert are the same page; the alerts of one notification
 *   share the group key as their de-dup key, so a group of 7 alerts is 7 raw pages, 1 page event.
 *   Team and service come from the `team` and `service` labels (else `job`, else `alertname`).
 * - PagerDuty's v3 webhook: an `incident.triggered` event is a page (id: the incident's id); other
 *   events (acknowledged, resolved…) are not. Team: the incident's first team; service: its service.
 *
 * `?team=` on the URL is the team when the payload names none. What is missing is named by field.
 */
import { z } from 'zod';
import type { IngestPage } from '../../../shared/protocol/pages.ts';

export class WebhookRefused extends Error {}

export interface WebhookPages {
  readonly pages: IngestPage[];
  readonly ignored: string[];
}

const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), { message: 'expected an ISO 8601 time' });

const alertmanagerSchema = z.object({
  version: z.string().optional(),
  groupKey: z.string(),
  receiver: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).optional(),
        startsAt: isoTime,
        fingerprint: z.string().min(1).optional(),
      }),
    )
    .max(1000),
});

const reference = z.object({ id: z.string().optional(), summary: z.string().optional() }).nullish();
const pagerDutySchema = z.object({
  event: z.object({
    id: z.string(),
    event_type: z.string(),
    resource_type: z.string().optional(),
    occurred_at: isoTime,
    data: z.object({
      id: z.string(),
      type: z.string().optional(),
      title: z.string().optional(),
      urgency: z.string().optional(),
      incident_key: z.string().nullish(),
      service: reference,
      teams: z.array(reference).nullish(),
      priority: reference,
    }),
  }),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new WebhookRefused(`not ${what}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

export function pagesFromAlertmanager(body: unknown, defaultTeam: string | undefined): WebhookPages {
  const payload = parse(alertmanagerSchema, body, 'an Alertmanager webhook payload');
  const pages: IngestPage[] = [];
  const ignored: string[] = [];
  payload.alerts.forEach((alert, i) => {
    const name = alert.labels.alertname ?? `alert ${i}`;
    if (alert.status !== 'firing') {
      ignored.push(`alerts[${i}] (${name}) is resolved: not a page`);
      return;
    }
    const team = alert.labels.team ?? defaultTeam;
    if (!team) throw new WebhookRefused(`alerts[${i}].labels.team: missing, and no ?team= on the URL`);
    const service = alert.labels.service ?? alert.labels.job ?? name;
    const at = Date.parse(alert.startsAt);
    const key = alert.fingerprint ?? JSON.stringify(Object.entries(alert.labels).sort());
    pages.push({
      id: clip(`am:${key}:${at}`, 200),
      at,
      team: clip(team, 120),
      service: clip(service, 120),
      ...(alert.labels.severity ? { severity: clip(alert.labels.severity, 40) } : {}),
      title: clip(alert.annotations?.summary ?? name, 500),
      dedupKey: clip(payload.groupKey, 300),
    });
  });
  return { pages, ignored };
}

export function pagesFromPagerDuty(body: unknown, defaultTeam: string | undefined): WebhookPages {
  const { event } = parse(pagerDutySchema, body, 'a PagerDuty v3 webhook payload');
  if (event.event_type !== 'incident.triggered') return { pages: [], ignored: [`event ${event.id} is ${event.event_type}: not a page`] };
  const data = event.data;
  const team = data.teams?.find((t) => t?.summary)?.summary ?? defaultTeam;
  if (!team) throw new WebhookRefused('event.data.teams: no team, and no ?team= on the URL');
  const service = data.service?.summary;
  if (!service) throw new WebhookRefused('event.data.service.summary: missing');
  const severity = data.priority?.summary ?? data.urgency;
  return {
    pages: [
      {
        id: clip(`pd:${data.id}`, 200),
        at: Date.parse(event.occurred_at),
        team: clip(team, 120),
        service: clip(service, 120),
        ...(severity ? { severity: clip(severity, 40) } : {}),
        ...(data.title ? { title: clip(data.title, 500) } : {}),
      },
    ],
    ignored: [],
  };
}
