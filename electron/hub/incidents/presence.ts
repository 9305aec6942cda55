/**
 * Which consoles are connected and what their outboxes hold, as they last reported. One row per
 * connected socket that reported; when it disconnects its last report is kept (marked offline)
 * for `keepOfflineMs`, or until the same console reports again, so the room sees who went away
 * holding entries. Bounded: at most `maxRows` rows, the oldest offline ones dropped first.
 * Changes are broadcast coalesced (a draining outbox reports many times a second).
 */
import type { z } from 'zod';
import type { ConsolePresence, PresenceBoard, presenceReportSchema } from '../../../shared/protocol/presence.ts';

type Report = z.output<typeof presenceReportSchema>;

export interface PresenceOptions {
  readonly now?: () => number;
  /** Told the whole board after changes, at most once per `coalesceMs`. */
  readonly onChange: (board: PresenceBoard) => void;
  readonly coalesceMs?: number;
  readonly keepOfflineMs?: number;
  readonly maxRows?: number;
}

export class ConsolePresenceBoard {
  readonly #now: () => number;
  readonly #onChange: (board: PresenceBoard) => void;
  readonly #coalesceMs: number;
  readonly #keepOfflineMs: number;
  readonly #maxRows: number;
  /** Connected rows by socket id. */
  readonly #live = new Map<string, ConsolePresence>();
  /** Offline rows by console name. */
  readonly #gone = new Map<string, ConsolePresence>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: PresenceOptions) {
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange;
    this.#coalesceMs = options.coalesceMs ?? 250;
    this.#keepOfflineMs = options.keepOfflineMs ?? 15 * 60_000;
    this.#maxRows = options.maxRows ?? 200;
  }

  report(socketId: string, tokenName: string, report: Report): void {
    const previous = this.#live.get(socketId);
    const row: ConsolePresence = {
      console: report.console,
      person: report.person,
      tokenName,
      pending: report.pending,
      refused: report.refused,
      oldestPendingAt: report.oldestPendingAt,
      connected: true,
      since: previous?.since ?? this.#now(),
    };
    if (previous && JSON.stringify(previous) === JSON.stringify(row)) return;
    if (!previous && this.#live.size >= this.#maxRows) return; // a flood of sockets: the first ones stay listed
    this.#live.set(socketId, row);
    this.#gone.delete(report.console);
    this.#changed();
  }

  /** The socket went: its last report stays, offline, for a while. */
  leave(socketId: string): void {
    const row = this.#live.get(socketId);
    if (!row) return;
    this.#live.delete(socketId);
    const stillHere = [...this.#live.values()].some((r) => r.console === row.console);
    if (!stillHere) {
      this.#gone.set(row.console, { ...row, connected: false, since: this.#now() });
      this.#prune();
    }
    this.#changed();
  }

  board(): PresenceBoard {
    this.#prune();
    const consoles = [...this.#live.values(), ...this.#gone.values()].sort(
      (a, b) => Number(b.connected) - Number(a.connected) || a.console.localeCompare(b.console),
    );
    return { consoles, at: this.#now() };
  }

  close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #prune(): void {
    const cutoff = this.#now() - this.#keepOfflineMs;
    for (const [name, row] of this.#gone) if (row.since < cutoff) this.#gone.delete(name);
    const room = Math.max(0, this.#maxRows - this.#live.size);
    if (this.#gone.size > room) {
      const oldest = [...this.#gone.values()].sort((a, b) => a.since - b.since).slice(0, this.#gone.size - room);
      for (const row of oldest) this.#gone.delete(row.console);
    }
  }

  #changed(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#onChange(this.board());
    }, this.#coalesceMs);
    this.#timer.unref?.();
  }
}
