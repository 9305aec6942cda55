import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from './db.ts';
import { migrations } from './migrations.ts';
import { openStore } from './store.ts';

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('upgrades a database left at an old schema, keeping its data', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-migrate-'));
    const file = join(dir, 'mission-control.sqlite');
    // A database as version 1 of the hub left it, written with that version's SQL only.
    const old = new DatabaseSync(file);
    old.exec(migrations[0]!.sql);
    old.exec('PRAGMA user_version = 1');
    old.prepare('INSERT INTO tokens (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)').run('t1', 'lobby wall', 'viewer', 'abc', 1700000000000);
    old.close();

    const store = openStore(dir);
    const [token] = store.tokens.list();
    expect(token).toEqual({ id: 't1', name: 'lobby wall', role: 'viewer', scopes: [], createdAt: 1700000000000, lastUsedAt: null, revokedAt: null });
    store.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'webhook_deliveries'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('opens with WAL and synchronous=FULL', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-migrate-'));
    const db = openDatabase(join(dir, 'x.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    db.close();
  });

  it('rolls back a failing migration and refuses a database from a newer hub', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-migrate-'));
    const file = join(dir, 'x.sqlite');
    const broken = [...migrations, { version: 99, name: '0099-broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
    expect(() => openDatabase(file, broken)).toThrow(/migration 0099-broken failed: no such table/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.exec('PRAGMA user_version = 500');
    db.close();
    expect(() => openDatabase(file)).toThrow(/schema version 500, newer than this hub knows/);
  });
});
