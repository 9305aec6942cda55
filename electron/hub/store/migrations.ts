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
  {
    version: 3,
    name: '0003-incidents',
    // The timeline is one append-only log of every command (declare, entry, edit, delete, pin,
    // role, handoff, task ack, update sent): the client's ULID is the key, so a retry is a no-op,
    // and seq is the one order every client shows. An incident row is the log's projection,
    // written in the same transaction, so SQL can list and report on incidents.
    sql: `
      CREATE TABLE incidents (
        id                   TEXT PRIMARY KEY,
        title                TEXT NOT NULL,
        severity             INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
        priority             TEXT CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        status               TEXT NOT NULL CHECK (status IN ('declared', 'investigating', 'identified', 'mitigated', 'monitoring', 'resolved', 'closed')),
        created_at           INTEGER NOT NULL,
        created_by           TEXT NOT NULL,
        started_at           INTEGER,
        ended_at             INTEGER,
        impact               TEXT,
        affected_service     TEXT,
        affected_region      TEXT,
        affected_platform    TEXT,
        root_cause_category  TEXT,
        responsible_property TEXT
      );
      CREATE INDEX incidents_status ON incidents (status);

      CREATE TABLE entries (
        id          TEXT PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE CHECK (seq > 0),
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        kind        TEXT NOT NULL,
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        occurred_at INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        author      TEXT NOT NULL,
        console     TEXT NOT NULL,
        token_id    TEXT
      );
      CREATE INDEX entries_incident_seq ON entries (incident_id, seq);
      CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'the timeline is append-only: supersede an entry instead'); END;
      CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, 'the timeline is append-only: supersede an entry instead'); END;

      CREATE TABLE changes (
        id           TEXT PRIMARY KEY,
        service      TEXT NOT NULL,
        description  TEXT NOT NULL,
        author       TEXT,
        at           INTEGER NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('deploy', 'config', 'feature_flag', 'rollback')),
        url          TEXT,
        recorded_at  INTEGER NOT NULL,
        incident_ids TEXT NOT NULL CHECK (json_valid(incident_ids))
      );
      CREATE INDEX changes_at ON changes (at);
    `,
  },
  {
    version: 4,
    name: '0004-canaries',
    // Canary runs: every result raw (pruned after the workspace's rawDays, default 14), hourly
    // rollups (kept a year), the state model's latest snapshot per canary (the state is rebuilt at
    // start from it plus the runs received after it), an audit of acks and snoozes, and the
    // certificates already warned about (once per certificate, across restarts).
    sql: `
      CREATE TABLE canary_results (
        id             INTEGER PRIMARY KEY,
        canary_id      TEXT NOT NULL,
        at             INTEGER NOT NULL,
        received_at    INTEGER NOT NULL,
        outcome        TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'error')),
        classification TEXT,
        latency_ms     REAL,
        attempts       INTEGER NOT NULL DEFAULT 1,
        retried        INTEGER NOT NULL DEFAULT 0,
        maintenance    INTEGER NOT NULL DEFAULT 0,
        message        TEXT,
        detail         TEXT CHECK (detail IS NULL OR json_valid(detail))
      );
      CREATE INDEX canary_results_canary_received ON canary_results (canary_id, received_at);
      CREATE INDEX canary_results_received ON canary_results (received_at);

      CREATE TABLE canary_rollups (
        canary_id     TEXT NOT NULL,
        hour          INTEGER NOT NULL,
        runs          INTEGER NOT NULL DEFAULT 0,
        passes        INTEGER NOT NULL DEFAULT 0,
        failures      INTEGER NOT NULL DEFAULT 0,
        flaky         INTEGER NOT NULL DEFAULT 0,
        latency_sum   REAL NOT NULL DEFAULT 0,
        latency_count INTEGER NOT NULL DEFAULT 0,
        latency_max   REAL,
        up_ms         INTEGER NOT NULL DEFAULT 0,
        down_ms       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (canary_id, hour)
      ) WITHOUT ROWID;
      CREATE INDEX canary_rollups_hour ON canary_rollups (hour);

      CREATE TABLE canary_states (
        canary_id  TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('check', 'suite')),
        state      TEXT NOT NULL CHECK (json_valid(state)),
        extra      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE canary_acks (
        id        INTEGER PRIMARY KEY,
        canary_id TEXT NOT NULL,
        at        INTEGER NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('ack', 'snooze', 'unack')),
        by        TEXT NOT NULL,
        until     INTEGER,
        note      TEXT,
        token_id  TEXT
      );
      CREATE INDEX canary_acks_canary ON canary_acks (canary_id, at);

      CREATE TABLE canary_cert_warnings (
        canary_id   TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        warned_at   INTEGER NOT NULL,
        PRIMARY KEY (canary_id, fingerprint)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: '0005-token-scopes',
    // A JSON array of ingest scopes (shared/model/auth.ts): machine tokens that may post one kind
    // of data and nothing else.
    sql: `ALTER TABLE tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 10,
    name: '0010-wall-enrolments',
    // A wall device's enrolment: the code it shows and the secret it claims with, both hashed.
    // The device's viewer token is created when it claims (so no secret is ever stored).
    sql: `
      CREATE TABLE wall_enrolments (
        id          TEXT PRIMARY KEY,
        code_hash   TEXT NOT NULL UNIQUE,
        claim_hash  TEXT NOT NULL UNIQUE,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        approved_at INTEGER,
        approved_by TEXT,
        device_name TEXT,
        claimed_at  INTEGER,
        token_id    TEXT
      );
      CREATE INDEX wall_enrolments_expiry ON wall_enrolments (expires_at);
    `,
  },
];
