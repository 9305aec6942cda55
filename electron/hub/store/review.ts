import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from './db.ts';
import type { IngestPage, PageSource, StoredPage } from '../../../shared/protocol/pages.ts';
import type { StoredRisk } from '../../../shared/protocol/risks.ts';
import type { StoredWorkLog, WorkLogBody } from '../../../shared/protocol/work-logs.ts';

interface PageRow {
  id: string;
  at: number;
  team: string;
  service: string;
  severity: string | null;
  title: string | null;
  dedup_key: string | null;
  source: PageSource;
  received_at: number;
}

const toPage = (r: PageRow): StoredPage => ({
  id: r.id,
  at: r.at,
  team: r.team,
  service: r.service,
  severity: r.severity,
  title: r.title,
  dedupKey: r.dedup_key,
  source: r.source,
  receivedAt: r.received_at,
});

interface RiskRow {
  id: string;
  title: string;
  category: string;
  likelihood: number;
  impact: number;
  effort: number;
  owner: string | null;
  mitigation: string | null;
  team: string | null;
  status: string;
  updated_at: number;
}

const toRisk = (r: RiskRow): StoredRisk => ({
  id: r.id,
  title: r.title,
  category: r.category,
  likelihood: r.likelihood,
  impact: r.impact,
  effort: r.effort,
  owner: r.owner,
  mitigation: r.mitigation,
  team: r.team,
  status: r.status,
  updatedAt: r.updated_at,
});

interface WorkLogRow {
  id: string;
  team: string;
  person: string;
  at: number;
  duration_ms: number;
  toil: number;
  text: string | null;
  recorded_at: number;
}

const toWorkLog = (r: WorkLogRow): StoredWorkLog => ({ id: r.id, team: r.team, person: r.person, at: r.at, durationMs: r.duration_ms, toil: r.toil === 1, text: r.text, recordedAt: r.recorded_at });

/** Pages, the risk backlog and work logs: what the operational review reads besides incidents. */
export class ReviewRepository {
  readonly #db: DatabaseSync;
  readonly #insertPage: StatementSync;
  readonly #saveRisk: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insertPage = db.prepare(
      `INSERT INTO pages (id, at, team, service, severity, title, dedup_key, source, received_at, token_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.#saveRisk = db.prepare(
      `INSERT INTO risks (id, title, category, likelihood, impact, effort, owner, mitigation, team, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category, likelihood = excluded.likelihood,
         impact = excluded.impact, effort = excluded.effort, owner = excluded.owner, mitigation = excluded.mitigation,
         team = excluded.team, status = excluded.status, updated_at = excluded.updated_at`,
    );
  }

  /** Store the pages in one transaction; the ids already stored are answered as duplicates. */
  insertPages(pages: readonly IngestPage[], source: PageSource, receivedAt: number, tokenId: string | null): { stored: StoredPage[]; duplicates: StoredPage[] } {
    const stored: StoredPage[] = [];
    const duplicates: StoredPage[] = [];
    inTransaction(this.#db, () => {
      for (const p of pages) {
        const result = this.#insertPage.run(p.id, p.at, p.team, p.service, p.severity ?? null, p.title ?? null, p.dedupKey ?? null, source, receivedAt, tokenId);
        if (result.changes > 0) {
          stored.push({ id: p.id, at: p.at, team: p.team, service: p.service, severity: p.severity ?? null, title: p.title ?? null, dedupKey: p.dedupKey ?? null, source, receivedAt });
        } else {
          duplicates.push(toPage(this.#db.prepare('SELECT * FROM pages WHERE id = ?').get(p.id) as unknown as PageRow));
        }
      }
    });
    return { stored, duplicates };
  }

  /** Pages sent in [from, to), oldest first. */
  pagesBetween(from: number, to: number): StoredPage[] {
    return (this.#db.prepare('SELECT * FROM pages WHERE at >= ? AND at < ? ORDER BY at, id').all(from, to) as unknown as PageRow[]).map(toPage);
  }

  saveRisk(r: StoredRisk): void {
    this.#saveRisk.run(r.id, r.title, r.category, r.likelihood, r.impact, r.effort, r.owner, r.mitigation, r.team, r.status, r.updatedAt);
  }

  /** Store a work log once: a retry with the same id answers the stored one. */
  insertWorkLog(w: WorkLogBody, recordedAt: number): { log: StoredWorkLog; duplicate: boolean } {
    const result = this.#db
      .prepare('INSERT INTO work_logs (id, team, person, at, duration_ms, toil, text, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(w.id, w.team, w.person, w.at, w.duration, w.toil ? 1 : 0, w.text ?? null, recordedAt);
    const row = this.#db.prepare('SELECT * FROM work_logs WHERE id = ?').get(w.id) as unknown as WorkLogRow;
    return { log: toWorkLog(row), duplicate: result.changes === 0 };
  }

  /** Work started in [from, to). */
  workLogsBetween(from: number, to: number): StoredWorkLog[] {
    return (this.#db.prepare('SELECT * FROM work_logs WHERE at >= ? AND at < ? ORDER BY at, id').all(from, to) as unknown as WorkLogRow[]).map(toWorkLog);
  }

  risks(): StoredRisk[] {
    return (this.#db.prepare('SELECT * FROM risks ORDER BY id').all() as unknown as RiskRow[]).map(toRisk);
  }
}
