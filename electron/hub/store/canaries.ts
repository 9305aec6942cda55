import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CanaryState, FailureClass, ResultOutcome } from '../../../shared/model/canary.ts';
import type { CanaryRollup, CanaryRunDetail, CanaryRunRecord } from '../../../shared/protocol/canaries.ts';

/** What one run adds to its hour. */
export interface RollupDelta {
  canaryId: string;
  hour: number;
  runs: number;
  passes: number;
  failures: number;
  flaky: number;
  latencyMs: number | null;
  upMs: number;
  downMs: number;
}

export interface StateRow {
  canaryId: string;
  kind: 'check' | 'suite' | 'probe';
  state: CanaryState;
  /** What the board shows beside the state model (the last run's detail, certificates, digest). */
  extra: Record<string, unknown>;
  updatedAt: number;
}

export interface AckRow {
  canaryId: string;
  at: number;
  action: 'ack' | 'snooze' | 'unack';
  by: string;
  until: number | null;
  note: string | null;
  tokenId: string | null;
}

/** A report the JUnit inbox ingested, by the key of its bytes. */
export interface IngestedReport {
  key: string;
  canaryId: string;
  file: string;
  ingestedAt: number;
}

interface ResultRow {
  canary_id: string;
  at: number;
  received_at: number;
  outcome: ResultOutcome;
  classification: FailureClass | null;
  latency_ms: number | null;
  attempts: number;
  retried: number;
  maintenance: number;
  message: string | null;
  detail: string | null;
}

const toRecord = (r: ResultRow): CanaryRunRecord => ({
  canaryId: r.canary_id,
  at: r.at,
  receivedAt: r.received_at,
  outcome: r.outcome,
  classification: r.classification,
  message: r.message,
  latencyMs: r.latency_ms,
  attempts: r.attempts,
  retried: r.retried === 1,
  maintenance: r.maintenance === 1,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as CanaryRunDetail),
});

/**
 * Canary runs, hourly rollups, state snapshots, the ack audit and certificate warnings. Runs are
 * written in batches (one transaction per batch) with their rollups; a JUnit ingest writes its
 * one run before the hub answers.
 */
export class CanaryRepository {
  readonly #db: DatabaseSync;
  readonly #insertResult: StatementSync;
  readonly #upsertRollup: StatementSync;
  readonly #saveState: StatementSync;
  readonly #insertAck: StatementSync;
  readonly #insertIngested: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertResult = db.prepare(
      `INSERT INTO canary_results (canary_id, at, received_at, outcome, classification, latency_ms, attempts, retried, maintenance, message, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#upsertRollup = db.prepare(
      `INSERT INTO canary_rollups (canary_id, hour, runs, passes, failures, flaky, latency_sum, latency_count, latency_max, up_ms, down_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (canary_id, hour) DO UPDATE SET
         runs = runs + excluded.runs, passes = passes + excluded.passes, failures = failures + excluded.failures,
         flaky = flaky + excluded.flaky, latency_sum = latency_sum + excluded.latency_sum,
         latency_count = latency_count + excluded.latency_count,
         latency_max = CASE WHEN latency_max IS NULL OR excluded.latency_max > latency_max THEN excluded.latency_max ELSE latency_max END,
         up_ms = up_ms + excluded.up_ms, down_ms = down_ms + excluded.down_ms`,
    );
    this.#saveState = db.prepare(
      `INSERT INTO canary_states (canary_id, kind, state, extra, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (canary_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, extra = excluded.extra, updated_at = excluded.updated_at`,
    );
    this.#insertAck = db.prepare('INSERT INTO canary_acks (canary_id, at, action, by, until, note, token_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#insertIngested = db.prepare(
      `INSERT INTO canary_junit_ingested (key, canary_id, file, ingested_at, seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at`,
    );
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        this.#db.exec('ROLLBACK');
      } catch {
        /* already rolled back */
      }
      throw error;
    }
  }

  /** Runs and what they add to their hours (and the inbox reports they came from), in one transaction. */
  write(results: readonly CanaryRunRecord[], rollups: readonly RollupDelta[], states: readonly StateRow[] = [], ingested: readonly IngestedReport[] = []): void {
    if (results.length === 0 && rollups.length === 0 && states.length === 0 && ingested.length === 0) return;
    this.#transaction(() => {
      for (const i of ingested) this.#insertIngested.run(i.key, i.canaryId, i.file, i.ingestedAt, i.ingestedAt);
      for (const r of results) {
        this.#insertResult.run(
          r.canaryId, r.at, r.receivedAt, r.outcome, r.classification, r.latencyMs, r.attempts, r.retried ? 1 : 0, r.maintenance ? 1 : 0,
          r.message, r.detail === null ? null : JSON.stringify(r.detail),
        );
      }
      for (const u of rollups) {
        this.#upsertRollup.run(
          u.canaryId, u.hour, u.runs, u.passes, u.failures, u.flaky, u.latencyMs ?? 0, u.latencyMs === null ? 0 : 1, u.latencyMs,
          Math.round(u.upMs), Math.round(u.downMs),
        );
      }
      for (const s of states) this.#saveState.run(s.canaryId, s.kind, JSON.stringify(s.state), JSON.stringify(s.extra), s.updatedAt);
    });
  }

  /** Runs of one canary, newest first. */
  results(canaryId: string, options: { before?: number; limit: number }): CanaryRunRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM canary_results WHERE canary_id = ? AND received_at < ? ORDER BY received_at DESC, id DESC LIMIT ?')
      .all(canaryId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as unknown as ResultRow[];
    return rows.map(toRecord);
  }

  /** Runs received after `after`, oldest first (to replay onto a snapshot). */
  resultsAfter(canaryId: string, after: number, limit: number): CanaryRunRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM (SELECT * FROM canary_results WHERE canary_id = ? AND received_at > ? ORDER BY received_at DESC, id DESC LIMIT ?)
         ORDER BY received_at, id`,
      )
      .all(canaryId, after, limit) as unknown as ResultRow[];
    return rows.map(toRecord);
  }

  countResults(canaryId?: string): number {
    const row = (canaryId === undefined
      ? this.#db.prepare('SELECT count(*) AS n FROM canary_results').get()
      : this.#db.prepare('SELECT count(*) AS n FROM canary_results WHERE canary_id = ?').get(canaryId)) as { n: number };
    return row.n;
  }

  /** Canaries with runs but no snapshot (e.g. the hub stopped before its first snapshot). */
  canariesWithResults(): string[] {
    return (this.#db.prepare('SELECT DISTINCT canary_id AS id FROM canary_results').all() as { id: string }[]).map((r) => r.id);
  }

  rollups(canaryId: string, from: number, to: number): CanaryRollup[] {
    const rows = this.#db
      .prepare('SELECT * FROM canary_rollups WHERE canary_id = ? AND hour >= ? AND hour < ? ORDER BY hour')
      .all(canaryId, from, to) as {
      hour: number;
      runs: number;
      passes: number;
      failures: number;
      flaky: number;
      latency_sum: number;
      latency_count: number;
      latency_max: number | null;
      up_ms: number;
      down_ms: number;
    }[];
    return rows.map((r) => ({
      hour: r.hour,
      runs: r.runs,
      passes: r.passes,
      failures: r.failures,
      flaky: r.flaky,
      latencyAvgMs: r.latency_count === 0 ? null : r.latency_sum / r.latency_count,
      latencyMaxMs: r.latency_max,
      upMs: r.up_ms,
      downMs: r.down_ms,
    }));
  }

  states(): StateRow[] {
    const rows = this.#db.prepare('SELECT * FROM canary_states').all() as {
      canary_id: string;
      kind: 'check' | 'suite' | 'probe';
      state: string;
      extra: string;
      updated_at: number;
    }[];
    return rows.map((r) => ({
      canaryId: r.canary_id,
      kind: r.kind,
      state: JSON.parse(r.state) as CanaryState,
      extra: JSON.parse(r.extra) as Record<string, unknown>,
      updatedAt: r.updated_at,
    }));
  }

  saveStates(states: readonly StateRow[]): void {
    this.write([], [], states);
  }

  recordAck(row: AckRow): void {
    this.#insertAck.run(row.canaryId, row.at, row.action, row.by, row.until, row.note, row.tokenId);
  }

  acks(canaryId: string, limit = 50): AckRow[] {
    const rows = this.#db.prepare('SELECT * FROM canary_acks WHERE canary_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(canaryId, limit) as {
      canary_id: string;
      at: number;
      action: AckRow['action'];
      by: string;
      until: number | null;
      note: string | null;
      token_id: string | null;
    }[];
    return rows.map((r) => ({ canaryId: r.canary_id, at: r.at, action: r.action, by: r.by, until: r.until, note: r.note, tokenId: r.token_id }));
  }

  /** The inbox report already ingested with this key, if any; meeting it again counts as seeing it at `now`. */
  ingestedReport(key: string, now: number): IngestedReport | null {
    const row = this.#db.prepare('SELECT key, canary_id, file, ingested_at FROM canary_junit_ingested WHERE key = ?').get(key) as
      | { key: string; canary_id: string; file: string; ingested_at: number }
      | undefined;
    if (!row) return null;
    this.#db.prepare('UPDATE canary_junit_ingested SET seen_at = ? WHERE key = ? AND seen_at < ?').run(now, key, now);
    return { key: row.key, canaryId: row.canary_id, file: row.file, ingestedAt: row.ingested_at };
  }

  /** Reports still lying in the inbox (they could not be moved out): remembered as seen at `now`. */
  touchIngested(keys: readonly string[], now: number): void {
    if (keys.length === 0) return;
    const touch = this.#db.prepare('UPDATE canary_junit_ingested SET seen_at = ? WHERE key = ? AND seen_at < ?');
    this.#transaction(() => {
      for (const key of keys) touch.run(now, key, now);
    });
  }

  /** Forget inbox reports not seen since `before`; returns how many. */
  pruneIngested(before: number): number {
    return Number(this.#db.prepare('DELETE FROM canary_junit_ingested WHERE seen_at < ?').run(before).changes);
  }

  /** Whether this certificate was warned about for this canary (a read: no write lock taken). */
  certWarned(canaryId: string, fingerprint: string): boolean {
    return this.#db.prepare('SELECT 1 FROM canary_cert_warnings WHERE canary_id = ? AND fingerprint = ?').get(canaryId, fingerprint) !== undefined;
  }

  /** Records the warning; false if this certificate was already warned about for this canary. */
  warnCertOnce(canaryId: string, fingerprint: string, expiresAt: number, now: number): boolean {
    const result = this.#db
      .prepare('INSERT INTO canary_cert_warnings (canary_id, fingerprint, expires_at, warned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(canaryId, fingerprint, expiresAt, now);
    return Number(result.changes) === 1;
  }

  /** Drop runs received before `rawBefore`, rollups before `rollupBefore`, warnings for long-expired certificates. */
  prune(rawBefore: number, rollupBefore: number): { results: number; rollups: number } {
    return this.#transaction(() => {
      const results = Number(this.#db.prepare('DELETE FROM canary_results WHERE received_at < ?').run(rawBefore).changes);
      const rollups = Number(this.#db.prepare('DELETE FROM canary_rollups WHERE hour < ?').run(rollupBefore).changes);
      this.#db.prepare('DELETE FROM canary_cert_warnings WHERE expires_at < ?').run(rollupBefore);
      this.#db.prepare('DELETE FROM canary_acks WHERE at < ?').run(rollupBefore);
      return { results, rollups };
    });
  }
}
