/**
 * Event plans on the hub: create (from a template, a copy or a full plan), replace, move through
 * their states, check-ins, go/no-go, lessons back into the (versioned) template, the reports and
 * the calendar; and, while a plan runs, its risk triggers watched against the live frames.
 * Every write is validated as a whole first: a refused plan stores nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { canTransitionPlan, parsePlan, type CheckIn, type Plan, type PlanState } from '../../../shared/model/plan.ts';
import { planCalendar } from '../../../shared/domain/planning/ics.ts';
import { planFromCopy, planFromTemplate, templateWithLessons } from '../../../shared/domain/planning/new-plan.ts';
import { parsePlanText, type PlanTextIssue } from '../../../shared/domain/planning/plan-io.ts';
import { postEventReport, weekendReadinessReport, weekendReport, type FiredTrigger } from '../../../shared/domain/planning/reports.ts';
import { backToReadyRefusal, goLiveRefusal, openForGo } from '../../../shared/domain/planning/go-no-go.ts';
import { evaluateTrigger } from '../../../shared/domain/planning/risk.ts';
import { planWindow } from '../../../shared/domain/planning/timeline.ts';
import type { IncidentRecord } from '../../../shared/domain/review/incident-trends.ts';
import { freezeWindow } from '../../../shared/domain/planning/freeze.ts';
import type { Change } from '../../../shared/protocol/incidents.ts';
import {
  newPlanRequestSchema,
  type CheckInBody,
  type DecisionBody,
  type LivePlan,
  type UpcomingPlan,
  type LiveTrigger,
  type FreezeChangesReply,
  type PlanRecord,
  type PlanSummary,
  type TemplateSummary,
  type TriggerFired,
} from '../../../shared/protocol/plans.ts';
import { fieldIssues } from '../../../shared/model/issues.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';
import { panelFrameKey } from '../../../shared/domain/panel-query.ts';
import type { FrameStore } from '../sources/frame-store.ts';
import type { PlanColumns, PlanRepository } from '../store/plans.ts';
import { PlanRefused } from './errors.ts';
import type { WeekendSources } from './weekend-sources.ts';
import type { EventSloWatcher } from './event-slos.ts';

/** A plan with the hub's state history (none kept: none written). */
function withHistory(plan: Plan, history: Plan['stateHistory']): Plan {
  const { stateHistory: _ignored, ...rest } = plan;
  return history ? { ...rest, stateHistory: history } : rest;
}

/** Samples of a watched panel, and how old the newest may be before it counts as no data. */
export interface WatchedValue {
  readonly points: readonly (readonly [number, number])[];
  readonly maxAgeMs: number;
}

export interface PlanServiceOptions {
  readonly now?: () => number;
  /** Where the shipped templates are (assets/templates); each is stored once per version. */
  readonly templatesDir: string | null;
  /** Incidents, for the reports. */
  readonly incidents: () => IncidentRecord[];
  /** Changes and deploys that happened in [from, to], oldest first (the change freeze), after `after` when given; none without. */
  readonly changesBetween?: (from: number, to: number, limit: number, after?: Pick<Change, 'at' | 'recordedAt' | 'id'>) => Change[];
  /** How many changes happened in [from, to] and the latest (the walls' freeze line, every poll). */
  readonly changesTally?: (from: number, to: number) => { count: number; latest: Change | null };
  /** Event SLOs evaluated against Prometheus (the walls and the post-event report). */
  readonly eventSlos?: () => Pick<EventSloWatcher, 'latest' | 'windowBuckets'>;
  /** Pager load and fixes for the weekend reports (none without them). */
  readonly weekend?: () => WeekendSources;
  /** A workspace panel's live samples, for triggers and forecast vs actual. */
  readonly watched: (panelId: string) => WatchedValue | null;
  /** Whether the workspace has a panel of this id (without it, every panel is assumed to exist). */
  readonly hasPanel?: (panelId: string) => boolean;
  readonly events: {
    changed(planId: string): void;
    trigger(fired: TriggerFired): void;
  };
  readonly tickMs?: number;
  /** Called at the end of every tick, on the service's clock (the demo's people keep their check-ins). */
  readonly ticked?: (now: number) => void;
  readonly log: (message: string) => void;
}

/**
 * How long a live plan stays on the walls after its window ends, if nobody closes it (extra time,
 * the wrap-up); then the hub closes it.
 */
export const LIVE_GRACE_MS = 6 * 3_600_000;
/** Who closed a live plan nobody closed: recorded as the plan's last editor. */
export const AUTO_CLOSED_BY = `system (auto-closed ${LIVE_GRACE_MS / 3_600_000} h after the window ended)`;
/** How far ahead the walls' header counts down to a planned or ready event. */
const UPCOMING_MS = 14 * 24 * 3_600_000;
/** Upcoming plans sent to the walls. */
const MAX_UPCOMING = 5;
/** A ready or planned plan runs on the walls from this long before its window starts. */
const RUNS_FROM_MS = 60 * 60_000;
/** Actual samples read back per plan (one a minute: a long weekend). */
const MAX_ACTUAL = 4_000;
/** What the walls get: the last four hours (the peak since the start comes on its own). */
const MAX_LIVE_ACTUAL = 240;
/** Changes read back for one freeze (the report), and listed in one page of freeze-changes: far more than any freeze should see. */
export const MAX_FREEZE_CHANGES = 5_000;

/**
 * A freeze-changes page cursor: where the last change listed sits in the list's order (time,
 * time recorded, id), not just its id, so a page still follows on after that change is withdrawn.
 */
const freezeCursor = (c: Change): string => `${c.at}:${c.recordedAt}:${c.id}`;

function freezeCursorPosition(cursor: string): Pick<Change, 'at' | 'recordedAt' | 'id'> {
  const [at, recordedAt] = cursor.split(':', 2).map(Number);
  const id = cursor.split(':').slice(2).join(':');
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(recordedAt) || id === '') {
    throw new PlanRefused(400, 'invalid', `?after= must be the "next" of the page before, got ${JSON.stringify(cursor).slice(0, 60)}`);
  }
  return { at: at!, recordedAt: recordedAt!, id };
}

const cols = (plan: Plan): PlanColumns => {
  const w = planWindow(plan);
  return { startMs: w.startMs, endMs: w.endMs };
};

const summaryOf = (r: PlanRecord): PlanSummary => {
  const w = planWindow(r.plan);
  return {
    id: r.id,
    name: r.plan.event.name,
    type: r.plan.event.type,
    tier: r.plan.event.tier,
    state: r.plan.event.state,
    startMs: w.startMs,
    endMs: w.endMs,
    timezone: w.timeZone,
    owner: r.plan.event.owner,
    basedOn: r.plan.basedOn ?? null,
    revision: r.revision,
    updatedAt: r.updatedAt,
  };
};

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'plan';
}

/** A plan text refused: every issue with its line, in the message and as data. */
function refusedText(issues: readonly PlanTextIssue[]): PlanRefused {
  return new PlanRefused(400, 'invalid_plan', `the plan was refused: ${issues.map((i) => `${i.line === null ? '' : `line ${i.line}: `}${i.field || 'plan'}: ${i.message}`).join('; ')}`, issues);
}

/** A new-plan request names a template by id or a plan to copy; anything else is a plan. */
const isRequest = (value: object): boolean => typeof (value as { template?: unknown }).template === 'string' || 'copyOf' in value;

export class PlanService {
  readonly #repo: PlanRepository;
  readonly #opts: PlanServiceOptions;
  readonly #now: () => number;
  readonly #timer: ReturnType<typeof setInterval>;
  /** Per running plan: each trigger's last state, for the walls. */
  readonly #triggerStates = new Map<string, Map<string, LiveTrigger>>();
  /**
   * Per running plan: the risks recorded as firing and not seen clear since, each with when that
   * firing was recorded (the episode's `firedAt`), read back from the store once per plan, so a
   * firing is recorded once, and keeps its stamp, even across a hub restart.
   */
  readonly #firing = new Map<string, Map<string, number>>();
  /** The last actual sample stored per running plan (to store one a minute). */
  readonly #lastActual = new Map<string, number>();
  /** When a failing `ticked` hook was last logged. */
  #tickedErrorLoggedAt = -Infinity;

  constructor(repo: PlanRepository, opts: PlanServiceOptions) {
    this.#repo = repo;
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#seedTemplates();
    // Plans whose grace ran out while the hub was stopped are closed before anyone reads them.
    this.#closeOverdue(this.#now(), this.#repo.list());
    this.#timer = setInterval(() => this.tick(), opts.tickMs ?? 5_000);
    this.#timer.unref?.();
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #seedTemplates(): void {
    const dir = this.#opts.templatesDir;
    if (!dir) return;
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    } catch {
      this.#opts.log(`plan templates: no folder ${dir}`);
      return;
    }
    for (const file of files) {
      const parsed = parsePlanText(readFileSync(join(dir, file), 'utf8'));
      if (!parsed.ok || !parsed.plan.template) {
        this.#opts.log(`plan template ${file} refused: ${parsed.ok ? 'no template id' : parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
        continue;
      }
      const t = parsed.plan.template;
      this.#repo.insertTemplate(t.id, t.version, parsed.plan, this.#now(), 'shipped', `shipped ${file}`);
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  list(): PlanSummary[] {
    return this.#repo.list().map(summaryOf);
  }

  get(id: string): PlanRecord {
    const record = this.#repo.get(id);
    if (!record) throw new PlanRefused(404, 'not_found', `no plan with id ${id}`);
    return record;
  }

  templates(): TemplateSummary[] {
    return this.#repo.templates();
  }

  checkIns(id: string): CheckIn[] {
    this.get(id);
    return this.#repo.checkIns(id);
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Validate a plan as a whole, or refuse it with every bad field (and store nothing). */
  #validate(input: unknown): Plan {
    const parsed = parsePlan(input);
    if (!parsed.ok) throw new PlanRefused(400, 'invalid_plan', `the plan was refused: ${parsed.issues.map((i) => `${i.field || 'plan'}: ${i.message}`).join('; ')}`, parsed.issues);
    return parsed.plan;
  }

  /**
   * A new plan from a body: YAML/JSON text or parsed JSON, either a full plan (it has `event`) or
   * a request naming a template or a plan to copy.
   */
  create(body: unknown, by: string): PlanRecord {
    let value = body;
    if (typeof body === 'string') {
      const parsed = parsePlanText(body);
      if (parsed.ok) return this.#insert(null, parsed.plan, by);
      // Not a full plan: it may still be a request (no `event`), or a plan with issues.
      try {
        value = parseYaml(body) as unknown;
      } catch {
        throw refusedText(parsed.issues);
      }
      if (value && typeof value === 'object' && !isRequest(value)) {
        throw refusedText(parsed.issues);
      }
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new PlanRefused(400, 'invalid_plan', 'expected a plan, or { template } / { copyOf }, as a YAML or JSON object');
    if (!isRequest(value)) return this.#insert(null, this.#validate(value), by);

    const req = newPlanRequestSchema.safeParse(value);
    if (!req.success) {
      const issues = fieldIssues(req.error, value);
      throw new PlanRefused(400, 'invalid_plan', `the request was refused: ${issues.map((i) => `${i.field || 'body'}: ${i.message}`).join('; ')}`, issues);
    }
    const r = req.data;
    let input: unknown;
    if (r.template !== undefined) {
      const template = this.#repo.template(r.template);
      if (!template) throw new PlanRefused(404, 'not_found', `no template with id ${r.template} (see GET /api/v1/plan-templates)`);
      input = planFromTemplate(template.plan, r.template, template.version, r.event);
    } else {
      input = planFromCopy(this.get(r.copyOf!).plan, r.event);
    }
    return this.#insert(r.id ?? null, this.#validate(input), by);
  }

  #insert(id: string | null, plan: Plan, by: string): PlanRecord {
    // A plan arrives as a draft unless it says otherwise; not live (that is a transition) and not
    // closed (an imported export of a closed plan would come back closed, uneditable).
    if (plan.event.state === 'live' || plan.event.state === 'closed') {
      throw new PlanRefused(400, 'invalid_plan', `event.state: a new plan cannot arrive ${plan.event.state}; import it as draft, then move it on`);
    }
    const now = this.#now();
    const c = cols(plan);
    if (id !== null) {
      if (!this.#repo.insert(id, plan, c, now, by)) throw new PlanRefused(409, 'conflict', `a plan with id ${id} exists already`);
      return this.#changed(id);
    }
    const base = `${slug(plan.event.name)}-${plan.event.start.slice(0, 10)}`;
    for (let n = 1; n < 1000; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (this.#repo.insert(candidate, plan, c, now, by)) return this.#changed(candidate);
    }
    throw new PlanRefused(409, 'conflict', `too many plans named ${base}`);
  }

  #changed(id: string): PlanRecord {
    this.#opts.events.changed(id);
    return this.get(id);
  }

  /** Replace a plan's content (its state moves only through `transition`). */
  replace(id: string, body: unknown, by: string, revision?: number): PlanRecord {
    const current = this.get(id);
    let plan: Plan;
    if (typeof body === 'string') {
      const parsed = parsePlanText(body);
      if (!parsed.ok) throw refusedText(parsed.issues);
      plan = parsed.plan;
    } else {
      plan = this.#validate(body);
    }
    if (plan.event.state !== current.plan.event.state) {
      throw new PlanRefused(400, 'invalid_plan', `event.state: the plan is ${current.plan.event.state}; change the state with POST /api/v1/plans/${id}/state`);
    }
    if (current.plan.event.state === 'closed') throw new PlanRefused(409, 'closed', 'the plan is closed; copy it to plan again');
    // The state history is the hub's record, not the editor's.
    plan = withHistory(plan, current.plan.stateHistory);
    if (!this.#repo.update(id, plan, cols(plan), this.#now(), by, revision)) {
      throw new PlanRefused(409, 'conflict', `the plan changed since revision ${revision}; reload it and apply your change again`);
    }
    return this.#changed(id);
  }

  transition(id: string, state: PlanState, by: string): PlanRecord {
    const current = this.get(id);
    const from = current.plan.event.state;
    if (from === state) return current;
    if (!canTransitionPlan(from, state)) throw new PlanRefused(409, 'invalid_transition', `a ${from} plan cannot become ${state}`);
    const now = this.#now();
    const refusal = state === 'live' ? goLiveRefusal(current.plan, now) : from === 'live' && state === 'ready' ? backToReadyRefusal(current.plan, now) : null;
    if (refusal) throw new PlanRefused(409, 'not_yet', refusal);
    const history = [...(current.plan.stateHistory ?? []), { from, to: state, by, at: new Date(now).toISOString() }].slice(-500);
    const plan = { ...current.plan, event: { ...current.plan.event, state }, stateHistory: history };
    this.#repo.update(id, plan, cols(plan), now, by);
    return this.#changed(id);
  }

  /** A check-in, recorded now (`at`: when it was made, for the demo's people at slots already past). */
  checkIn(id: string, body: CheckInBody, tokenId: string | null, at: number = this.#now()): CheckIn {
    const { plan } = this.get(id);
    if (!plan.checkIns.some((s) => s.id === body.scheduleId)) {
      throw new PlanRefused(400, 'invalid', `scheduleId: no check-in schedule "${body.scheduleId}" in this plan (${plan.checkIns.map((s) => s.id).join(', ') || 'it has none'})`);
    }
    const checkIn: CheckIn = { ...body, at };
    this.#repo.addCheckIn(id, checkIn, tokenId);
    this.#opts.events.changed(id);
    return checkIn;
  }

  decide(id: string, body: DecisionBody): PlanRecord {
    const { plan } = this.get(id);
    if (!plan.goNoGo) throw new PlanRefused(400, 'invalid', 'goNoGo: this plan has no go/no-go section to decide');
    const at = this.#now();
    const open = openForGo(plan, at).map((o) => o.slice(0, 600));
    if (body.outcome === 'go' && open.length > 0 && !body.override) {
      throw new PlanRefused(
        409,
        'not_signed_off',
        `"Go" needs every criterion signed off and no red readiness item; still open: ${open.join('; ')}. Record "go with conditions", or "go" as an override with its reason.`,
      );
    }
    // "Go with conditions" names what is open, unless the decider wrote the conditions.
    const conditions = body.conditions ?? (body.outcome === 'go_with_conditions' && open.length > 0 ? open.join('; ').slice(0, 2000) : undefined);
    const decision = {
      outcome: body.outcome,
      by: body.by,
      at: new Date(at).toISOString(),
      ...(conditions ? { conditions } : {}),
      ...(body.note ? { note: body.note } : {}),
      ...(body.outcome === 'go' && body.override && open.length > 0 ? { override: body.override } : {}),
      ...(open.length > 0 ? { open } : {}),
    };
    const next = this.#validate({ ...plan, goNoGo: { ...plan.goNoGo, decision } });
    this.#repo.decide({ planId: id, outcome: body.outcome, by: body.by, at, conditions: body.conditions ?? null, note: body.note ?? null }, next, cols(next), body.by);
    return this.#changed(id);
  }

  /** Push the plan's lessons into a new version of its template. */
  pushLessons(id: string, by: string, note?: string): { template: string; version: number; added: readonly string[] } {
    const { plan } = this.get(id);
    if (!plan.basedOn) throw new PlanRefused(400, 'invalid', 'basedOn: this plan did not start from a template');
    const latest = this.#repo.template(plan.basedOn.template);
    if (!latest) throw new PlanRefused(404, 'not_found', `no template with id ${plan.basedOn.template}`);
    const next = latest.version + 1;
    const lessons = templateWithLessons(latest.plan, plan.basedOn.template, next, plan, id);
    if (lessons.added.length === 0) throw new PlanRefused(400, 'invalid', 'actionItems: no action item is marked toTemplate (or all are in the template already)');
    const template = this.#validate(lessons.template);
    if (!this.#repo.pushLessons(plan.basedOn.template, next, template, id, plan, cols(plan), this.#now(), by, note ?? `lessons from ${id}`)) {
      throw new PlanRefused(409, 'conflict', `template ${plan.basedOn.template} version ${next} exists already; try again`);
    }
    return { template: plan.basedOn.template, version: next, added: lessons.added };
  }

  /** The changes recorded inside the plan's freeze, oldest first, after `after` when given (none without a freeze). */
  #freezeChanges(plan: Plan, limit = MAX_FREEZE_CHANGES, after?: Pick<Change, 'at' | 'recordedAt' | 'id'>): Change[] {
    const f = freezeWindow(plan);
    if (!f || !this.#opts.changesBetween) return [];
    return this.#opts.changesBetween(f.fromMs, f.toMs, limit, after);
  }

  /**
   * The plan's freeze and one page of the changes recorded inside it: up to `limit`, after the
   * `after` cursor of the page before; `next` is the cursor for the page after (null: no more).
   */
  freezeChanges(id: string, page: { after?: string | undefined; limit?: number | undefined } = {}): FreezeChangesReply {
    const { plan } = this.get(id);
    const f = freezeWindow(plan);
    if (!plan.freeze || !f) return { freeze: null, changes: [], next: null };
    const limit = page.limit ?? MAX_FREEZE_CHANGES;
    // One more than asked for tells whether another page remains.
    const changes = this.#freezeChanges(plan, limit + 1, page.after === undefined ? undefined : freezeCursorPosition(page.after));
    const more = changes.length > limit;
    if (more) changes.length = limit;
    return {
      freeze: { ...f, scope: plan.freeze.scope, exceptionApprover: plan.freeze.exceptionApprover },
      changes,
      next: more ? freezeCursor(changes[changes.length - 1]!) : null,
    };
  }

  /**
   * A change was recorded, revised or withdrawn: the walls of every running plan with a freeze
   * reload it (its count may have moved either way; a revised change may have left the window).
   */
  changeRecorded(): void {
    try {
      for (const r of this.running()) if (r.plan.freeze) this.#opts.events.changed(r.id);
    } catch (error) {
      // The change is stored and acknowledged already; the walls' poll catches up.
      this.#opts.log(`plan freeze: ${(error as Error).message}`);
    }
  }

  // ---- documents ----------------------------------------------------------------------------

  #fired(id: string): FiredTrigger[] {
    return this.#repo.firedTriggers(id).map((f) => {
      const note = [f.value === null ? null : `value ${f.value}`, f.incidentId ? `declared as incident ${f.incidentId}` : null].filter((x) => x !== null).join('; ');
      return { riskId: f.riskId, at: f.at, ...(note ? { note } : {}), ...(f.incidentId ? { incidentId: f.incidentId } : {}) };
    });
  }

  /** The incident a fired trigger's firing (`firedAt`, else its latest) was declared as (from the console's "declare" on the prompt). */
  linkIncident(id: string, riskId: string, incidentId: string, firedAt?: number): { riskId: string; incidentId: string } {
    this.get(id);
    if (!this.#repo.linkIncident(id, riskId, incidentId, firedAt)) {
      throw new PlanRefused(404, 'not_found', firedAt === undefined ? `risk ${riskId} of plan ${id} has not fired` : `risk ${riskId} of plan ${id} has no firing at ${new Date(firedAt).toISOString()}`);
    }
    this.#opts.events.changed(id);
    return { riskId, incidentId };
  }

  /** `appUrl`: the app's address, for links into it (none without). */
  async report(id: string, appUrl?: string): Promise<string> {
    const { plan } = this.get(id);
    const sloBuckets = (await this.#opts.eventSlos?.().windowBuckets(plan)) ?? {};
    return postEventReport({
      sloBuckets,
      plan,
      now: this.#now(),
      actual: this.#repo.actuals(id, MAX_ACTUAL),
      incidents: this.#opts.incidents(),
      checkIns: this.#repo.checkIns(id),
      firedTriggers: this.#fired(id),
      changes: this.#freezeChanges(plan),
      freezeChangeCount: this.#freezeSummary(plan)?.count ?? 0,
      planId: id,
      ...(appUrl ? { appUrl } : {}),
    });
  }

  weekendReadiness(id: string, appUrl?: string): string {
    const { plan } = this.get(id);
    const now = this.#now();
    const sources = this.#opts.weekend?.();
    // Friday: this ISO week's pager load so far, what was fixed since last weekend, and the
    // platform as it stands (open incidents, canaries, SLOs).
    return weekendReadinessReport({
      plan,
      now,
      fixesSinceLastWeekend: sources?.fixes(plan, now) ?? [],
      ...(sources ? { pagerLoad: sources.pagerLoad(now, now + 1), platform: sources.platform(now) } : {}),
      planId: id,
      ...(appUrl ? { appUrl } : {}),
    });
  }

  weekendReport(id: string, appUrl?: string): string {
    const { plan } = this.get(id);
    const w = planWindow(plan);
    const pagerLoad = this.#opts.weekend?.().pagerLoad(w.startMs, w.endMs) ?? [];
    return weekendReport({ plan, now: this.#now(), incidents: this.#opts.incidents(), checkIns: this.#repo.checkIns(id), pagerLoad, firedTriggers: this.#fired(id), planId: id, ...(appUrl ? { appUrl } : {}) });
  }

  calendar(id: string, person?: string): string {
    const record = this.get(id);
    return planCalendar(record.plan, { now: this.#now(), planId: id, sequence: record.revision, ...(person ? { person } : {}) });
  }

  // ---- on the night -------------------------------------------------------------------------

  /** Whether a plan runs on the walls at `now`. */
  static runs(plan: Plan, now: number): boolean {
    if (plan.event.state === 'closed' || plan.event.state === 'draft') return false;
    const w = planWindow(plan);
    // Live: on the walls until it is closed; a plan nobody closed is closed by the hub
    // LIVE_GRACE_MS after its window ends (#closeOverdue), and off the walls from then at once.
    if (plan.event.state === 'live') return now <= w.endMs + LIVE_GRACE_MS;
    return now >= w.startMs - RUNS_FROM_MS && now <= w.endMs;
  }

  live(): LivePlan[] {
    const now = this.#now();
    return this.#repo
      .list()
      .filter((r) => PlanService.runs(r.plan, now))
      .map((r) => ({
        id: r.id,
        revision: r.revision,
        plan: r.plan,
        checkIns: this.#repo.checkIns(r.id),
        triggers: this.#withIncidents(r.id, [...(this.#triggerStates.get(r.id)?.values() ?? this.#evaluate(r.plan, now).map((t) => withEpisode(t, this.#firingOf(r.id))))]),
        actual: this.#repo.actuals(r.id, MAX_LIVE_ACTUAL),
        actualPeak: this.#repo.actualPeak(r.id, planWindow(r.plan).startMs),
        slos: this.#opts.eventSlos?.().latest(r.id) ?? [],
        freezeChanges: this.#freezeSummary(r.plan),
      }));
  }

  /**
   * How many changes the freeze has seen and the latest: all the strip shows, counted by the store
   * (every wall asks every few seconds; the list is read only for the report).
   */
  #freezeSummary(plan: Plan): LivePlan['freezeChanges'] {
    const f = freezeWindow(plan);
    if (!f || !this.#opts.changesTally) return { count: 0, latest: null };
    return this.#opts.changesTally(f.fromMs, f.toMs);
  }

  /** Plans planned or ready whose event starts within UPCOMING_MS and is not running yet, soonest first. */
  upcoming(): UpcomingPlan[] {
    const now = this.#now();
    return this.#repo
      .list()
      .filter((r) => (r.plan.event.state === 'planned' || r.plan.event.state === 'ready') && !PlanService.runs(r.plan, now))
      .map((r) => ({ r, startMs: planWindow(r.plan).startMs }))
      .filter(({ startMs }) => startMs > now && startMs <= now + UPCOMING_MS)
      .sort((a, b) => a.startMs - b.startMs)
      .slice(0, MAX_UPCOMING)
      .map(({ r, startMs }) => ({ id: r.id, name: r.plan.event.name, startMs, timeZone: r.plan.event.timezone, walls: r.plan.event.walls ?? [] }));
  }

  /** The plans running on the walls now. */
  running(): { id: string; plan: Plan }[] {
    const now = this.#now();
    return this.#repo.list().filter((r) => PlanService.runs(r.plan, now));
  }

  /** Each fired trigger with the incident its latest firing was declared as. */
  #withIncidents(id: string, triggers: LiveTrigger[]): LiveTrigger[] {
    if (!triggers.some((t) => t.state === 'fired')) return triggers;
    const declared = new Map(this.#repo.firedTriggers(id).map((f) => [f.riskId, f.incidentId ?? null]));
    return triggers.map((t) => (t.state === 'fired' ? { ...t, incidentId: declared.get(t.riskId) ?? null } : t));
  }

  /** The plan's firing risks with their episodes' stamps, read from the store the first time. */
  #firingOf(id: string): Map<string, number> {
    let firing = this.#firing.get(id);
    if (!firing) this.#firing.set(id, (firing = this.#repo.firingSince(id)));
    return firing;
  }

  #evaluate(plan: Plan, now: number): Omit<LiveTrigger, 'firedAt'>[] {
    const out: Omit<LiveTrigger, 'firedAt'>[] = [];
    for (const risk of plan.risks) {
      const c = risk.contingency;
      if (!c?.trigger.panel) continue;
      if (this.#opts.hasPanel && !this.#opts.hasPanel(c.trigger.panel)) {
        out.push({ riskId: risk.id, title: risk.title, description: c.trigger.description, contingency: c.plan, state: 'no_panel', value: null, since: null });
        continue;
      }
      const watched = this.#opts.watched(c.trigger.panel);
      const e = watched ? evaluateTrigger(c.trigger, watched.points, now, watched.maxAgeMs) : { state: 'no_data' as const, since: null, value: null };
      out.push({ riskId: risk.id, title: risk.title, description: c.trigger.description, contingency: c.plan, state: e.state, value: e.value, since: e.since });
    }
    return out;
  }

  /**
   * Close each live plan whose window ended more than LIVE_GRACE_MS ago, as a planner's close
   * would (the state, the event to the consoles), by the system: off the walls, its triggers no
   * longer watched, listed as closed with its report final.
   */
  #closeOverdue(now: number, records: readonly PlanRecord[]): void {
    for (const r of records) {
      // Live and no longer running: its grace after the window ran out.
      if (r.plan.event.state !== 'live' || PlanService.runs(r.plan, now)) continue;
      try {
        this.transition(r.id, 'closed', AUTO_CLOSED_BY);
        this.#opts.log(`plan ${r.id} closed: still live ${LIVE_GRACE_MS / 3_600_000} h after its window ended`);
      } catch (error) {
        this.#opts.log(`plan ${r.id} could not be closed: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Close the live plans whose grace ran out; evaluate the running plans' triggers; announce and
   * record each one that starts firing.
   */
  tick(): void {
    const now = this.#now();
    const running = new Set<string>();
    try {
      // One read of the plans per tick: a plan closed here no longer runs either.
      const records = this.#repo.list();
      this.#closeOverdue(now, records);
      for (const r of records) {
        if (!PlanService.runs(r.plan, now)) continue;
        running.add(r.id);
        const previous = this.#triggerStates.get(r.id) ?? new Map<string, LiveTrigger>();
        const firing = this.#firingOf(r.id);
        const next = new Map<string, LiveTrigger>();
        let changed = false;
        let cleared = false;
        for (const evaluated of this.#evaluate(r.plan, now)) {
          const starts = evaluated.state === 'fired' && !firing.has(evaluated.riskId);
          if (starts) firing.set(evaluated.riskId, now);
          // Only a clear condition ends a firing: no data or pending is what a restart looks like.
          else if (evaluated.state === 'clear' && firing.delete(evaluated.riskId)) cleared = true;
          const t = withEpisode(evaluated, firing);
          next.set(t.riskId, t);
          const before = previous.get(t.riskId);
          if (before?.state !== t.state || before.firedAt !== t.firedAt) changed = true;
          if (starts) {
            this.#repo.addFiredTrigger(r.id, { riskId: t.riskId, at: now, value: t.value }, [...firing.keys()]);
            this.#opts.events.trigger({ planId: r.id, planName: r.plan.event.name, trigger: t, at: now });
          }
        }
        if (cleared) this.#repo.setFiringRisks(r.id, [...firing.keys()]);
        this.#triggerStates.set(r.id, next);
        this.#sampleActual(r.id, r.plan);
        if (changed) this.#opts.events.changed(r.id);
      }
    } catch (error) {
      this.#opts.log(`plan triggers: ${(error as Error).message}`);
    }
    for (const id of this.#triggerStates.keys()) if (!running.has(id)) this.#triggerStates.delete(id);
    for (const id of this.#firing.keys()) if (!running.has(id)) this.#firing.delete(id);
    for (const id of this.#lastActual.keys()) if (!running.has(id)) this.#lastActual.delete(id);
    try {
      this.#opts.ticked?.(now);
    } catch (error) {
      // Once a minute at most: a hook that keeps failing must not fill the log of a hub that runs for days.
      if (!(now - this.#tickedErrorLoggedAt < 60_000)) {
        this.#tickedErrorLoggedAt = now;
        this.#opts.log(`plans: ${(error as Error).message}`);
      }
    }
  }

  #sampleActual(id: string, plan: Plan): void {
    const panel = plan.forecast?.actualPanel;
    if (!panel) return;
    const latest = this.#opts.watched(panel)?.points.at(-1);
    if (!latest || !Number.isFinite(latest[1])) return;
    const last = this.#lastActual.get(id) ?? this.#repo.actuals(id, 1)[0]?.[0];
    if (last !== undefined && latest[0] - last < 60_000) return;
    this.#repo.addActual(id, latest[0], latest[1]);
    this.#lastActual.set(id, latest[0]);
  }

}

/**
 * A trigger with its firing episode's stamp: when the firing it belongs to was recorded, until it
 * is seen clear (LiveTrigger.firedAt).
 */
function withEpisode(t: Omit<LiveTrigger, 'firedAt'>, firing: ReadonlyMap<string, number>): LiveTrigger {
  return { ...t, firedAt: t.state === 'clear' ? null : (firing.get(t.riskId) ?? null) };
}

/**
 * Whether a panel of this id is on any wall of the workspace (the planner form's check). Before a
 * workspace is loaded nothing is known missing.
 */
export function workspaceHasPanel(workspace: Workspace | null, panelId: string): boolean {
  return workspace === null || workspace.walls.some((w) => w.panels.some((p) => p.id === panelId));
}

/** A workspace panel's live samples (its first series), found by id on any wall. */
export function watchedPanel(workspace: Workspace | null, frames: FrameStore, panelId: string): WatchedValue | null {
  for (const wall of workspace?.walls ?? []) {
    const panel = wall.panels.find((p) => p.id === panelId);
    if (!panel || !('query' in panel)) continue;
    // The scheduler's key: a Prometheus time series is fetched as a range query, keyed with its range
    const frame = frames.get(panelFrameKey(panel));
    if (!frame) return null;
    return { points: frame.series[0]?.points ?? [], maxAgeMs: Math.max(3 * frame.meta.expectedIntervalMs, 30_000) };
  }
  return null;
}
