import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type TimelineEntry } from '../../../shared/model/incident.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import { slackEscape, slackMessage, webhookEventOf } from './slack-message.ts';

const INC = '01JZ0000000000000000000000';
const e = (seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry =>
  timelineEntrySchema.parse({ id: `01JZ${String(seq).padStart(22, '0')}`, incidentId: INC, seq, recordedAt: 0, occurredAt: 0, author: 'ann', console: 'c1', text: '', kind, ...fields });
const incident: IncidentSummary = {
  id: INC,
  title: 'Checkout <!channel> down & out',
  severity: 2,
  priority: null,
  status: 'investigating',
  open: true,
  commander: 'ann',
  declaredAt: 0,
  impactStartedAt: null,
  openTasks: 0,
  nextTaskDueAt: null,
  nextUpdateDue: null,
};

describe('webhook messages', () => {
  it('posts a declaration, a status change and a sent update; nothing else, no edits', () => {
    expect(webhookEventOf(e(1, 'marker', { data: { marker: 'declared' } }))).toBe('declared');
    expect(webhookEventOf(e(2, 'marker', { data: { marker: 'mitigated' } }))).toBeNull();
    expect(webhookEventOf(e(3, 'status', { data: { status: 'mitigated' } }))).toBe('status');
    expect(webhookEventOf(e(4, 'status_update', { data: { audience: 'external' } }))).toBeNull(); // a draft
    expect(webhookEventOf(e(5, 'status_update', { data: { audience: 'external', sentAt: 1 } }))).toBe('status_update');
    expect(webhookEventOf(e(6, 'note', { text: 'hello' }))).toBeNull();
    expect(webhookEventOf(e(7, 'status', { data: { status: 'mitigated' }, supersedes: '01JZ0000000000000000000003' }))).toBeNull();
  });

  it('writes Slack JSON with every piece of user text escaped', () => {
    expect(slackEscape('<@U1> & <https://x|y>')).toBe('&lt;@U1&gt; &amp; &lt;https://x|y&gt;');
    const update = slackMessage(
      'status_update',
      e(5, 'status_update', { text: 'Payments <b>recovering</b>', data: { audience: 'executive', conditions: 'errors < 1%', actions: 'failed over', needs: '', sentAt: 1 } }),
      incident,
    );
    expect(update.text).toBe(
      'SEV2 Checkout &lt;!channel&gt; down &amp; out: executive status update\nPayments &lt;b&gt;recovering&lt;/b&gt;\n*Conditions:* errors &lt; 1%\n*Actions:* failed over',
    );
    expect(update.blocks).toHaveLength(3);
    expect(JSON.stringify(update)).not.toMatch(/<!channel>|<b>/);
    const status = slackMessage('status', e(3, 'status', { data: { status: 'mitigated', from: 'investigating' } }), incident);
    expect(status.text.split('\n')[0]).toBe('SEV2 Checkout &lt;!channel&gt; down &amp; out: investigating → mitigated');
    expect(JSON.stringify(status.blocks.at(-1))).toContain('status mitigated');
  });
});
