import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type TimelineEntry } from '../../../shared/model/incident.ts';
import type { WebhookConfig } from '../../../shared/model/incident-settings.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import { WebhookDeliveries } from './webhooks.ts';

const INC = '01JZ0000000000000000000000';
let n = 0;
const status = (to: 'investigating' | 'mitigated' | 'resolved'): TimelineEntry =>
  timelineEntrySchema.parse({ id: `01JZ${String(++n).padStart(22, '0')}`, incidentId: INC, seq: n, recordedAt: 0, occurredAt: 0, author: 'ann', console: 'c1', text: '', kind: 'status', data: { status: to } });
const summary = { id: INC, title: 'x', severity: 1, priority: null, status: 'investigating', open: true, commander: 'ann', declaredAt: 0, impactStartedAt: null, openTasks: 0, nextTaskDueAt: null, nextUpdateDue: null } as IncidentSummary;

function setup(answers: (url: string, body: string) => number, hooks: WebhookConfig[]) {
  const posted: { url: string; text: string }[] = [];
  const changes: WebhookDelivery[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    const text = (JSON.parse(String(init.body)) as { text: string }).text;
    const code = answers(url, text);
    posted.push({ url, text });
    return new Response(code === 200 ? 'ok' : 'nope', { status: code });
  }) as unknown as typeof fetch;
  const deliveries = new WebhookDeliveries({ webhooks: () => hooks, summary: () => summary, onChange: (d) => changes.push(d), retryMs: [5, 5], fetch: fake });
  const settled = () => deliveries.recent().every((d) => d.state === 'delivered' || d.state === 'failed');
  return { deliveries, posted, changes, settled };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('webhook deliveries', () => {
  it('keeps each webhook in order: a retried message holds the next one back; another webhook is not held', async () => {
    let first = true;
    const { deliveries, posted, settled } = setup((url) => (url.endsWith('/a') && first ? ((first = false), 500) : 200), [
      { url: 'http://hooks.test/a', events: ['status'] },
      { url: 'http://hooks.test/b', events: ['status'] },
    ]);
    deliveries.entry(status('mitigated'));
    deliveries.entry(status('resolved'));
    await until(settled);
    const toA = posted.filter((p) => p.url.endsWith('/a')).map((p) => p.text.split('\n')[0]!.split(': ').at(-1));
    expect(toA).toEqual(['mitigated', 'mitigated', 'resolved']);
    expect(posted.filter((p) => p.url.endsWith('/b'))).toHaveLength(2);
    expect(deliveries.recent().map((d) => [d.webhook, d.state, d.attempts])).toEqual([
      ['hooks.test', 'delivered', 2],
      ['hooks.test', 'delivered', 1],
      ['hooks.test', 'delivered', 1],
      ['hooks.test', 'delivered', 1],
    ]);
    deliveries.close();
  });

  it('gives up after the last retry, and at once on a refusal, saying why', async () => {
    const { deliveries, settled } = setup((url) => (url.endsWith('/down') ? 503 : 410), [
      { name: 'down', url: 'http://hooks.test/down', events: ['status'] },
      { name: 'revoked', url: 'http://hooks.test/revoked', events: ['status'] },
    ]);
    deliveries.entry(status('mitigated'));
    await until(settled);
    expect(deliveries.recent().map((d) => [d.webhook, d.state, d.attempts, d.lastError])).toEqual([
      ['down', 'failed', 3, 'HTTP 503: nope'],
      ['revoked', 'failed', 1, 'HTTP 410: nope'],
    ]);
    deliveries.close();
  });
});
