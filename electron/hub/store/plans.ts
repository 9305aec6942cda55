import type { DatabaseSync } from 'node:sqlite';
import type { CheckIn, Plan } from '../../../shared/model/plan.ts';
import type { PlanRecord, TemplateSummary } from '../../../shared/protocol/plans.ts';

interface PlanRow {
  id: string;
  body: string;
  revision: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
  closed_at: number | null;
  closed_by: string | null;
}

interface TemplateRow {
  id: string;
  version: number;
  name: string;
  body: string;
  created_at: number;
  created_by: string;
  note: string | null;
}

export interface StoredDecision {
  readonly planId: string;
  readonly outcome: 'go' | 'no_go' | 'go_with_conditions';
  readonly by: string;
  readonly at: number;
  readonly conditions: string | null;
  readonly note: string | null;
}

export interface StoredFiredTrigger {
  readonly riskId: string;
  readonly at: number;
  readonly value: number | null;
  /** The incident it was declared as, if any. */
  readonly incidentId?: string | null;
}

const toRecord = (r: PlanRow): PlanRecord => ({
  id: r.id,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  plan: JSON.parse(r.body) as Plan,
});

/** The closing time and closer a write records: only the write that closes the plan sets them. */
const closing = (plan: Plan, at: number, by: string): [number | null, string | null] => (plan.event.state === 'closed' ? [at, by] : [null, null]);

/** The columns a plan is listed and filtered by, taken from the plan itself. */
export interface PlanColumns {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Plans, versioned templates, check-ins, go/no-go decisions and fired triggers. Callers validate
 * before they write; each write is one transaction, committed before the caller answers.
 */
export class PlanRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #tx<T>(fn: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.#db.exec('COMMIT');
      return out;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  // ---- plans --------------------------------------------------------------------------------

  list(): PlanRecord[] {
    return (this.#db.prepare('SELECT id, body, revision, created_at, updated_at, updated_by, closed_at, closed_by FROM plans ORDER BY start_ms DESC, id').all() as unknown as PlanRow[]).map(toRecord);
  }

  get(id: string): PlanRecord | null {
    const row = this.#db.prepare('SELECT id, body, revision, created_at, updated_at, updated_by, closed_at, closed_by FROM plans WHERE id = ?').get(id) as PlanRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Insert a new plan; false when the id is taken. */
  insert(id: string, plan: Plan, cols: PlanColumns, at: number, by: string): boolean {
    const result = this.#db
      .prepare(
        `INSERT INTO plans (id, name, state, start_ms, end_ms, template_id, template_version, body, revision, created_at, updated_at, updated_by, closed_at, closed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(id, plan.event.name, plan.event.state, cols.startMs, cols.endMs, plan.basedOn?.template ?? null, plan.basedOn?.version ?? null, JSON.stringify(plan), at, at, by, ...closing(plan, at, by));
    return Number(result.changes) === 1;
  }

  /** Replace a plan; with `revision`, only if it is still at that revision (else false). */
  update(id: string, plan: Plan, cols: PlanColumns, at: number, by: string, revision?: number): boolean {
    const result = this.#db
      .prepare(
        `UPDATE plans SET name = ?, state = ?, start_ms = ?, end_ms = ?, template_id = ?, template_version = ?, body = ?, revision = revision + 1, updated_at = ?, updated_by = ?,
           closed_at = coalesce(closed_at, ?), closed_by = coalesce(closed_by, ?)
         WHERE id = ? AND (? IS NULL OR revision = ?)`,
      )
      .run(plan.event.name, plan.event.state, cols.startMs, cols.endMs, plan.basedOn?.template ?? null, plan.basedOn?.version ?? null, JSON.stringify(plan), at, by, ...closing(plan, at, by), id, revision ?? null, revision ?? null);
    return Number(result.changes) === 1;
  }

  // ---- templates ----------------------------------------------------------------------------

  templates(): TemplateSummary[] {
    const rows = this.#db
      .prepare(
        `SELECT t.id, t.version, t.name, t.body, t.created_at, t.created_by, t.note FROM plan_templates t
         WHERE t.version = (SELECT max(version) FROM plan_templates WHERE id = t.id) ORDER BY t.id`,
      )
      .all() as unknown as TemplateRow[];
    return rows.map((r) => {
      const plan = JSON.parse(r.body) as Plan;
      return {
      id: r.id,
      version: r.version,
      name: r.name,
      description: plan.template?.description ?? null,
      timezone: plan.event.timezone,
      createdAt: r.created_at,
      createdBy: r.created_by,
      note: r.note,
      };
    });
  }

  /** A template at a version (default: its latest). */
  template(id: string, version?: number): { version: number; plan: Plan } | null {
    const row = (
      version === undefined
        ? this.#db.prepare('SELECT version, body FROM plan_templates WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
        : this.#db.prepare('SELECT version, body FROM plan_templates WHERE id = ? AND version = ?').get(id, version)
    ) as { version: number; body: string } | undefined;
    return row ? { version: row.version, plan: JSON.parse(row.body) as Plan } : null;
  }

  /** Store a template version; false when that version exists already. */
  insertTemplate(id: string, version: number, plan: Plan, at: number, by: string, note: string | null): boolean {
    const result = this.#db
      .prepare('INSERT INTO plan_templates (id, version, name, body, created_at, created_by, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(id, version, plan.event.name, JSON.stringify(plan), at, by, note);
    return Number(result.changes) === 1;
  }

  /** A new template version and the plan that taught it, in one transaction. */
  pushLessons(templateId: string, version: number, template: Plan, planId: string, plan: Plan, cols: PlanColumns, at: number, by: string, note: string | null): boolean {
    return this.#tx(() => {
      if (!this.insertTemplate(templateId, version, template, at, by, note)) return false;
      this.update(planId, plan, cols, at, by);
      return true;
    });
  }

  // ---- check-ins, decisions, triggers -------------------------------------------------------

  addCheckIn(planId: string, checkIn: CheckIn, tokenId: string | null): void {
    this.#db
      .prepare('INSERT INTO plan_check_ins (plan_id, schedule_id, at, by, service, status, note, token_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(planId, checkIn.scheduleId, checkIn.at, checkIn.by, checkIn.service, checkIn.status, checkIn.note, tokenId);
  }

  checkIns(planId: string): CheckIn[] {
    return (
      this.#db.prepare('SELECT schedule_id, at, by, service, status, note FROM plan_check_ins WHERE plan_id = ? ORDER BY at, seq').all(planId) as unknown as {
        schedule_id: string;
        at: number;
        by: string;
        service: string;
        status: CheckIn['status'];
        note: string;
      }[]
    ).map((r) => ({ scheduleId: r.schedule_id, at: r.at, by: r.by, service: r.service, status: r.status, note: r.note }));
  }

  /** Record a decision and the plan that now carries it, in one transaction. */
  decide(decision: StoredDecision, plan: Plan, cols: PlanColumns, by: string): void {
    this.#tx(() => {
      this.#db
        .prepare('INSERT INTO plan_decisions (plan_id, outcome, by, at, conditions, note) VALUES (?, ?, ?, ?, ?, ?)')
        .run(decision.planId, decision.outcome, decision.by, decision.at, decision.conditions, decision.note);
      this.update(decision.planId, plan, cols, decision.at, by);
    });
  }

  decisions(planId: string): StoredDecision[] {
    return (
      this.#db.prepare('SELECT plan_id, outcome, by, at, conditions, note FROM plan_decisions WHERE plan_id = ? ORDER BY seq').all(planId) as unknown as {
        plan_id: string;
        outcome: StoredDecision['outcome'];
        by: string;
        at: number;
        conditions: string | null;
        note: string | null;
      }[]
    ).map((r) => ({ planId: r.plan_id, outcome: r.outcome, by: r.by, at: r.at, conditions: r.conditions, note: r.note }));
  }

  addActual(planId: string, at: number, value: number): void {
    this.#db.prepare('INSERT INTO plan_actuals (plan_id, at, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(planId, at, value);
  }

  /** The newest `limit` samples, oldest first. */
  actuals(planId: string, limit: number): [number, number][] {
    const rows = this.#db.prepare('SELECT at, value FROM plan_actuals WHERE plan_id = ? ORDER BY at DESC LIMIT ?').all(planId, limit) as unknown as { at: number; value: number }[];
    return rows.reverse().map((r) => [r.at, r.value]);
  }

  /** The highest sample at or after `sinceMs` ([at, value], the first if several), or null. */
  actualPeak(planId: string, sinceMs: number): [number, number] | null {
    const row = this.#db.prepare('SELECT at, value FROM plan_actuals WHERE plan_id = ? AND at >= ? ORDER BY value DESC, at LIMIT 1').get(planId, sinceMs) as { at: number; value: number } | undefined;
    return row ? [row.at, row.value] : null;
  }

  /**
   * Record a firing and the risks firing from now on, in one transaction: after a restart the
   * hub reads the set back and does not record a trigger that is still firing a second time.
   */
  addFiredTrigger(planId: string, fired: StoredFiredTrigger, firing: readonly string[]): void {
    this.#tx(() => {
      this.#db.prepare('INSERT INTO plan_fired_triggers (plan_id, risk_id, at, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(planId, fired.riskId, fired.at, fired.value);
      this.#writeFiring(planId, firing);
    });
  }

  // The firing set lives in the settings table (one key per plan): no migration of its own.
  #firingKey = (planId: string) => `plan-firing:${planId}`;

  #writeFiring(planId: string, firing: readonly string[]): void {
    if (firing.length === 0) this.#db.prepare('DELETE FROM settings WHERE key = ?').run(this.#firingKey(planId));
    else this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(this.#firingKey(planId), JSON.stringify([...firing].sort()));
  }

  /** The risks of a plan whose trigger fired and has not been seen clear since. */
  firingRisks(planId: string): string[] {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(this.#firingKey(planId)) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  /**
   * The risks of a plan firing (as `firingRisks`), each with when its firing was recorded: the
   * latest firing's time, the walls' key for the firing episode.
   */
  firingSince(planId: string): Map<string, number> {
    const firing = this.firingRisks(planId);
    if (firing.length === 0) return new Map();
    const latest = this.#db.prepare('SELECT risk_id, max(at) AS at FROM plan_fired_triggers WHERE plan_id = ? GROUP BY risk_id').all(planId) as unknown as { risk_id: string; at: number }[];
    const at = new Map(latest.map((r) => [r.risk_id, r.at]));
    // Recorded in one transaction with the set, so each has a time; 0 would be a stable stand-in.
    return new Map(firing.map((risk) => [risk, at.get(risk) ?? 0]));
  }

  /** A trigger seen clear again: it no longer counts as firing. */
  setFiringRisks(planId: string, firing: readonly string[]): void {
    this.#writeFiring(planId, firing);
  }

  firedTriggers(planId: string): StoredFiredTrigger[] {
    const rows = this.#db.prepare('SELECT risk_id, at, value, incident_id FROM plan_fired_triggers WHERE plan_id = ? ORDER BY at').all(planId) as unknown as {
      risk_id: string;
      at: number;
      value: number | null;
      incident_id: string | null;
    }[];
    return rows.map((r) => ({ riskId: r.risk_id, at: r.at, value: r.value, incidentId: r.incident_id }));
  }

  /** Record the incident a risk's firing recorded at `firedAt` (else its latest) was declared as; false when no such firing. */
  linkIncident(planId: string, riskId: string, incidentId: string, firedAt?: number): boolean {
    const result =
      firedAt === undefined
        ? this.#db
            .prepare(
              `UPDATE plan_fired_triggers SET incident_id = ? WHERE plan_id = ? AND risk_id = ?
               AND at = (SELECT max(at) FROM plan_fired_triggers WHERE plan_id = ? AND risk_id = ?)`,
            )
            .run(incidentId, planId, riskId, planId, riskId)
        : this.#db.prepare('UPDATE plan_fired_triggers SET incident_id = ? WHERE plan_id = ? AND risk_id = ? AND at = ?').run(incidentId, planId, riskId, firedAt);
    return Number(result.changes) === 1;
  }

}
