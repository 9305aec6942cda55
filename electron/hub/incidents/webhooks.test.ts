import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timelineEntrySchema, type TimelineEntry } from '../../../shared/model/incident.ts';
import type { WebhookConfig } from '../../../shared/model/incident-settings.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import { openDatabase } from '../store/db.ts';
import { WebhookDeliveryRepository } from '../store/webhooks.ts';
import { QUEUE_LIMIT, WebhookDeliveries } from './webhooks.ts';

const INC = '01JZ0000000000000000000000';
let n = 0;
const status = (to: 'investigating' | 'mitigated' | 'resolved'): TimelineEntry =>
  timelineEntrySchema.parse({ id: `01JZ${String(++n).padStart(22, '0')}`, incidentId: INC, seq: n, recordedAt: 0, occurredAt: 0, author: 'ann', console: 'c1', text: '', kind: 'status', data: { status: to } });
const summary = { id: INC, title: 'x', severity: 1, priority: null, status: 'investigating', open: true, commander: 'ann', declaredAt: 0, impactStartedAt: null, openTasks: 0, nextTaskDueAt: null, nextUpdateDue: null } as IncidentSummary;

// One database per test, as the hub's store would hold it; a "restart" is a second WebhookDeliveries on it.
let db: DatabaseSync;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

type Answer = number | 'hang';

function setup(answers: (url: string, body: string) => Answer, hooks: WebhookConfig[], start = true) {
  const posted: { url: string; text: string }[] = [];
  const changes: WebhookDelivery[] = [];
  const logs: string[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    const text = (JSON.parse(String(init.body)) as { text: string }).text;
    const code = answers(url, text);
    posted.push({ url, text });
    // A receiver that takes the request and never answers (the hub stops meanwhile).
    if (code === 'hang') return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    return new Response(code === 200 ? 'ok' : 'nope', { status: code });
  }) as unknown as typeof fetch;
  const deliveries = new WebhookDeliveries({
    repo: new WebhookDeliveryRepository(db),
    webhooks: () => hooks,
    summary: () => summary,
    onChange: (d) => changes.push(d),
    retryMs: [5, 5],
    fetch: fake,
    log: (m) => logs.push(m),
  });
  if (start) deliveries.start();
  const settled = () => deliveries.recent().length > 0 && deliveries.recent().every((d) => d.state === 'delivered' || d.state === 'failed');
  return { deliveries, posted, changes, logs, settled };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};
const headline = (text: string) => text.split('\n')[0]!.split(': ').at(-1);

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
    const toA = posted.filter((p) => p.url.endsWith('/a')).map((p) => headline(p.text));
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

  it('never keeps the URL in the store, only its key and the label', async () => {
    const { deliveries, settled } = setup(() => 200, [{ name: 'war-room', url: 'http://hooks.test/T000/B000/very-secret', events: ['status'] }]);
    deliveries.entry(status('mitigated'));
    await until(settled);
    const dump = JSON.stringify(db.prepare('SELECT * FROM webhook_deliveries').all());
    expect(dump).toContain('war-room');
    expect(dump).not.toContain('very-secret');
    deliveries.close();
  });

  it('resumes after a restart in order, from where a retry left off; a message in flight is sent again', async () => {
    const hooks: WebhookConfig[] = [{ url: 'http://hooks.test/a', events: ['status'] }];
    // First run: the first message is taken and never answered, the second waits behind it.
    const before = setup(() => 'hang', hooks);
    before.deliveries.entry(status('mitigated'));
    before.deliveries.entry(status('resolved'));
    await until(() => before.posted.length === 1);
    before.deliveries.close();
    expect(before.deliveries.recent().map((d) => d.state)).toEqual(['pending', 'pending']);

    const after = setup(() => 200, hooks, false);
    expect(after.posted).toEqual([]);
    after.deliveries.start();
    await until(after.settled);
    // At least once: the first message reached the receiver before the stop and is sent again.
    expect(after.posted.map((p) => headline(p.text))).toEqual(['mitigated', 'resolved']);
    expect(after.deliveries.recent().map((d) => [d.state, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
    ]);
    after.deliveries.close();
  });

  it('a retry left waiting by a restart keeps its count and its due time', async () => {
    const hooks: WebhookConfig[] = [{ url: 'http://hooks.test/a', events: ['status'] }];
    const before = setup(() => 503, hooks);
    before.deliveries.entry(status('mitigated'));
    await until(() => before.deliveries.recent()[0]?.state === 'retrying');
    before.deliveries.close();
    const [retrying] = before.deliveries.recent();
    expect(retrying).toMatchObject({ attempts: 1, lastError: 'HTTP 503: nope' });

    const after = setup(() => 503, hooks);
    await until(after.settled);
    // Two retries in all ([5, 5]): one before the restart, one after it, then given up.
    expect(after.deliveries.recent().map((d) => [d.state, d.attempts])).toEqual([['failed', 3]]);
    after.deliveries.close();
  });

  it('does not send what waits for a webhook no longer in the workspace, and says so', async () => {
    const before = setup(() => 'hang', [{ name: 'old', url: 'http://hooks.test/old', events: ['status'] }], false);
    before.deliveries.entry(status('mitigated'));
    before.deliveries.close();

    const after = setup(() => 200, [{ name: 'new', url: 'http://hooks.test/new', events: ['status'] }]);
    await until(after.settled);
    expect(after.posted).toEqual([]);
    expect(after.deliveries.recent().map((d) => [d.webhook, d.state, d.attempts, d.lastError])).toEqual([
      ['old', 'failed', 0, 'not sent: the webhook is no longer in the workspace'],
    ]);
    expect(after.changes.at(-1)).toMatchObject({ webhook: 'old', state: 'failed' });
    after.deliveries.close();
  });

  it(`at ${QUEUE_LIMIT} waiting gives up the oldest waiting one (not the one being sent), in words and in the log`, async () => {
    const { deliveries, changes, logs, posted, settled } = setup(() => 200, [{ name: 'busy', url: 'http://hooks.test/busy', events: ['status'] }], false);
    for (let i = 0; i <= QUEUE_LIMIT; i++) deliveries.entry(status('mitigated'));
    await until(() => changes.length === QUEUE_LIMIT + 2);
    const given = changes.filter((d) => d.state === 'failed');
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({ id: changes[1]!.id, lastError: `given up: more than ${QUEUE_LIMIT} messages waiting for this webhook` });
    expect(logs.join('\n')).toContain(`more than ${QUEUE_LIMIT} messages waiting`);
    deliveries.start();
    await until(settled);
    expect(posted).toHaveLength(QUEUE_LIMIT);
    deliveries.close();
  });

  it('writes a message of a command acked while the hub stops, for the next start', async () => {
    const hooks: WebhookConfig[] = [{ url: 'http://hooks.test/a', events: ['status'] }];
    const before = setup(() => 200, hooks, false);
    before.deliveries.close();
    before.deliveries.entry(status('mitigated'));
    expect(before.posted).toEqual([]);
    const after = setup(() => 200, hooks);
    await until(after.settled);
    expect(after.posted.map((p) => headline(p.text))).toEqual(['mitigated']);
    after.deliveries.close();
  });
});
