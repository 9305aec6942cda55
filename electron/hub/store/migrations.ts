/**
 * Numbered schema migrations. Append only: a released migration is never edited, because
 * databases in the field have already run it. `PRAGMA user_version` records how far a file got.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: '0001-tokens',
    sql: `
      CREATE TABLE tokens (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('viewer', 'responder', 'planner', 'admin')),
        hash       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
    `,
  },
  {
    version: 2,
    name: '0002-token-usage-and-settings',
    sql: `
      ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
      ALTER TABLE tokens ADD COLUMN seeded INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
