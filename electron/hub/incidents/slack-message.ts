/**
 * What an incident event looks like in Slack (or anything that takes Slack's incoming-webhook
 * JSON): `text` for notifications and clients without blocks, `blocks` for the channel. User text
 * is escaped for Slack's mrkdwn (&, <, >), so nobody's title can ping @channel or forge a link.
 */
import { markerLabels, severityLabel, type TimelineEntry } from '../../../shared/model/incident.ts';
import type { WebhookEvent } from '../../../shared/model/incident-settings.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** Slack's three control characters, as its docs say to escape them. */
export const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The event an entry is, for webhooks: a declaration, a status change, a sent status update; else null. */
export function webhookEventOf(entry: TimelineEntry): WebhookEvent | null {
  if (entry.supersedes !== undefined || entry.deleted) return null;
  if (entry.kind === 'marker' && entry.data.marker === 'declared') return 'declared';
  if (entry.kind === 'status') return 'status';
  if (entry.kind === 'status_update' && entry.data.sentAt !== undefined) return 'status_update';
  return null;
}

export function slackMessage(event: WebhookEvent, entry: TimelineEntry, incident: IncidentSummary): SlackMessage {
  const sev = severityLabel(incident.severity);
  const title = slackEscape(incident.title);
  const commander = incident.commander ? `@${slackEscape(incident.commander)}` : 'nobody yet';
  let headline: string;
  const lines: string[] = [];
  if (event === 'declared') {
    headline = `🚨 ${sev} declared: ${title}`;
    lines.push(`*Commander:* ${commander}`, `*Declared by:* ${slackEscape(entry.author)}`);
  } else if (event === 'status' && entry.kind === 'status') {
    headline = `${sev} ${title}: ${entry.data.from ? `${entry.data.from} → ` : ''}${entry.data.status}`;
    if (entry.text.trim()) lines.push(slackEscape(entry.text.trim()));
    lines.push(`*Commander:* ${commander}`);
  } else if (entry.kind === 'status_update') {
    headline = `${sev} ${title}: ${entry.data.audience} status update`;
    if (entry.text.trim()) lines.push(slackEscape(entry.text.trim()));
    for (const [name, value] of [['Conditions', entry.data.conditions], ['Actions', entry.data.actions], ['Needs', entry.data.needs]] as const) {
      if (value.trim()) lines.push(`*${name}:* ${slackEscape(value.trim())}`);
    }
  } else {
    headline = `${sev} ${title}: ${entry.kind === 'marker' ? markerLabels[entry.data.marker] : entry.kind}`;
  }
  const body = lines.join('\n');
  return {
    text: body ? `${headline}\n${body}` : headline,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
      ...(body ? [{ type: 'section', text: { type: 'mrkdwn', text: body } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Mission Control · status ${entry.kind === 'status' ? entry.data.status : incident.status} · incident ${incident.id}` }] },
    ],
  };
}
