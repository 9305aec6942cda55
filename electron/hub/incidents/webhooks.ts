/**
 * Delivery to Slack-compatible incoming webhooks, off the command path: a command is committed
 * and acknowledged first, then its message is queued here. Each webhook has its own queue,
 * delivered in order, one message at a time; a failure (no answer, 5xx, 429) is retried with
 * growing delays, a refusal (other 4xx) is final. Every step is reported (`onChange`) so the
 * consoles show failed deliveries; none blocks an incident, none is silent.
 */
import { monotonicFactory } from 'ulid';
import type { TimelineEntry } from '../../../shared/model/incident.ts';
import type { WebhookConfig } from '../../../shared/model/incident-settings.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks.ts';
import { slackMessage, webhookEventOf, type SlackMessage } from './slack-message.ts';

/** Waits before each retry: about four minutes of trying in all. */
export const DEFAULT_RETRY_MS: readonly number[] = [2_000, 10_000, 30_000, 60_000, 120_000];
const QUEUE_LIMIT = 100;
const RECENT_LIMIT = 200;

export interface WebhookOptions {
  readonly webhooks: () => readonly WebhookConfig[];
  readonly summary: (incidentId: string) => IncidentSummary | null;
  readonly onChange: (delivery: WebhookDelivery) => void;
  readonly retryMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

interface Job {
  view: WebhookDelivery;
  url: string;
  message: SlackMessage;
}

/** What the console calls the webhook: its name, else its host (the URL itself is a secret). */
export const webhookLabel = (hook: WebhookConfig): string => hook.name ?? new URL(hook.url).host;

export class WebhookDeliveries {
  readonly #options: WebhookOptions;
  readonly #retryMs: readonly number[];
  readonly #now: () => number;
  readonly #newId = monotonicFactory();
  readonly #queues = new Map<string, Job[]>();
  readonly #recent: WebhookDelivery[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #aborts = new Set<AbortController>();
  #closed = false;

  constructor(options: WebhookOptions) {
    this.#options = options;
    this.#retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
    this.#now = options.now ?? Date.now;
  }

  /** A stored entry: queue its message for every webhook that wants its event. Never throws. */
  entry(entry: TimelineEntry): void {
    if (this.#closed) return;
    const event = webhookEventOf(entry);
    if (!event) return;
    const hooks = this.#options.webhooks().filter(
      (h) => h.events.includes(event) && (event !== 'status_update' || entry.kind !== 'status_update' || !h.audiences || h.audiences.includes(entry.data.audience)),
    );
    if (hooks.length === 0) return;
    const summary = this.#options.summary(entry.incidentId);
    if (!summary) return;
    const message = slackMessage(event, entry, summary);
    for (const hook of hooks) {
      const view: WebhookDelivery = {
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
      const queue = this.#queues.get(hook.url) ?? [];
      if (queue.length >= QUEUE_LIMIT) {
        // The oldest waiting message is given up (never the one being sent), and says so.
        const dropped = queue.splice(1, 1)[0];
        if (dropped) this.#update(dropped, { state: 'failed', lastError: `given up: more than ${QUEUE_LIMIT} messages waiting for this webhook`, settledAt: this.#now(), nextAttemptAt: null });
      }
      const job = { view, url: hook.url, message };
      queue.push(job);
      this.#update(job, {});
      if (!this.#queues.has(hook.url)) {
        this.#queues.set(hook.url, queue);
        void this.#drain(hook.url);
      }
    }
  }

  /** The most recent deliveries (of one incident), newest last. */
  recent(incidentId?: string): WebhookDelivery[] {
    return incidentId === undefined ? [...this.#recent] : this.#recent.filter((d) => d.incidentId === incidentId);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const abort of this.#aborts) abort.abort();
  }

  async #drain(url: string): Promise<void> {
    const queue = this.#queues.get(url)!;
    while (queue.length > 0 && !this.#closed) {
      const job = queue[0]!;
      await this.#deliver(job);
      queue.shift();
    }
    this.#queues.delete(url);
  }

  async #deliver(job: Job): Promise<void> {
    for (let attempt = 1; !this.#closed; attempt++) {
      const outcome = await this.#post(job);
      if (outcome.ok) {
        this.#update(job, { state: 'delivered', attempts: attempt, lastError: null, nextAttemptAt: null, settledAt: this.#now() });
        return;
      }
      const wait = outcome.final ? undefined : this.#retryMs[attempt - 1];
      if (wait === undefined) {
        this.#update(job, { state: 'failed', attempts: attempt, lastError: outcome.error, nextAttemptAt: null, settledAt: this.#now() });
        this.#options.log?.(`webhook ${job.view.webhook}: gave up on "${job.view.summary}" after ${attempt} attempts: ${outcome.error}`);
        return;
      }
      this.#update(job, { state: 'retrying', attempts: attempt, lastError: outcome.error, nextAttemptAt: this.#now() + wait });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          resolve();
        }, wait);
        timer.unref?.();
        this.#timers.add(timer);
      });
    }
  }

  async #post(job: Job): Promise<{ ok: true } | { ok: false; final: boolean; error: string }> {
    const abort = new AbortController();
    this.#aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.#options.timeoutMs ?? 10_000);
    try {
      const response = await (this.#options.fetch ?? fetch)(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(job.message),
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

  #update(job: Job, changes: Partial<WebhookDelivery>): void {
    job.view = { ...job.view, ...changes };
    const at = this.#recent.findIndex((d) => d.id === job.view.id);
    if (at >= 0) this.#recent[at] = job.view;
    else {
      this.#recent.push(job.view);
      if (this.#recent.length > RECENT_LIMIT) this.#recent.shift();
    }
    this.#options.onChange(job.view);
  }
}
