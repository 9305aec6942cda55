import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import { openDatabase } from './db.ts';
import { WebhookDeliveryRepository, type StoredDelivery } from './webhooks.ts';

let db: DatabaseSync;
let repo: WebhookDeliveryRepository;
beforeEach(() => {
  db = openDatabase(':memory:');
  repo = new WebhookDeliveryRepository(db);
});
afterEach(() => db.close());

let n = 0;
const stored = (key: string, changes: Partial<WebhookDelivery> = {}): StoredDelivery => {
  n++;
  return {
    key,
    message: { text: `message ${n}`, blocks: [] },
    delivery: {
      id: `01JZ${String(n).padStart(22, '0')}`,
      webhook: `hook ${key}`,
      incidentId: 'inc',
      event: 'status',
      summary: `message ${n}`,
      state: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      createdAt: n,
      settledAt: null,
      ...changes,
    },
  };
};
const givenUp = { lastError: 'given up', settledAt: 99 };
const count = (where = '1') => (db.prepare(`SELECT count(*) AS n FROM webhook_deliveries WHERE ${where}`).get() as { n: number }).n;

describe('webhook delivery repository', () => {
  it('keeps a queue per webhook in the order written, with its message', () => {
    const a1 = stored('a');
    const b1 = stored('b');
    const a2 = stored('a');
    for (const s of [a1, b1, a2]) repo.enqueue(s, 10, givenUp);
    expect(repo.openKeys()).toEqual(['a', 'b']);
    expect(repo.head('a')).toEqual(a1);
    repo.update({ ...a1.delivery, state: 'delivered', attempts: 1, settledAt: 5 });
    expect(repo.head('a')).toEqual(a2);
    expect(repo.recent(10).map((d) => [d.summary, d.state])).toEqual([
      [a1.delivery.summary, 'delivered'],
      [b1.delivery.summary, 'pending'],
      [a2.delivery.summary, 'pending'],
    ]);
  });

  it('at the limit gives up the oldest waiting one, never the head, in the same write', () => {
    const [head, second, third] = [stored('a'), stored('a'), stored('a')];
    expect(repo.enqueue(head, 2, givenUp)).toBeNull();
    expect(repo.enqueue(second, 2, givenUp)).toBeNull();
    const dropped = repo.enqueue(third, 2, givenUp);
    expect(dropped).toMatchObject({ id: second.delivery.id, state: 'failed', lastError: 'given up', settledAt: 99 });
    expect(repo.recent(10).map((d) => [d.id, d.state])).toEqual([
      [head.delivery.id, 'pending'],
      [second.delivery.id, 'failed'],
      [third.delivery.id, 'pending'],
    ]);
  });

  it('refuses a settled state without a settle time (and the other way round)', () => {
    expect(() => repo.enqueue(stored('a', { state: 'delivered' }), 10, givenUp)).toThrow(/CHECK constraint/);
    expect(() => repo.enqueue(stored('a', { settledAt: 1 }), 10, givenUp)).toThrow(/CHECK constraint/);
  });

  it('prunes settled rows by age and by count, never open ones', () => {
    for (let i = 0; i < 30; i++) repo.enqueue(stored('a', { state: 'delivered', attempts: 1, settledAt: 1_000 + i }), 10, givenUp);
    const open = stored('a');
    repo.enqueue(open, 10, givenUp);
    // 1_000..1_004 are too old; of the rest only the newest 20 stay.
    expect(repo.prune(1_005, 20)).toBe(10);
    expect(count('settled_at IS NOT NULL')).toBe(20);
    expect(count('settled_at < 1010')).toBe(0);
    expect(repo.head('a')).toEqual(open);
    expect(repo.prune(Number.MAX_SAFE_INTEGER, 0)).toBe(20);
    expect(count()).toBe(1);
  });
});
