import type { DatabaseSync } from 'node:sqlite';
import type { IngestScope, Role, TokenInfo } from '../../../shared/model/auth.ts';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  role: row.role,
  scopes: JSON.parse(row.scopes) as IngestScope[],
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Tokens are stored by the hash of their secret only; the secret itself is never kept. */
export class TokenRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  insert(token: { id: string; name: string; role: Role; scopes?: readonly IngestScope[]; hash: string; createdAt: number; seeded?: boolean }): TokenInfo {
    this.#db
      .prepare('INSERT INTO tokens (id, name, role, scopes, hash, created_at, seeded) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(token.id, token.name, token.role, JSON.stringify(token.scopes ?? []), token.hash, token.createdAt, token.seeded ? 1 : 0);
    return this.byId(token.id)!;
  }

  byId(id: string): TokenInfo | null {
    const row = this.#db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toInfo(row) : null;
  }

  /** The live (not revoked) token with this hash. */
  activeByHash(hash: string): TokenInfo | null {
    const row = this.#db.prepare('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as TokenRow | undefined;
    return row ? toInfo(row) : null;
  }

  anyByHash(hash: string): TokenInfo | null {
    const row = this.#db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row ? toInfo(row) : null;
  }

  list(): TokenInfo[] {
    return (this.#db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as unknown as TokenRow[]).map(toInfo);
  }

  countActiveAdmins(): number {
    const row = this.#db.prepare("SELECT count(*) AS n FROM tokens WHERE role = 'admin' AND revoked_at IS NULL").get() as { n: number };
    return row.n;
  }

  revoke(id: string, at: number): boolean {
    return this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0;
  }

  /** Usage is bookkeeping, not acknowledged data: written at most once a minute per token. */
  touch(id: string, at: number): void {
    this.#db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)').run(at, id, at - 60_000);
  }
}
