/**
 * What moved on the canary board, sent out as deltas: changed tiles, run ticks, removed canaries,
 * alerts and notices gather for a short window (flushMs) and go out as one numbered delta, with the
 * scheduler's figures every 5 s; after each delta, the summary of the canaries confirmed failing,
 * when what a radiator reads of it changed.
 */
import {
  BOARD_NOTICES,
  type CanaryAlertNotice,
  type CanaryBoardEntry,
  type CanaryDelta,
  type CanaryNotice,
  type CanarySummary,
  type RunTick,
  type SchedulerStats,
} from '../../../shared/protocol/canaries.ts';
import { buildEntry, type CanaryRecord } from './board.ts';

export interface CanaryDeltasOptions {
  /** The canaries as they are: a changed tile is built as it is sent. */
  readonly canaries: ReadonlyMap<string, CanaryRecord>;
  readonly now: () => number;
  /** Deltas are coalesced over this long. */
  readonly flushMs: number;
  readonly schedulerStats: () => SchedulerStats;
  readonly events: {
    readonly delta: (delta: CanaryDelta) => void;
    readonly summary?: (summary: CanarySummary) => void;
  };
}

/** The canaries confirmed failing (the summary's). */
export function failingCanaries<C extends CanaryRecord>(canaries: Iterable<C>): C[] {
  return [...canaries].filter((c) => c.state.health === 'failing-confirmed');
}

/** The canaries whose confirmed failure went stale (no result since, the failure still open). */
const staleFailing = <C extends CanaryRecord>(canaries: readonly C[]): C[] => canaries.filter((c) => c.state.health === 'stale' && c.state.incident?.confirmedAt != null);

/** The summary's canaries: those confirmed failing, and the ids of those whose confirmed failure went stale. */
export function canarySummary(canaries: Iterable<CanaryRecord>, now: number): CanarySummary {
  const all = [...canaries];
  return { at: now, failing: failingCanaries(all).map((c) => buildEntry(c, now)), staleFailing: staleFailing(all).map((c) => c.id) };
}

export class CanaryDeltas {
  readonly #o: CanaryDeltasOptions;
  #seq = 0;
  readonly #changed = new Set<string>();
  #runs: RunTick[] = [];
  #removed: string[] = [];
  #alerts: CanaryAlertNotice[] = [];
  #notices: CanaryNotice[] = [];
  /** The last notices sent, for the boards asked for later. */
  #recentNotices: CanaryNotice[] = [];
  #flushTimer: NodeJS.Timeout | null = null;
  #lastStatsAt = 0;
  /** What the last summary said (summaryKey), so it is sent only when it changes. */
  #summaryKey = '';
  #closed = false;

  constructor(options: CanaryDeltasOptions) {
    this.#o = options;
  }

  /** The last delta's number: a board sent now meets the next delta exactly. */
  get seq(): number {
    return this.#seq;
  }

  get recentNotices(): CanaryNotice[] {
    return this.#recentNotices;
  }

  /** The canary's tile goes out whole (its run ticks with it). */
  tileChanged(id: string): void {
    this.#changed.add(id);
  }

  removed(id: string): void {
    this.#removed.push(id);
    this.#changed.delete(id);
  }

  runTick(tick: RunTick): void {
    this.#runs.push(tick);
  }

  alert(alert: CanaryAlertNotice): void {
    this.#alerts.push(alert);
  }

  notice(notice: CanaryNotice): void {
    this.#notices.push(notice);
  }

  /** A delta within flushMs (one already due is not put off). */
  flushSoon(): void {
    if (this.#flushTimer || this.#closed) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      this.flush();
    }, this.#o.flushMs);
  }

  /** What gathered, sent now (nothing when nothing did, or once closed). */
  flush(): void {
    if (this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    if (this.#closed) return;
    const now = this.#o.now();
    // (or the clock stepped back since: stats must not stop until it catches up)
    const statsDue = now - this.#lastStatsAt >= 5000 || now < this.#lastStatsAt;
    if (this.#changed.size === 0 && this.#runs.length === 0 && this.#removed.length === 0 && this.#alerts.length === 0 && this.#notices.length === 0) {
      return;
    }
    const changed: CanaryBoardEntry[] = [];
    for (const id of this.#changed) {
      const c = this.#o.canaries.get(id);
      if (c) changed.push(buildEntry(c, now));
    }
    const delta: CanaryDelta = {
      seq: ++this.#seq,
      at: now,
      changed,
      runs: this.#runs.filter(([id]) => !this.#changed.has(id)),
      removed: this.#removed,
      alerts: this.#alerts,
      notices: this.#notices,
    };
    if (statsDue) {
      delta.scheduler = this.#o.schedulerStats();
      this.#lastStatsAt = now;
    }
    if (delta.notices.length > 0) this.#recentNotices = [...this.#recentNotices, ...delta.notices].slice(-BOARD_NOTICES);
    this.#changed.clear();
    this.#runs = [];
    this.#removed = [];
    this.#alerts = [];
    this.#notices = [];
    this.#o.events.delta(delta);
    this.#sendSummary(now);
  }

  /** The summary, when what a radiator reads of it changed (not on every run of a failing canary). */
  #sendSummary(now: number): void {
    const send = this.#o.events.summary;
    if (!send) return;
    // Keyed on the canaries' state, so an unchanged summary (every flush) builds no entries.
    const all = [...this.#o.canaries.values()];
    const failing = failingCanaries(all).map((c) => [c.id, c.state.status, c.config.critical, c.config.name, c.config.service, c.config.journey].join('\u0000'));
    const key = [...failing, ...staleFailing(all).map((c) => `stale\u0000${c.id}`)].join('\u0001');
    if (key === this.#summaryKey) return;
    this.#summaryKey = key;
    send(canarySummary(all, now));
  }

  /**
   * No more deltas or summaries, timed or asked for (a board read while the hub stops must not
   * push to sockets being closed); what gathered is dropped.
   */
  close(): void {
    this.#closed = true;
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
  }
}
