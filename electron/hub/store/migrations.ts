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
    version: 6,
    name: '0006-incident-snapshots',
    // Impact snapshots: a chart as it looked at a moment, PNG bytes kept by the hub (a link to a
    // live dashboard would show today's data). Written once under the client's id, never changed.
    sql: `
      CREATE TABLE snapshots (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        bytes       BLOB NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        token_id    TEXT
      );
      CREATE INDEX snapshots_incident ON snapshots (incident_id);
    `,
  },
  {
    version: 7,
    name: '0007-pulse',
    // Customer posts (the key is source:id, so a repeat is ignored), scored once on arrival; the
    // per-minute aggregates the wall charts and the spike detector reads (rewritten whole after
    // each batch, in the same transaction); each Mastodon timeline's cursor, so a restart resumes
    // where it stopped. Both tables are pruned after the workspace's pulse.retention.
    sql: `
      CREATE TABLE pulse_posts (
        key             TEXT PRIMARY KEY,
        source          TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('ingest', 'feed', 'mastodon')),
        id              TEXT NOT NULL,
        author          TEXT NOT NULL,
        author_name     TEXT,
        title           TEXT,
        content_warning TEXT,
        text            TEXT NOT NULL,
        url             TEXT,
        created_at      INTEGER NOT NULL,
        date_source     TEXT NOT NULL CHECK (date_source IN ('source', 'first-seen', 'backlog')),
        received_at     INTEGER NOT NULL,
        lang            TEXT,
        metadata        TEXT NOT NULL CHECK (json_valid(metadata)),
        compound        REAL NOT NULL,
        label           TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
        topics          TEXT NOT NULL CHECK (json_valid(topics)),
        drivers         TEXT NOT NULL CHECK (json_valid(drivers))
      ) WITHOUT ROWID;
      CREATE INDEX pulse_posts_received ON pulse_posts (received_at);
      CREATE INDEX pulse_posts_created ON pulse_posts (created_at);

      CREATE TABLE pulse_minutes (
        minute     INTEGER PRIMARY KEY,
        volume     INTEGER NOT NULL,
        negative   INTEGER NOT NULL,
        positive   INTEGER NOT NULL,
        complaints INTEGER NOT NULL,
        topics     TEXT NOT NULL CHECK (json_valid(topics)),
        terms      TEXT NOT NULL CHECK (json_valid(terms))
      );

      CREATE TABLE pulse_cursors (
        feed_id TEXT PRIMARY KEY,
        cursor  TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: '0008-plans',
    // Event plans: the validated plan as JSON (the hub's own form, durations in ms) plus the
    // columns lists and the wall filter on. Templates are versioned and never overwritten: a lesson
    // pushed back makes a new version. Check-ins and go/no-go decisions are append-only records.
    sql: `
      CREATE TABLE plan_templates (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL CHECK (version > 0),
        name       TEXT NOT NULL,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        note       TEXT,
        PRIMARY KEY (id, version)
      ) WITHOUT ROWID;

      CREATE TABLE plans (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('draft', 'planned', 'ready', 'live', 'closed')),
        start_ms         INTEGER NOT NULL,
        end_ms           INTEGER NOT NULL,
        template_id      TEXT,
        template_version INTEGER,
        body             TEXT NOT NULL CHECK (json_valid(body)),
        revision         INTEGER NOT NULL CHECK (revision > 0),
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        updated_by       TEXT NOT NULL
      );
      CREATE INDEX plans_state ON plans (state);

      CREATE TABLE plan_check_ins (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id     TEXT NOT NULL REFERENCES plans (id),
        schedule_id TEXT NOT NULL,
        at          INTEGER NOT NULL,
        by          TEXT NOT NULL,
        service     TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('green', 'amber', 'red')),
        note        TEXT NOT NULL,
        token_id    TEXT
      );
      CREATE INDEX plan_check_ins_plan ON plan_check_ins (plan_id, at);

      CREATE TABLE plan_decisions (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id    TEXT NOT NULL REFERENCES plans (id),
        outcome    TEXT NOT NULL CHECK (outcome IN ('go', 'no_go', 'go_with_conditions')),
        by         TEXT NOT NULL,
        at         INTEGER NOT NULL,
        conditions TEXT,
        note       TEXT
      );

      -- The forecast's actual, sampled once a minute while the plan runs (the frames keep an hour).
      CREATE TABLE plan_actuals (
        plan_id TEXT NOT NULL REFERENCES plans (id),
        at      INTEGER NOT NULL,
        value   REAL NOT NULL,
        PRIMARY KEY (plan_id, at)
      ) WITHOUT ROWID;

      CREATE TABLE plan_fired_triggers (
        plan_id     TEXT NOT NULL REFERENCES plans (id),
        risk_id     TEXT NOT NULL,
        at          INTEGER NOT NULL,
        value       REAL,
        incident_id TEXT,
        PRIMARY KEY (plan_id, risk_id, at)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: '0009-pages-risks-work-logs',
    // Pages (every notification that reached a person, from REST, Alertmanager or PagerDuty; the
    // sender's id is the key, so a redelivery is a no-op), the risk backlog, and work logged by
    // people with a toil flag (the toil share per team).
    sql: `
      CREATE TABLE pages (
        id          TEXT PRIMARY KEY,
        at          INTEGER NOT NULL,
        team        TEXT NOT NULL,
        service     TEXT NOT NULL,
        severity    TEXT,
        title       TEXT,
        dedup_key   TEXT,
        source      TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        token_id    TEXT
      );
      CREATE INDEX pages_at ON pages (at);

      CREATE TABLE risks (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        category    TEXT NOT NULL,
        likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
        effort      INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),
        owner       TEXT,
        mitigation  TEXT,
        team        TEXT,
        status      TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );

      CREATE TABLE work_logs (
        id          TEXT PRIMARY KEY,
        team        TEXT NOT NULL,
        person      TEXT NOT NULL,
        at          INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
        toil        INTEGER NOT NULL CHECK (toil IN (0, 1)),
        text        TEXT,
        recorded_at INTEGER NOT NULL
      );
      CREATE INDEX work_logs_at ON work_logs (at);
    `,
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
  {
    version: 11,
    name: '0011-canary-probe-kind',
    // Blackbox probes are canaries too: the kind's CHECK gains 'probe' (SQLite rebuilds the table).
    sql: `
      CREATE TABLE canary_states_new (
        canary_id  TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('check', 'suite', 'probe')),
        state      TEXT NOT NULL CHECK (json_valid(state)),
        extra      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
        updated_at INTEGER NOT NULL
      );
      INSERT INTO canary_states_new SELECT canary_id, kind, state, extra, updated_at FROM canary_states;
      DROP TABLE canary_states;
      ALTER TABLE canary_states_new RENAME TO canary_states;
    `,
  },
  {
    version: 12,
    name: '0012-enrolment-codes-from-settings',
    // Enrolment the other way round: an admin creates the code in Settings and the wall redeems
    // it. Such a code has no wall behind it, so only these rows may be redeemed by code alone.
    sql: `ALTER TABLE wall_enrolments ADD COLUMN created_by TEXT;`,
  },
  {
    version: 13,
    name: '0013-webhook-deliveries',
    // The webhook outbox: a message is written here once its command is committed and acked, and
    // leaves the queue only when it is delivered or given up, so a restart resumes it. seq is the
    // order per webhook (not the ULID: a clock set back must not put a new message first). The
    // webhook is kept by the SHA-256 of its URL, never the URL (the URL is the secret), and by the
    // label the consoles show. Settled rows (delivered/failed) are the recent list, pruned by count
    // and age; open rows (settled_at NULL) are bounded per webhook by the queue limit.
    sql: `
      CREATE TABLE webhook_deliveries (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        webhook_key     TEXT NOT NULL,
        webhook         TEXT NOT NULL,
        incident_id     TEXT NOT NULL,
        event           TEXT NOT NULL,
        summary         TEXT NOT NULL,
        message         TEXT NOT NULL CHECK (json_valid(message)),
        state           TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error      TEXT,
        next_attempt_at INTEGER,
        created_at      INTEGER NOT NULL,
        settled_at      INTEGER,
        CHECK ((settled_at IS NULL) = (state IN ('pending', 'retrying')))
      );
      CREATE INDEX webhook_deliveries_open ON webhook_deliveries (webhook_key, seq) WHERE settled_at IS NULL;
      CREATE INDEX webhook_deliveries_settled ON webhook_deliveries (settled_at) WHERE settled_at IS NOT NULL;
      CREATE INDEX webhook_deliveries_incident ON webhook_deliveries (incident_id, seq);
    `,
  },
  {
    version: 14,
    name: '0014-canary-junit-inbox-ingested',
    // The JUnit inbox remembers what it ingested, so a report that could not be moved out of the
    // folder is not ingested again after a restart. The key is the SHA-256 of the file's bytes
    // (with its mtime when the report carries no timestamp of its own); seen_at is when the same
    // bytes were last met, and rows not met for a while are pruned.
    sql: `
      CREATE TABLE canary_junit_ingested (
        key         TEXT PRIMARY KEY,
        canary_id   TEXT NOT NULL,
        file        TEXT NOT NULL,
        ingested_at INTEGER NOT NULL,
        seen_at     INTEGER NOT NULL
      );
      CREATE INDEX canary_junit_ingested_seen ON canary_junit_ingested (seen_at);
    `,
  },
  {
    version: 15,
    name: '0015-plans-closed-by',
    // Who closed a plan and when, kept apart from its last editor (lessons pushed later change
    // that). A plan closed before this version takes its last change, the best that is known.
    sql: `
      ALTER TABLE plans ADD COLUMN closed_at INTEGER;
      ALTER TABLE plans ADD COLUMN closed_by TEXT;
      UPDATE plans SET closed_at = updated_at, closed_by = updated_by WHERE state = 'closed';
    `,
  },
];
