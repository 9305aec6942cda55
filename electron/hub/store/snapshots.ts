import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A stored impact snapshot, without its bytes. */
export interface SnapshotInfo {
  id: string;
  incidentId: string;
  size: number;
  sha256: string;
  width: number;
  height: number;
  createdAt: number;
}

interface SnapshotRow {
  id: string;
  incident_id: string;
  size: number;
  sha256: string;
  width: number;
  height: number;
  created_at: number;
}

const toInfo = (row: SnapshotRow): SnapshotInfo => ({
  id: row.id,
  incidentId: row.incident_id,
  size: row.size,
  sha256: row.sha256,
  width: row.width,
  height: row.height,
  createdAt: row.created_at,
});

/** Impact snapshots (PNG bytes) by id: inserted once, read back by the id and its incident. */
export class SnapshotRepository {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #info: StatementSync;
  readonly #bytes: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO snapshots (id, incident_id, bytes, size, sha256, width, height, created_at, token_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.#info = db.prepare('SELECT id, incident_id, size, sha256, width, height, created_at FROM snapshots WHERE id = ?');
    this.#bytes = db.prepare('SELECT bytes FROM snapshots WHERE id = ? AND incident_id = ?');
  }

  /** Committed when it returns (one statement, synchronous=FULL). */
  put(info: SnapshotInfo, bytes: Uint8Array, tokenId: string | null): void {
    this.#insert.run(info.id, info.incidentId, bytes, info.size, info.sha256, info.width, info.height, info.createdAt, tokenId);
  }

  info(id: string): SnapshotInfo | null {
    const row = this.#info.get(id) as SnapshotRow | undefined;
    return row ? toInfo(row) : null;
  }

  bytes(id: string, incidentId: string): Uint8Array | null {
    const row = this.#bytes.get(id, incidentId) as { bytes: Uint8Array } | undefined;
    return row?.bytes ?? null;
  }

  /** How many bytes of snapshots the incident holds (for its quota). */
  totalFor(incidentId: string): number {
    return (this.#db.prepare('SELECT coalesce(sum(size), 0) AS n FROM snapshots WHERE incident_id = ?').get(incidentId) as { n: number }).n;
  }
}
