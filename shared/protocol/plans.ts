/**
 * Event plans over REST and on the socket: stored plans with their bookkeeping, the bodies of the
 * plan commands (state, check-in, go/no-go, lessons) and the live view the walls draw.
 */
import { z } from 'zod';
import { goNoGoOutcomes, planStateSchema, type CheckIn, type Plan, type PlanState } from '../model/plan.ts';
import { idSchema, timeZoneSchema } from '../model/common.ts';
import { personSchema, ulidSchema } from '../model/incident.ts';
import type { Change } from './incidents.ts';

/** A stored plan: the plan itself, who changed it last, and who closed it. */
export interface PlanRecord {
  readonly id: string;
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
  /** When and by whom it was closed (a planner, or the hub's auto-close); null while open. */
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly plan: Plan;
}

export interface PlanSummary {
  readonly id: string;
  readonly name: string;
  readonly type: Plan['event']['type'];
  readonly tier: number;
  readonly state: PlanState;
  readonly startMs: number;
  readonly endMs: number;
  readonly timezone: string;
  readonly owner: string;
  readonly basedOn: { readonly template: string; readonly version: number } | null;
  readonly revision: number;
  readonly updatedAt: number;
}

export interface TemplateSummary {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly description: string | null;
  /** The zone its start is typed in, unless the new plan names another. */
  readonly timezone: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly note: string | null;
}

/** A new plan from a template or a copy of a past plan, with the header fields to change. */
export const newPlanRequestSchema = z
  .object({
    template: idSchema.optional().describe('A template id (its latest version).'),
    copyOf: idSchema.optional().describe('The id of a past plan to copy (its readiness, decision and actions start afresh).'),
    id: idSchema.optional().describe('The new plan\'s id (default: derived from the name and date).'),
    event: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        start: z.string().trim().optional().describe('Local date-time; the end moves with it unless given.'),
        end: z.string().trim().optional(),
        timezone: timeZoneSchema.optional().describe('The IANA zone "start" and "end" are in (default: the template\'s or the copied plan\'s).'),
        owner: personSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => (r.template === undefined) !== (r.copyOf === undefined), { message: 'expected either "template" or "copyOf"', path: ['template'] });
export type NewPlanRequest = z.output<typeof newPlanRequestSchema>;

export const planStateBodySchema = z.object({ state: planStateSchema, by: personSchema }).strict();

export const checkInBodySchema = z
  .object({
    scheduleId: idSchema,
    by: personSchema,
    service: z.string().trim().min(1).max(120),
    status: z.enum(['green', 'amber', 'red']),
    note: z.string().max(1000).default(''),
  })
  .strict();
export type CheckInBody = z.output<typeof checkInBodySchema>;

export const decisionBodySchema = z
  .object({
    outcome: z.enum(goNoGoOutcomes),
    by: personSchema,
    conditions: z.string().max(2000).optional(),
    note: z.string().max(2000).optional(),
    override: z.string().trim().min(1).max(2000).optional().describe('"go" with criteria not signed off or readiness red: the reason it goes anyway.'),
  })
  .strict();
export type DecisionBody = z.output<typeof decisionBodySchema>;

/** `firedAt`: the firing declared (LiveTrigger.firedAt), so a declaration that crosses a new firing links the one the person saw; without it, the latest. */
export const linkIncidentBodySchema = z.object({ incidentId: ulidSchema, firedAt: z.number().int().nonnegative().optional() }).strict();

export const lessonsBodySchema = z.object({ by: personSchema, note: z.string().max(1000).optional() }).strict();

/**
 * A contingency trigger's state on the hub, evaluated against the live frames. `no_panel`: the
 * workspace has no panel of the id it names, so it can never fire (a plan to fix, not a quiet metric).
 */
export interface LiveTrigger {
  readonly riskId: string;
  readonly title: string;
  readonly description: string;
  readonly contingency: string;
  readonly state: 'fired' | 'pending' | 'clear' | 'no_data' | 'no_panel';
  readonly value: number | null;
  readonly since: number | null;
  /**
   * When the current firing episode began: the time the hub recorded the firing (the
   * `plan:trigger` announcement's `at`). An episode lasts until the trigger is seen clear: through
   * no data, pending again or a lost panel it keeps this stamp (and fired again is the same
   * firing), so it is set whatever the state until then; null when seen clear, or never fired
   * (`since` is no key: a gap resets it), or fired but not recorded yet (a plan the hub has
   * not looked at since it started running: its next look records it). Kept in SQLite, so a hub restart continues the episode.
   * A wall's `r` release of a fired trigger holds for its episode (renderer/wall/pages.ts).
   */
  readonly firedAt: number | null;
  /** While fired: the incident it was declared as, if any. */
  readonly incidentId?: string | null;
}

/** An event SLO as the hub last evaluated it against Prometheus (domain/planning/event-slo.ts). */
export interface LiveEventSlo {
  readonly id: string;
  readonly name: string;
  readonly objective: number;
  readonly windowMs: number;
  readonly at: number;
  /** Why it could not be evaluated (no prometheus source, Prometheus's words), else null. */
  readonly error: string | null;
  /** Events of the event so far. */
  readonly total: number;
  /** Share of the whole event's budget left (the request rate so far over the planned event; negative when overspent); null without events or while too early. */
  readonly budgetRemaining: number | null;
  /** Events counted, but too little of the event to project its budget from (event-slo.ts projectionSpanMs): how much is counted and how much it needs. Null otherwise. */
  readonly budgetTooEarly: { readonly coveredMs: number; readonly neededMs: number } | null;
  /** Burn rate over the shortest alert's long window (e.g. the last 10 minutes); null without events. */
  readonly burnRate: number | null;
  readonly burnWindowMs: number | null;
  readonly alert: 'page' | 'ticket' | 'ok' | null;
}

/** What a wall needs to run a plan in event mode. */
/** A plan whose event is coming (planned or ready, starting within days): the walls count down to it. */
export interface UpcomingPlan {
  readonly id: string;
  readonly name: string;
  readonly startMs: number;
  readonly timeZone: string;
  /** The walls it will run on (empty: every wall). */
  readonly walls: readonly string[];
}

/** GET /api/v1/live-plans. */
export interface LivePlansReply {
  readonly plans: readonly LivePlan[];
  /** Soonest first; those already running are in `plans`. */
  readonly upcoming: readonly UpcomingPlan[];
}

export interface LivePlan {
  readonly id: string;
  readonly revision: number;
  readonly plan: Plan;
  readonly checkIns: readonly CheckIn[];
  readonly triggers: readonly LiveTrigger[];
  /** [epochMs, value] of the forecast's actual panel, when it names one the hub watches. */
  readonly actual: readonly (readonly [number, number])[];
  /**
   * The highest actual sample since the event window started ([epochMs, value]; null before
   * the start or without samples): "peak so far" on the strip, over the whole event however
   * long, where `actual` holds only the last four hours.
   */
  readonly actualPeak?: readonly [number, number] | null;
  /** The plan's event SLOs (those with good and total queries), evaluated on the hub. */
  readonly slos?: readonly LiveEventSlo[];
  /** Changes recorded inside the plan's change freeze (none without a freeze): how many, and the latest. */
  readonly freezeChanges?: { readonly count: number; readonly latest: Change | null };
}

/** GET /api/v1/plans/{id}/freeze-changes: the freeze as instants (null: the plan has none) and a page of the changes inside it, oldest first. */
export interface FreezeChangesReply {
  readonly freeze: { readonly fromMs: number; readonly toMs: number; readonly scope: string; readonly exceptionApprover: string } | null;
  readonly changes: readonly Change[];
  /** More changes remain: pass this as ?after= for the next page. Null: these are the last. */
  readonly next: string | null;
}

/** Fired triggers the socket announces ("plan:trigger"). */
export interface TriggerFired {
  readonly planId: string;
  readonly planName: string;
  readonly trigger: LiveTrigger;
  readonly at: number;
}
