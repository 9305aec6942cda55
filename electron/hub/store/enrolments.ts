import type { DatabaseSync } from 'node:sqlite';

export interface EnrolmentRow {
  id: string;
  code_hash: string;
  claim_hash: string;
  created_at: number;
  expires_at: number;
  approved_at: number | null;
  approved_by: string | null;
  device_name: string | null;
  claimed_at: number | null;
  token_id: string | null;
  /** The admin who created the code in Settings; null for a code a wall showed. */
  created_by: string | null;
}

/** Wall enrolments, by the hashes of their code and claim secret (never the secrets). */
export class EnrolmentRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  insert(row: { id: string; codeHash: string; claimHash: string; createdAt: number; expiresAt: number }): void {
    this.#db
      .prepare('INSERT INTO wall_enrolments (id, code_hash, claim_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, row.codeHash, row.claimHash, row.createdAt, row.expiresAt);
  }

  /** A code an admin created in Settings, already approved for the named device, waiting for a wall. */
  insertCreated(row: { id: string; codeHash: string; claimHash: string; createdAt: number; expiresAt: number; by: string; deviceName: string }): void {
    this.#db
      .prepare(
        'INSERT INTO wall_enrolments (id, code_hash, claim_hash, created_at, expires_at, approved_at, approved_by, device_name, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, row.codeHash, row.claimHash, row.createdAt, row.expiresAt, row.createdAt, row.by, row.deviceName, row.by);
  }

  /** A code created in Settings, by its hash, whatever its state (to say why it cannot be used). */
  createdByCode(codeHash: string): EnrolmentRow | null {
    return (this.#db.prepare('SELECT * FROM wall_enrolments WHERE code_hash = ? AND created_by IS NOT NULL').get(codeHash) as EnrolmentRow | undefined) ?? null;
  }

  /** Mark a code redeemed, unless it was already: true when this call took it (one use, even under races). */
  redeem(id: string, at: number, tokenId: string): boolean {
    return this.#db.prepare('UPDATE wall_enrolments SET claimed_at = ?, token_id = ? WHERE id = ? AND claimed_at IS NULL').run(at, tokenId, id).changes === 1;
  }

  /** A pending (not approved, not expired) enrolment by its code's hash. */
  pendingByCode(codeHash: string, now: number): EnrolmentRow | null {
    return (
      (this.#db
        .prepare('SELECT * FROM wall_enrolments WHERE code_hash = ? AND approved_at IS NULL AND expires_at > ?')
        .get(codeHash, now) as EnrolmentRow | undefined) ?? null
    );
  }

  byClaim(claimHash: string): EnrolmentRow | null {
    return (this.#db.prepare('SELECT * FROM wall_enrolments WHERE claim_hash = ?').get(claimHash) as EnrolmentRow | undefined) ?? null;
  }

  countPending(now: number): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM wall_enrolments WHERE approved_at IS NULL AND expires_at > ?').get(now) as { n: number }).n;
  }

  approve(id: string, at: number, by: string, deviceName: string, expiresAt: number): void {
    this.#db
      .prepare('UPDATE wall_enrolments SET approved_at = ?, approved_by = ?, device_name = ?, expires_at = ? WHERE id = ?')
      .run(at, by, deviceName, expiresAt, id);
  }

  claimed(id: string, at: number, tokenId: string): void {
    this.#db.prepare('UPDATE wall_enrolments SET claimed_at = ?, token_id = ? WHERE id = ?').run(at, tokenId, id);
  }

  /** Forget enrolments that expired unclaimed a day ago (claimed ones are kept: which device got which token). */
  purge(before: number): void {
    this.#db.prepare('DELETE FROM wall_enrolments WHERE claimed_at IS NULL AND expires_at < ?').run(before);
  }
}
