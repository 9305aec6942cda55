/**
 * A console as the delivery protocol expects one to behave, in memory: every command waits in an
 * outbox until the hub acknowledges it, unacknowledged ones are sent again after every reconnect
 * (the hub answers a repeat with the seq it already gave), and after every reconnect the console
 * asks for everything after the last seq it holds before it trusts the live broadcasts again.
 * The real console keeps the outbox in IndexedDB; this one lets a test count what happened.
 */
import { io } from 'socket.io-client';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { AckError, AckResult } from '../../shared/protocol/ack.ts';
import { ACK_TIMEOUT_MS } from '../../shared/protocol/ack.ts';
import type { CommandReply, IncidentCommand, SyncReply } from '../../shared/protocol/incidents.ts';
import type { ClientSocket } from './hub.ts';

/** Refusals worth trying again later; anything else will never be stored. */
const RETRYABLE = new Set(['rate_limited', 'internal']);

export class OutboxConsole {
  readonly name: string;
  readonly socket: ClientSocket;
  /** Everything this console holds, by seq. */
  readonly entries = new Map<number, TimelineEntry>();
  /** Acknowledged commands: id → the seq the hub gave. */
  readonly acked = new Map<string, number>();
  readonly refused = new Map<string, AckError>();
  /** The same seq arriving with two different ids: must never happen. */
  readonly conflicts: string[] = [];
  sends = 0;
  resends = 0;
  /** Acks that said "stored before": the first ack was lost with the hub. */
  duplicates = 0;
  syncs = 0;

  readonly #outbox = new Map<string, IncidentCommand>();
  /** The attempt in flight per command, so a stale timeout does not clear a newer attempt. */
  readonly #inFlight = new Map<string, symbol>();
  /** Every seq up to this one is held (set only by a finished catch-up, then by live broadcasts). */
  #cursor = 0;
  #caughtUp = false;
  #seenWhileCatchingUp = 0;

  constructor(url: string, token: string, name: string) {
    this.name = name;
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 400,
      randomizationFactor: 0,
    });
    this.socket.on('incident:entry', (entry) => {
      this.#hold(entry);
      if (this.#caughtUp) this.#cursor = Math.max(this.#cursor, entry.seq);
      else this.#seenWhileCatchingUp = Math.max(this.#seenWhileCatchingUp, entry.seq);
    });
    this.socket.on('connect', () => void this.#reconnected());
    this.socket.on('disconnect', () => {
      this.#caughtUp = false;
      this.#inFlight.clear();
    });
  }

  /** Queue a command and send it now if the hub is there. */
  send(command: IncidentCommand): void {
    this.#outbox.set(command.id, command);
    this.#attempt(command, false);
  }

  /** Commands not yet acknowledged ("3 entries not yet sent"). */
  get pending(): number {
    return this.#outbox.size;
  }

  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /** What this console shows, in seq order. */
  timeline(): TimelineEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }

  close(): void {
    this.socket.close();
  }

  async #reconnected(): Promise<void> {
    this.#caughtUp = false;
    this.#seenWhileCatchingUp = 0;
    try {
      let after = this.#cursor;
      for (;;) {
        this.syncs++;
        const reply = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('incident:sync', { afterSeq: after })) as AckResult<SyncReply>;
        if (!reply.ok) throw new Error(reply.error.message);
        for (const entry of reply.entries) this.#hold(entry);
        after = reply.entries.at(-1)?.seq ?? after;
        if (!reply.more) break;
      }
      if (!this.socket.connected) return;
      this.#cursor = Math.max(after, this.#seenWhileCatchingUp);
      this.#caughtUp = true;
    } catch {
      // The link went again (the next connect starts over) or the hub was slow: try again.
      if (this.socket.connected) setTimeout(() => void this.#reconnected(), 200);
      return;
    }
    for (const command of this.#outbox.values()) this.#attempt(command, true);
  }

  #attempt(command: IncidentCommand, resend: boolean): void {
    if (!this.socket.connected || this.#inFlight.has(command.id)) return;
    const attempt = Symbol(command.id);
    this.#inFlight.set(command.id, attempt);
    this.sends++;
    if (resend) this.resends++;
    this.socket.timeout(ACK_TIMEOUT_MS).emit('incident:command', command, (error: Error | null, reply: AckResult<CommandReply>) => {
      if (this.#inFlight.get(command.id) !== attempt) return;
      this.#inFlight.delete(command.id);
      if (error) {
        // No answer: it may or may not be stored. Send it again; the hub recognises it.
        if (this.socket.connected) this.#attempt(command, true);
        return;
      }
      if (reply.ok) {
        if (reply.duplicate) this.duplicates++;
        this.acked.set(command.id, reply.seq);
        this.#outbox.delete(command.id);
      } else if (RETRYABLE.has(reply.error.code)) {
        setTimeout(() => this.#attempt(command, true), 200);
      } else {
        this.refused.set(command.id, reply.error);
        this.#outbox.delete(command.id);
      }
    });
  }

  #hold(entry: TimelineEntry): void {
    const held = this.entries.get(entry.seq);
    if (held && held.id !== entry.id) this.conflicts.push(`seq ${entry.seq}: ${held.id} and ${entry.id}`);
    this.entries.set(entry.seq, entry);
  }
}
