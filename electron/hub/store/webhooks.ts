import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { WebhookEvent } from '../../../shared/model/incident-settings.ts';
import type { DeliveryState, WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import { inTransaction } from './db.ts';

/** A delivery as stored: what the consoles see, the webhook it waits for, and the message itself. */
export interface StoredDelivery {
  readonly delivery: WebhookDelivery;
  /** Identifies the webhook without being its URL (the URL is a secret). */
  readonly key: string;
  /** The JSON body to post (Slack's `{ text, blocks }`). */
  readonly message: unknown;
}

interface DeliveryRow {
  id: string;
  webhook_key: string;
  webhook: string;
  incident_id: string;
  event: WebhookEvent;
  summary: string;
  message: string;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
  created_at: number;
  settled_at: number | null;
}

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhook: row.webhook,
  incidentId: row.incident_id,
  event: row.event,
  summary: row.summary,
  state: row.state,
  attempts: row.attempts,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  settledAt: row.settled_at,
});

const VIEW_COLUMNS = 'id, webhook, incident_id, event, summary, state, attempts, last_error, next_attempt_at, created_at, settled_at';

/**
 * The webhook outbox and its recent history. Open rows (not settled) are the queues, in seq order
 * per webhook; settled rows are what the consoles list, pruned by count and age. Each write is
 * committed when it returns (autocommit or one transaction, synchronous=FULL).
 */
export class WebhookDeliveryRepository {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #open: StatementSync;
  readonly #head: StatementSync;
  readonly #waitingAfterHead: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_key, webhook, incident_id, event, summary, message, state, attempts, last_error, next_attempt_at, created_at, settled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#update = db.prepare('UPDATE webhook_deliveries SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?, settled_at = ? WHERE id = ?');
    this.#open = db.prepare('SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_key = ? AND settled_at IS NULL');
    this.#head = db.prepare('SELECT * FROM webhook_deliveries WHERE webhook_key = ? AND settled_at IS NULL ORDER BY seq LIMIT 1');
    // The head may be on its way out right now, so the one given up at the limit is the next.
    this.#waitingAfterHead = db.prepare('SELECT * FROM webhook_deliveries WHERE webhook_key = ? AND settled_at IS NULL ORDER BY seq LIMIT 1 OFFSET 1');
  }

  /**
   * Put a delivery at the end of its webhook's queue. When `limit` deliveries already wait there,
   * the oldest one after the head is settled as `givenUp` first, in the same transaction, and
   * returned (so the caller can say so).
   */
  enqueue(stored: StoredDelivery, limit: number, givenUp: Pick<WebhookDelivery, 'lastError' | 'settledAt'>): WebhookDelivery | null {
    return inTransaction(this.#db, () => {
      let dropped: WebhookDelivery | null = null;
      if ((this.#open.get(stored.key) as { n: number }).n >= limit) {
        const row = this.#waitingAfterHead.get(stored.key) as DeliveryRow | undefined;
        if (row) {
          dropped = { ...toDelivery(row), state: 'failed', lastError: givenUp.lastError, nextAttemptAt: null, settledAt: givenUp.settledAt };
          this.update(dropped);
        }
      }
      const d = stored.delivery;
      this.#insert.run(
        d.id, stored.key, d.webhook, d.incidentId, d.event, d.summary, JSON.stringify(stored.message),
        d.state, d.attempts, d.lastError, d.nextAttemptAt, d.createdAt, d.settledAt,
      );
      return dropped;
    });
  }

  /** Record a delivery's new state (its identity and message never change). */
  update(d: WebhookDelivery): void {
    this.#update.run(d.state, d.attempts, d.lastError, d.nextAttemptAt, d.settledAt, d.id);
  }

  /** The webhook's first open delivery: the one to send next (or being sent). */
  head(key: string): StoredDelivery | null {
    const row = this.#head.get(key) as DeliveryRow | undefined;
    return row ? { delivery: toDelivery(row), key: row.webhook_key, message: JSON.parse(row.message) as unknown } : null;
  }

  /** Every webhook with open deliveries, the one waiting longest first. */
  openKeys(): string[] {
    const rows = this.#db.prepare('SELECT webhook_key, min(seq) AS first FROM webhook_deliveries WHERE settled_at IS NULL GROUP BY webhook_key ORDER BY first').all();
    return (rows as unknown as { webhook_key: string }[]).map((r) => r.webhook_key);
  }

  /** The newest `limit` deliveries (of one incident), newest last. */
  recent(limit: number, incidentId?: string): WebhookDelivery[] {
    const rows =
      incidentId === undefined
        ? this.#db.prepare(`SELECT ${VIEW_COLUMNS} FROM webhook_deliveries ORDER BY seq DESC LIMIT ?`).all(limit)
        : this.#db.prepare(`SELECT ${VIEW_COLUMNS} FROM webhook_deliveries WHERE incident_id = ? ORDER BY seq DESC LIMIT ?`).all(incidentId, limit);
    return (rows as unknown as DeliveryRow[]).map(toDelivery).reverse();
  }

  /**
   * Forget settled deliveries settled before `settledBefore`, and all but the newest `keep` settled
   * ones. Open deliveries are never pruned: they are the queue. Returns how many rows went.
   */
  prune(settledBefore: number, keep: number): number {
    const result = this.#db
      .prepare(
        `DELETE FROM webhook_deliveries WHERE settled_at IS NOT NULL AND (settled_at < ? OR seq NOT IN (
           SELECT seq FROM webhook_deliveries WHERE settled_at IS NOT NULL ORDER BY seq DESC LIMIT ?))`,
      )
      .run(settledBefore, keep);
    return Number(result.changes);
  }
}
