/**
 * The outbox: every incident command a console gives (a declaration, a timeline entry, an edit,
 * a pin, a handoff answer…) is written to the local journal BEFORE it is sent, and leaves it only
 * when the hub acknowledges it (`ok`, or `duplicate`: it was stored before and the first ack was
 * lost). Until then it survives a lost link, a hub restart, a reload and closing the app, and it
 * is sent again (same ULID, so the hub stores it once) after every reconnect.
 *
 * Delivery is one command at a time, oldest first (ULIDs from one monotonic factory sort by
 * creation): a declaration always reaches the hub before the entries typed into it, and an edit
 * after the entry it supersedes. On loopback or a LAN that costs a round trip per queued command
 * only while catching up.
 *
 * A refusal the hub will always repeat (the lifecycle forbids the status, someone else's entry,
 * an unknown incident…) is never sent again, and never silently dropped either: the item stays,
 * marked refused with the hub's words, until the person dismisses it.
 *
 * A command that keeps failing for another reason (no answer, a hub that fails, a token it does
 * not accept) is tried again with the same id after a pause that doubles each time up to a cap,
 * so a failing hub is not hammered; a new link tries at once. The last failure is kept with the
 * item, in words, so the console can say why it has not gone rather than "sending…" forever.
 *
 * An impact snapshot waits here too, its PNG kept as a Blob beside its entry (IndexedDB stores
 * Blobs), so a picture taken while the hub is away is not lost. Pictures are big and a console
 * runs for days, so the bytes held are capped: over the cap a new one is refused at once, in words,
 * rather than filling the disk.
 */
import { monotonicFactory } from 'ulid';
import type { AckError } from '../../shared/protocol/ack.ts';
import type { DeclareIncident, IncidentCommand } from '../../shared/protocol/incidents.ts';

/** One ULID factory for every id this console makes: ids sort in the order they were made. */
export const newId: () => string = monotonicFactory();

/** The last attempt that failed, kept with its item (in the journal too) until the item goes. */
export interface FailedAttempt {
  /** What went wrong, in words: the hub's own where it gave any. */
  readonly reason: string;
  /** Local clock of that attempt. */
  readonly at: number;
  /** Failed attempts in a row, since the last progress: the pause before the next grows with it. */
  readonly failures: number;
  /** When the next attempt is due on this link (local clock); a new link tries at once. */
  readonly nextAt: number;
  /** The hub did not accept the token, or it lacks the role: signing in again helps, waiting alone does not. */
  readonly signIn?: boolean;
}

interface ItemBase {
  /** The command's own id (the entry id, or the incident id of a declaration): the hub's idempotency key. */
  readonly id: string;
  readonly incidentId: string;
  /** Local clock when it was queued. */
  readonly queuedAt: number;
  /** Attempts so far (for display: "tried 3 times"). */
  readonly attempts: number;
  /** The hub refused it for good, in its words. Never sent again; shown until dismissed. */
  readonly refused?: AckError;
  /** Why the last attempt failed, when it did and will be tried again. */
  readonly lastFailure?: FailedAttempt;
}
export type OutboxItem =
  | (ItemBase & { readonly type: 'declare'; readonly payload: DeclareIncident })
  | (ItemBase & { readonly type: 'command'; readonly payload: IncidentCommand })
  | (ItemBase & {
      readonly type: 'snapshot';
      /** The "snapshot" entry that shows the picture, logged once the hub keeps the PNG (its `data.assetId` names it). */
      readonly payload: Extract<IncidentCommand, { kind: 'snapshot' }>;
      /** The PNG, until the entry is acknowledged. */
      readonly png: Blob;
      /** The hub answered the upload (a later attempt sends only the entry). */
      readonly uploaded: boolean;
    });

/** Pictures this console may hold unsent, all told: ~100 wall charts, far below any browser quota. */
export const MAX_HELD_SNAPSHOT_BYTES = 32 * 1024 * 1024;

/** A snapshot that would take the outbox over its cap: nothing was kept. */
export class OutboxFullError extends Error {}

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

/** What happened to one attempt. */
export type Delivery =
  | { readonly kind: 'acked'; readonly seq: number; readonly duplicate: boolean }
  | { readonly kind: 'refused'; readonly error: AckError }
  /**
   * No answer, not connected, or a refusal worth trying again later (rate limited, internal).
   * `uploaded`: a snapshot's picture reached the hub though its entry did not; not sent again.
   */
  | { readonly kind: 'retry'; readonly reason: string; readonly uploaded?: boolean; readonly signIn?: boolean };

export type Deliver = (item: OutboxItem) => Promise<Delivery>;

/** The part of the journal the outbox uses. */
export interface OutboxStorage {
  outboxPut(item: OutboxItem): Promise<void>;
  outboxDelete(id: string): Promise<void>;
}

export interface OutboxOptions {
  readonly storage: OutboxStorage;
  /** Every change of the list (pending and refused), oldest first. */
  readonly onChange: (items: readonly OutboxItem[]) => void;
  /** Told once per acknowledged command. */
  readonly onAcked?: (item: OutboxItem, delivery: Extract<Delivery, { kind: 'acked' }>) => void;
  /** The journal could not store something: the command is kept in memory (and still sent). */
  readonly onStorageError?: (message: string) => void;
  /** The first pause before trying a failed command again on the same link; it doubles each time… */
  readonly retryMs?: number;
  /** …up to this. */
  readonly maxRetryMs?: number;
  /** The local clock (a seam for tests). */
  readonly now?: () => number;
  /** Snapshot bytes held at most (pending and refused alike, until sent or dismissed). */
  readonly maxSnapshotBytes?: number;
}

/** The longest pause between attempts of one command on one link. */
export const MAX_RETRY_MS = 30_000;
/** The longest reason kept with an item (a proxy may answer a page of HTML). */
const MAX_REASON_CHARS = 500;

/** The pause before the next attempt after `failures` in a row: doubling from `firstMs` up to `maxMs`. */
export function retryPause(failures: number, firstMs: number, maxMs: number = MAX_RETRY_MS): number {
  return Math.min(Math.max(firstMs, maxMs), firstMs * 2 ** Math.min(Math.max(failures, 1) - 1, 30));
}

/** Refusals worth trying again later; any other will never be stored. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['rate_limited', 'internal']);

const byId = (a: OutboxItem, b: OutboxItem): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class Outbox {
  readonly #storage: OutboxStorage;
  readonly #options: OutboxOptions;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #now: () => number;
  readonly #maxSnapshotBytes: number;
  #items: OutboxItem[] = [];
  /** Bytes of snapshots being stored right now (not yet in #items): two at once cannot both pass the cap. */
  #reserved = 0;
  #deliver: Deliver | null = null;
  /** Bumped on every setDeliver: an attempt of an older link does not continue the loop. */
  #generation = 0;
  #pumping = false;
  #again = false;
  #wake: (() => void) | null = null;

  constructor(options: OutboxOptions) {
    this.#storage = options.storage;
    this.#options = options;
    this.#retryMs = options.retryMs ?? 1000;
    this.#maxRetryMs = Math.max(this.#retryMs, options.maxRetryMs ?? MAX_RETRY_MS);
    this.#now = options.now ?? Date.now;
    this.#maxSnapshotBytes = options.maxSnapshotBytes ?? MAX_HELD_SNAPSHOT_BYTES;
  }

  /** What the journal held at start (a previous session's unsent commands). */
  restore(items: readonly OutboxItem[]): void {
    const known = new Set(this.#items.map((i) => i.id));
    this.#items = [...this.#items, ...items.filter((i) => !known.has(i.id))].sort(byId);
    this.#changed();
    this.#pump();
  }

  /** Everything held, oldest first: pending and refused. */
  get items(): readonly OutboxItem[] {
    return this.#items;
  }

  /** Commands not yet acknowledged and still to be sent ("3 entries not yet sent"). */
  get pending(): number {
    return this.#items.filter((i) => !i.refused).length;
  }

  /** Bytes of snapshot pictures held (pending and refused). */
  get snapshotBytes(): number {
    return this.#items.reduce((sum, i) => sum + (i.type === 'snapshot' ? i.png.size : 0), 0);
  }

  /**
   * Keep a command, then send it when the link allows. Resolves once it is stored locally (or
   * kept in memory when the journal failed), never waiting for the hub. A snapshot over the cap
   * rejects with an OutboxFullError and is not kept.
   */
  async enqueue(item: OutboxItem): Promise<void> {
    const bytes = item.type === 'snapshot' && !this.#items.some((i) => i.id === item.id) ? item.png.size : 0;
    if (bytes > 0 && this.snapshotBytes + this.#reserved + bytes > this.#maxSnapshotBytes) {
      throw new OutboxFullError(
        `This console already holds ${size(this.snapshotBytes + this.#reserved)} of snapshots not yet sent (at most ${size(this.#maxSnapshotBytes)}): ` +
          'this one was not kept. They go when the hub is back; dismiss refused ones to make room.',
      );
    }
    this.#reserved += bytes;
    try {
      await this.#storage.outboxPut(item);
    } catch (error) {
      this.#options.onStorageError?.(`could not keep the entry on this machine (${error instanceof Error ? error.message : String(error)}); it is held in memory until sent`);
    } finally {
      this.#reserved -= bytes;
    }
    if (!this.#items.some((i) => i.id === item.id)) {
      this.#items = [...this.#items, item].sort(byId);
      this.#changed();
    }
    this.#pump();
  }

  /**
   * The link to use, or null while there is none. The transport sets it once a (re)connected
   * console has caught up, and clears it when the link goes; every pending command is then sent
   * again, in order, with its same id.
   */
  setDeliver(deliver: Deliver | null): void {
    this.#deliver = deliver;
    this.#generation += 1;
    this.#wake?.();
    this.#pump();
  }

  /** Forget a refused command (the person read why). */
  async dismiss(id: string): Promise<void> {
    const item = this.#items.find((i) => i.id === id);
    if (!item?.refused) return;
    await this.#remove(id);
  }

  async #remove(id: string): Promise<void> {
    try {
      await this.#storage.outboxDelete(id);
    } catch (error) {
      // It will be sent again after a reload and answered "duplicate": harmless.
      this.#options.onStorageError?.(`could not update this machine's outbox (${error instanceof Error ? error.message : String(error)})`);
    }
    this.#items = this.#items.filter((i) => i.id !== id);
    this.#changed();
  }

  async #update(item: OutboxItem): Promise<void> {
    this.#items = this.#items.map((i) => (i.id === item.id ? item : i));
    this.#changed();
    try {
      await this.#storage.outboxPut(item);
    } catch {
      // The in-memory state is what counts for this session.
    }
  }

  #changed(): void {
    this.#options.onChange(this.#items);
  }

  /**
   * One loop at a time, oldest pending command first; it stops when the link goes or nothing is
   * left. A call while it runs (a new command, a new link) makes it look again before it stops,
   * so nothing asked for in its last moments is missed. A new command does not cut a pause short:
   * it waits behind the one that failed anyway, and typing must not hammer a failing hub.
   */
  #pump(): void {
    this.#again = true;
    if (this.#pumping) return;
    this.#pumping = true;
    void (async () => {
      try {
        while (this.#again) {
          this.#again = false;
          await this.#loop();
        }
      } finally {
        this.#pumping = false;
      }
    })();
  }

  async #loop(): Promise<void> {
    for (;;) {
      const deliver = this.#deliver;
      const generation = this.#generation;
      const next = this.#items.find((i) => !i.refused);
      if (!deliver || !next) return;
      const attempt = { ...next, attempts: next.attempts + 1 } as OutboxItem;
      let result: Delivery;
      try {
        result = await deliver(attempt);
      } catch (error) {
        result = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
      }
      if (result.kind === 'acked') {
        await this.#remove(next.id);
        this.#options.onAcked?.(next, result);
        continue;
      }
      if (result.kind === 'refused') {
        await this.#update({ ...attempt, refused: result.error });
        continue;
      }
      // Not stored, or not known to be: the same id again after a pause (or at once on a new link).
      const progressed = result.uploaded === true && attempt.type === 'snapshot' && !attempt.uploaded;
      const failures = progressed ? 1 : (next.lastFailure?.failures ?? 0) + 1;
      const pause = retryPause(failures, this.#retryMs, this.#maxRetryMs);
      const at = this.#now();
      const lastFailure: FailedAttempt = {
        reason: result.reason.slice(0, MAX_REASON_CHARS),
        at,
        failures,
        nextAt: at + pause,
        ...(result.signIn ? { signIn: true } : {}),
      };
      await this.#update({ ...attempt, ...(progressed ? { uploaded: true } : {}), lastFailure } as OutboxItem);
      if (generation !== this.#generation) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pause);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = null;
    }
  }
}

/** The commands a person would call "entries not yet sent". */
export function pendingItems(items: readonly OutboxItem[]): OutboxItem[] {
  return items.filter((i) => !i.refused);
}
