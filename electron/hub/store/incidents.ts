import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { IncidentStatus, Priority, Severity, TimelineEntry } from '../../../shared/model/incident.ts';
import type { Change, ChangeKind } from '../../../shared/protocol/incidents.ts';

/** An incident's row: the projection of its log that SQL can list and report on. */
export interface IncidentRecord {
  id: string;
  title: string;
  severity: Severity;
  priority: Priority | null;
  status: IncidentStatus;
  createdAt: number;
  createdBy: string;
  startedAt: number | null;
  endedAt: number | null;
  impact: string | null;
  service: string | null;
  region: string | null;
  platform: string | null;
  rootCauseCategory: string | null;
  responsibleProperty: string | null;
}

/** One atomic write: whatever a single command produced. */
export interface IncidentWrite {
  readonly entries: readonly TimelineEntry[];
  /** Incident rows to insert or replace (their projection changed). */
  readonly incidents?: readonly IncidentRecord[];
  readonly change?: Change;
  /** A change-log row rewritten (its console entry was edited) or withdrawn (the entry deleted), by id. */
  readonly changeRevised?: Change;
  readonly changeWithdrawn?: string;
  /** The token that sent the command, kept beside each entry for the audit. */
  readonly tokenId: string | null;
}

interface EntryRow {
  id: string;
  seq: number;
  incident_id: string;
  kind: string;
  payload: string;
  occurred_at: number;
  recorded_at: number;
  author: string;
  console: string;
}

interface ChangeRow {
  id: string;
  service: string;
  description: string;
  author: string | null;
  at: number;
  kind: ChangeKind;
  url: string | null;
  recorded_at: number;
  incident_ids: string;
}

/** The entry fields kept as columns; everything else of the entry is the JSON payload. */
const COLUMNS = new Set(['id', 'seq', 'incidentId', 'kind', 'occurredAt', 'recordedAt', 'author', 'console']);

const toEntry = (row: EntryRow): TimelineEntry =>
  ({
    id: row.id,
    incidentId: row.incident_id,
    seq: row.seq,
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    author: row.author,
    console: row.console,
    kind: row.kind,
    ...(JSON.parse(row.payload) as object),
  }) as TimelineEntry;

const toChange = (row: ChangeRow): Change => ({
  id: row.id,
  service: row.service,
  description: row.description,
  author: row.author,
  at: row.at,
  kind: row.kind,
  url: row.url,
  recordedAt: row.recorded_at,
  incidentIds: JSON.parse(row.incident_ids) as string[],
});

/**
 * Incidents, their append-only timeline and the changes feed. Every command is one transaction
 * (BEGIN IMMEDIATE … COMMIT under synchronous=FULL): when `commit` returns, it is on disk, and
 * only then may the hub acknowledge it.
 */
export class IncidentRepository {
  readonly #db: DatabaseSync;
  readonly #insertEntry: StatementSync;
  readonly #saveIncident: StatementSync;
  readonly #insertChange: StatementSync;
  readonly #reviseChange: StatementSync;
  readonly #withdrawChange: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertEntry = db.prepare(
      `INSERT INTO entries (id, seq, incident_id, kind, payload, occurred_at, recorded_at, author, console, token_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#saveIncident = db.prepare(
      `INSERT INTO incidents (id, title, severity, priority, status, created_at, created_by, started_at, ended_at, impact,
                              affected_service, affected_region, affected_platform, root_cause_category, responsible_property)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         title = excluded.title, severity = excluded.severity, priority = excluded.priority, status = excluded.status,
         started_at = excluded.started_at, ended_at = excluded.ended_at, impact = excluded.impact,
         affected_service = excluded.affected_service, affected_region = excluded.affected_region,
         affected_platform = excluded.affected_platform, root_cause_category = excluded.root_cause_category,
         responsible_property = excluded.responsible_property`,
    );
    this.#insertChange = db.prepare(
      'INSERT INTO changes (id, service, description, author, at, kind, url, recorded_at, incident_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#reviseChange = db.prepare('UPDATE changes SET service = ?, description = ?, at = ?, kind = ?, url = ?, incident_ids = ? WHERE id = ?');
    this.#withdrawChange = db.prepare('DELETE FROM changes WHERE id = ?');
  }

  /** The newest seq stored, 0 for an empty log. */
  maxSeq(): number {
    return (this.#db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM entries').get() as { seq: number }).seq;
  }

  /** The whole log in seq order, to rebuild the projections at start. */
  allEntries(): TimelineEntry[] {
    return (this.#db.prepare('SELECT * FROM entries ORDER BY seq').all() as unknown as EntryRow[]).map(toEntry);
  }

  commit(write: IncidentWrite): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      // Rows first: an entry references its incident.
      for (const r of write.incidents ?? []) {
        this.#saveIncident.run(
          r.id, r.title, r.severity, r.priority, r.status, r.createdAt, r.createdBy, r.startedAt, r.endedAt, r.impact,
          r.service, r.region, r.platform, r.rootCauseCategory, r.responsibleProperty,
        );
      }
      for (const entry of write.entries) {
        const payload = Object.fromEntries(Object.entries(entry).filter(([key]) => !COLUMNS.has(key)));
        this.#insertEntry.run(
          entry.id, entry.seq, entry.incidentId, entry.kind, JSON.stringify(payload), entry.occurredAt, entry.recordedAt,
          entry.author, entry.console, write.tokenId,
        );
      }
      const c = write.change;
      if (c) this.#insertChange.run(c.id, c.service, c.description, c.author, c.at, c.kind, c.url, c.recordedAt, JSON.stringify(c.incidentIds));
      const r = write.changeRevised;
      if (r) this.#reviseChange.run(r.service, r.description, r.at, r.kind, r.url, JSON.stringify(r.incidentIds), r.id);
      if (write.changeWithdrawn !== undefined) this.#withdrawChange.run(write.changeWithdrawn);
      this.#db.exec('COMMIT');
    } catch (error) {
      try {
        this.#db.exec('ROLLBACK');
      } catch {
        /* SQLite already rolled back (e.g. a full disk at COMMIT): the original error is what matters */
      }
      throw error;
    }
  }

  changeById(id: string): Change | null {
    const row = this.#db.prepare('SELECT * FROM changes WHERE id = ?').get(id) as ChangeRow | undefined;
    return row ? toChange(row) : null;
  }

  /** Changes that happened from `from` to `to` (inclusive), oldest first; with `after`, those that come after it in that order. */
  changesBetween(from: number, to: number, limit: number, after?: Pick<Change, 'at' | 'recordedAt' | 'id'>): Change[] {
    const rows = (
      after
        ? this.#db
            .prepare('SELECT * FROM changes WHERE at >= ? AND at <= ? AND (at, recorded_at, id) > (?, ?, ?) ORDER BY at, recorded_at, id LIMIT ?')
            .all(from, to, after.at, after.recordedAt, after.id, limit)
        : this.#db.prepare('SELECT * FROM changes WHERE at >= ? AND at <= ? ORDER BY at, recorded_at, id LIMIT ?').all(from, to, limit)
    ) as unknown as ChangeRow[];
    return rows.map(toChange);
  }

  /** How many changes happened from `from` to `to` (inclusive), and the latest of them. */
  changesTally(from: number, to: number): { count: number; latest: Change | null } {
    const { n } = this.#db.prepare('SELECT COUNT(*) AS n FROM changes WHERE at >= ? AND at <= ?').get(from, to) as { n: number };
    const row = this.#db.prepare('SELECT * FROM changes WHERE at >= ? AND at <= ? ORDER BY at DESC, recorded_at DESC, id DESC LIMIT 1').get(from, to) as ChangeRow | undefined;
    return { count: Number(n), latest: row ? toChange(row) : null };
  }

  /** Changes that happened at or after `since`, oldest first. */
  changesSince(since: number, limit: number): Change[] {
    const rows = this.#db.prepare('SELECT * FROM changes WHERE at >= ? ORDER BY at, recorded_at, id LIMIT ?').all(since, limit) as unknown as ChangeRow[];
    return rows.map(toChange);
  }
}
