/**
 * Delivery to Slack-compatible incoming webhooks, off the command path: a command is committed
 * and acknowledged first, then its message is written to the webhook outbox in the store and sent
 * from there. Each webhook has its own queue, delivered in order, one message at a time; a
 * failure (no answer, 5xx, 429) is retried with growing delays, a refusal (other 4xx) is final.
 * Every step is written to the store and reported (`onChange`) so the consoles show failed
 * deliveries; none blocks an incident, none is silent.
 *
 * The queue is the store's, so a restart loses nothing that was queued: `start()` resumes every
 * webhook's queue in order, waiting out a retry that was due later. A message that was on its way
 * when the hub stopped is sent again: delivery is at least once, and Slack may show it twice
 * (incoming webhooks take no idempotency key, so there is nothing to deduplicate by).
 */
import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { TimelineEntry } from '../../../shared/model/incident.ts';
import type { WebhookConfig } from '../../../shared/model/incident-settings.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import type { StoredDelivery, WebhookDeliveryRepository } from '../store/webhooks.ts';
import { slackMessage, webhookEventOf } from './slack-message.ts';

/** Waits before each retry: about four minutes of trying in all. */
export const DEFAULT_RETRY_MS: readonly number[] = [2_000, 10_000, 30_000, 60_000, 120_000];
/** Messages waiting per webhook; one more gives up the oldest waiting one, in words. */
export const QUEUE_LIMIT = 100;
/** Deliveries the consoles are sent when they ask. */
const RECENT_LIMIT = 200;
/** Settled deliveries kept in the store: at most this many, none older than this. */
export const KEEP_SETTLED = 1_000;
export const KEEP_SETTLED_MS = 30 * 24 * 3600_000;

export interface WebhookOptions {
  readonly repo: WebhookDeliveryRepository;
  readonly webhooks: () => readonly WebhookConfig[];
  readonly summary: (incidentId: string) => IncidentSummary | null;
  readonly onChange: (delivery: WebhookDelivery) => void;
  readonly retryMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

/** What the console calls the webhook: its name, else its host (the URL itself is a secret). */
export const webhookLabel = (hook: WebhookConfig): string => hook.name ?? new URL(hook.url).host;

/**
 * What the store knows a webhook by: the SHA-256 of its URL. The URL's path is the webhook's
 * secret, so it is kept only in the workspace (a copy of the database does not leak it); a
 * delivery whose key no configured webhook has any more is not sent.
 */
export const webhookKey = (url: string): string => createHash('sha256').update(url).digest('hex');

const settled = (d: WebhookDelivery): boolean => d.state === 'delivered' || d.state === 'failed';

export class WebhookDeliveries {
  readonly #options: WebhookOptions;
  readonly #repo: WebhookDeliveryRepository;
  readonly #retryMs: readonly number[];
  readonly #now: () => number;
  readonly #newId = monotonicFactory();
  /** Messages of entries just committed, written to the store once the command is acked. */
  #unwritten: StoredDelivery[] = [];
  #writeScheduled = false;
  readonly #draining = new Set<string>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #aborts = new Set<AbortController>();
  #started = false;
  #closed = false;

  constructor(options: WebhookOptions) {
    this.#options = options;
    this.#repo = options.repo;
    this.#retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Start sending: resume every webhook's queue left in the store, oldest first. Called once the
   * workspace (which holds the webhooks' URLs) is loaded; until then entries are only queued.
   */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#prune();
    for (const key of this.#repo.openKeys()) this.#kick(key);
  }

  /** A stored entry: queue its message for every webhook that wants its event. Never throws. */
  entry(entry: TimelineEntry): void {
    const event = webhookEventOf(entry);
    if (!event) return;
    const hooks = this.#options.webhooks().filter(
      (h) => h.events.includes(event) && (event !== 'status_update' || entry.kind !== 'status_update' || !h.audiences || h.audiences.includes(entry.data.audience)),
    );
    if (hooks.length === 0) return;
    const summary = this.#options.summary(entry.incidentId);
    if (!summary) return;
    // The message is made now, from the incident as this command left it; only the write waits.
    const message = slackMessage(event, entry, summary);
    for (const hook of hooks) {
      const delivery: WebhookDelivery = {
        id: this.#newId(),
        webhook: webhookLabel(hook),
        incidentId: entry.incidentId,
        event,
        summary: message.text.split('\n')[0]!.slice(0, 200),
        state: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        createdAt: this.#now(),
        settledAt: null,
      };
      this.#unwritten.push({ delivery, key: webhookKey(hook.url), message });
    }
    // The command path stays as it was: the entry is committed and acked, then (next turn of the
    // event loop) its messages are written. A clean stop writes them in close(); a command acked
    // while the hub is stopping has its messages written at once, for the next start to send.
    if (this.#closed) this.#writeUnwritten();
    else if (!this.#writeScheduled) {
      this.#writeScheduled = true;
      setImmediate(() => this.#writeUnwritten());
    }
  }

  /** The most recent deliveries (of one incident), newest last. */
  recent(incidentId?: string): WebhookDelivery[] {
    const unwritten = this.#unwritten.map((s) => s.delivery).filter((d) => incidentId === undefined || d.incidentId === incidentId);
    return [...this.#repo.recent(RECENT_LIMIT, incidentId), ...unwritten].slice(-RECENT_LIMIT);
  }

  /** Stop sending. What is queued stays in the store for the next start; call before the store closes. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writeUnwritten();
    for (const timer of this.#timers) clearTimeout(timer);
    for (const abort of this.#aborts) abort.abort();
  }

  #writeUnwritten(): void {
    this.#writeScheduled = false;
    for (const stored of this.#unwritten.splice(0)) {
      const { delivery } = stored;
      try {
        const dropped = this.#repo.enqueue(stored, QUEUE_LIMIT, {
          lastError: `given up: more than ${QUEUE_LIMIT} messages waiting for this webhook`,
          settledAt: this.#now(),
        });
        if (dropped) {
          this.#options.onChange(dropped);
          this.#options.log?.(`webhook ${dropped.webhook}: more than ${QUEUE_LIMIT} messages waiting, gave up the oldest, "${dropped.summary}"`);
        }
      } catch (error) {
        this.#options.log?.(`webhook ${delivery.webhook}: could not queue "${delivery.summary}": ${(error as Error).message}`);
        continue;
      }
      this.#options.onChange(delivery);
      this.#kick(stored.key);
    }
  }

  #kick(key: string): void {
    if (!this.#started || this.#closed || this.#draining.has(key)) return;
    this.#draining.add(key);
    void this.#drain(key);
  }

  /** Send a webhook's queue, head first, until it is empty (the store is the queue). */
  async #drain(key: string): Promise<void> {
    try {
      while (!this.#closed) {
        const head = this.#repo.head(key);
        if (!head) return;
        await this.#deliver(head);
      }
    } catch (error) {
      // A store that cannot be written (a full disk): stop here; the queue is still in the store
      // and resumes with this webhook's next message or the next start.
      this.#options.log?.(`webhook deliveries paused: ${(error as Error).message}`);
    } finally {
      // Synchronously after the last head() found nothing, so a message queued after it kicks a new drain.
      this.#draining.delete(key);
    }
  }

  /** Send one delivery until it is settled, or the hub stops (then it stays open in the store). */
  async #deliver(stored: StoredDelivery): Promise<void> {
    let view = stored.delivery;
    while (!this.#closed) {
      // A retry waits until it is due, also one left waiting by a restart.
      const wait = view.nextAttemptAt === null ? 0 : view.nextAttemptAt - this.#now();
      if (wait > 0) await this.#sleep(wait);
      if (this.#closed) return;
      const hook = this.#options.webhooks().find((h) => webhookKey(h.url) === stored.key);
      if (!hook) {
        this.#update(view, { state: 'failed', lastError: 'not sent: the webhook is no longer in the workspace', nextAttemptAt: null, settledAt: this.#now() });
        this.#options.log?.(`webhook ${view.webhook}: no longer in the workspace, "${view.summary}" not sent`);
        return;
      }
      const outcome = await this.#post(hook.url, stored.message);
      // Stopped mid-attempt: nothing is recorded, so the next start sends this message again.
      if (this.#closed) return;
      const attempts = view.attempts + 1;
      if (outcome.ok) {
        this.#update(view, { state: 'delivered', attempts, lastError: null, nextAttemptAt: null, settledAt: this.#now() });
        return;
      }
      const retryIn = outcome.final ? undefined : this.#retryMs[attempts - 1];
      if (retryIn === undefined) {
        this.#update(view, { state: 'failed', attempts, lastError: outcome.error, nextAttemptAt: null, settledAt: this.#now() });
        this.#options.log?.(`webhook ${view.webhook}: gave up on "${view.summary}" after ${attempts} attempts: ${outcome.error}`);
        return;
      }
      view = this.#update(view, { state: 'retrying', attempts, lastError: outcome.error, nextAttemptAt: this.#now() + retryIn });
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      timer.unref?.();
      this.#timers.add(timer);
    });
  }

  async #post(url: string, message: unknown): Promise<{ ok: true } | { ok: false; final: boolean; error: string }> {
    const abort = new AbortController();
    this.#aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.#options.timeoutMs ?? 10_000);
    try {
      const response = await (this.#options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: abort.signal,
        redirect: 'error',
      });
      const body = (await response.text().catch(() => '')).slice(0, 200).trim();
      if (response.ok) return { ok: true };
      const error = `HTTP ${response.status}${body ? `: ${body}` : ''}`;
      // Slack answers a bad payload or a revoked hook with 4xx: trying again will not help. 408/429 will.
      const final = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      return { ok: false, final, error };
    } catch (error) {
      const reason = abort.signal.aborted ? 'no answer in time' : error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return { ok: false, final: false, error: reason };
    } finally {
      clearTimeout(timer);
      this.#aborts.delete(abort);
    }
  }

  /** Write a delivery's new state, then tell the consoles (the store first: what they see is kept). */
  #update(view: WebhookDelivery, changes: Partial<WebhookDelivery>): WebhookDelivery {
    const next = { ...view, ...changes };
    this.#repo.update(next);
    this.#options.onChange(next);
    if (settled(next)) this.#prune();
    return next;
  }

  /** Keep the settled history bounded (a hub may run for weeks). Never fails a delivery. */
  #prune(): void {
    try {
      this.#repo.prune(this.#now() - KEEP_SETTLED_MS, KEEP_SETTLED);
    } catch (error) {
      this.#options.log?.(`webhook deliveries: could not prune the history: ${(error as Error).message}`);
    }
  }
}
