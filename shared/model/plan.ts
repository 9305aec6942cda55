/**
 * The event plan: one object for a big night or a weekend, from weeks ahead (forecast, capacity,
 * readiness with evidence, risks, people, partners) through the night (key moments, check-ins,
 * triggers, the event SLO) to the report afterwards. Imported and exported as YAML or JSON and
 * validated with these schemas; a plan with any bad field is refused as a whole, and each issue
 * names its field ("readiness[3].evidence"). See research/event-planning.md §1 for where each
 * section comes from.
 *
 * Times in a plan are written the way planners think of them:
 * - `event.start` / `event.end`: a local date-time in `event.timezone` ("2026-05-30T17:00");
 * - everything scheduled around the event: a T-offset from the start ("T-7d", "T-1h30m",
 *   "T+15m") or a local date-time, so moving the event moves the whole plan (the rules for days
 *   across daylight-saving changes are in shared/domain/planning/t-minus.ts);
 * - things that happened (evidence verified, a contact test, a decision): an ISO 8601 instant
 *   with its offset ("2026-05-23T09:30:00Z").
 */
import { z } from 'zod';
import { safeExternalUrl } from '../domain/external-url.ts';
import { isTOffset, isWhen, parseInstant, parseLocalDateTime, resolveLocalDateTime, resolveWhen, WHEN_EXPECTED } from '../domain/planning/t-minus.ts';
import { durationMs } from './duration.ts';
import { idSchema, timeZoneSchema } from './common.ts';
import { fieldIssues } from './issues.ts';
import { personSchema } from './incident.ts';

export const PLAN_VERSION = 1;

const id = idSchema;

const text = (max: number) => z.string().trim().min(1).max(max);

const timeZone = timeZoneSchema;

/** An evidence, runbook or bridge link: http(s) only, by the app's one rule for links that leave it. */
const link = z
  .string()
  .refine((url) => safeExternalUrl(url) !== null, { message: 'expected an http(s) URL (no credentials, no whitespace)' });

/** A local date-time in the event's zone, optionally with its offset for the repeated hour. */
const localDateTime = z
  .string()
  .trim()
  .refine((s) => parseLocalDateTime(s) !== null, {
    message: 'expected a local date-time such as "2026-05-30T17:00" (add the offset, e.g. "+01:00", only to pick a side of the hour the clocks repeat)',
  });

/** A T-offset from the event start. */
const tOffset = z
  .string()
  .trim()
  .refine(isTOffset, { message: 'expected a T-offset such as "T-7d", "T-1h30m", "T+15m" or "T0"' });

/** A T-offset or a local date-time. */
const when = z
  .string()
  .trim()
  .refine(isWhen, { message: WHEN_EXPECTED });

/** Something that happened, as an ISO 8601 instant with its offset. */
const instant = z
  .string()
  .trim()
  .refine((s) => parseInstant(s) !== null, { message: 'expected an ISO 8601 instant with its offset, such as "2026-05-23T09:30:00Z"' });

const rag = z.enum(['green', 'amber', 'red']);
export type Rag = z.output<typeof rag>;

// ---- header ---------------------------------------------------------------------------------

export const eventTypes = ['sports', 'premiere', 'weekend', 'other'] as const;
export type EventType = (typeof eventTypes)[number];

export const planStates = ['draft', 'planned', 'ready', 'live', 'closed'] as const;
export type PlanState = (typeof planStates)[number];
export const planStateSchema = z.enum(planStates);

/**
 * draft → planned → ready → live → closed. A plan may step back one state before it goes live
 * (readiness lapsed, the plan needs rework); an event can be called off (closed) at any point
 * before it goes live; once live it can only close.
 */
export const planStateTransitions: Readonly<Record<PlanState, readonly PlanState[]>> = {
  draft: ['planned', 'closed'],
  planned: ['draft', 'ready', 'closed'],
  ready: ['planned', 'live', 'closed'],
  // Back to ready: a mistake undone before the window starts (the hub checks the time).
  live: ['ready', 'closed'],
  closed: [],
};

export const canTransitionPlan = (from: PlanState, to: PlanState): boolean => planStateTransitions[from].includes(to);

export const eventSchema = z
  .object({
    name: text(200),
    type: z.enum(eventTypes),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1: the biggest nights, full sign-off; 3: light-touch.'),
    description: z.string().max(4000).optional(),
    venue: text(200).optional(),
    timezone: timeZone.describe('The IANA zone the plan\'s local times and calendar T-offsets are in.'),
    start: localDateTime.describe('T0, as a local date-time in `timezone`.'),
    end: localDateTime.describe('The end of the event window (the event SLO\'s window), local.'),
    owner: personSchema.describe('Who owns the plan.'),
    commander: personSchema.optional().describe('The event commander on the night, if not the owner.'),
    state: planStateSchema.default('draft'),
    liveFrom: durationMs.optional().describe('How long before the start the plan may go live (default 3h): earlier, the hub refuses "live".'),
    walls: z.array(id).optional().describe('The workspace walls that switch to event mode while the plan runs (default: every wall).'),
    successCriteria: z.array(text(300)).min(1).describe('What makes the night a success, in words someone can check afterwards.'),
  })
  .strict();

// ---- key moments ----------------------------------------------------------------------------

export const keyMomentKinds = ['doors_open', 'kick_off', 'half_time', 'restart', 'final_whistle', 'release', 'surge', 'exit', 'other'] as const;
export type KeyMomentKind = (typeof keyMomentKinds)[number];

export const keyMomentSchema = z
  .object({
    id,
    kind: z.enum(keyMomentKinds),
    label: text(120),
    at: when,
    services: z.array(text(120)).default([]).describe('What it hits: an exit surge floods the home page, not video delivery.'),
    expectedConcurrent: z.number().int().nonnegative().optional(),
    note: z.string().max(1000).optional(),
  })
  .strict();
export type KeyMoment = z.output<typeof keyMomentSchema>;

// ---- demand forecast ------------------------------------------------------------------------

export const confidences = ['low', 'medium', 'high'] as const;

export const forecastSchema = z
  .object({
    metric: text(200).describe('What is counted, e.g. "concurrent streams".'),
    baseline: z.number().positive().describe('A normal evening at the same hour.'),
    peak: z.number().positive().describe('The expected peak.'),
    peakRange: z
      .object({ low: z.number().positive(), high: z.number().positive() })
      .strict()
      .optional()
      .describe('The band the peak is expected in; actuals outside it are called out.'),
    multiplier: z.number().positive().optional().describe('peak ÷ baseline, if stated; it must agree with them (±10%).'),
    peakAt: when.optional(),
    ramp: z
      .object({
        perMinute: z.number().positive().describe('Viewers joining per minute at the steepest (Hotstar saw 1.1M/min).'),
        from: when,
        to: when,
      })
      .strict()
      .optional(),
    headroom: z.number().min(0).max(10).default(0.3).describe('Build for this share above the peak (0.3: 30% more).'),
    confidence: z.enum(confidences),
    basis: z.string().max(2000).optional().describe('Where the numbers come from: last year\'s final, marketing, a load test.'),
    actualPanel: id.optional().describe('The workspace panel whose value is the actual, for forecast vs actual.'),
  })
  .strict();
export type Forecast = z.output<typeof forecastSchema>;

// ---- capacity and pre-scale -----------------------------------------------------------------

export const capacityStatuses = ['planned', 'scaled', 'validated', 'scaled_down', 'skipped'] as const;

export const capacityStepSchema = z
  .object({
    id,
    component: text(120),
    target: text(200).describe('e.g. "48 nodes", "3× baseline", "40 Tbps committed".'),
    when: when.describe('When the pre-scale is done (T-offset).'),
    leadTime: durationMs.optional().describe('How long the scale-up takes; it starts this long before `when`.'),
    owner: personSchema,
    validation: text(500).describe('How we know it worked: a load test, a dashboard, a quota check.'),
    validationUrl: link.optional(),
    scaleDown: when.describe('When it goes back to normal.'),
    status: z.enum(capacityStatuses).default('planned'),
  })
  .strict();
export type CapacityStep = z.output<typeof capacityStepSchema>;

// ---- readiness ------------------------------------------------------------------------------

export const readinessCategories = ['capacity', 'resilience', 'monitoring', 'security', 'people', 'partners', 'comms', 'process', 'testing', 'other'] as const;
export const readinessStatuses = ['todo', 'in_progress', 'blocked', 'done', 'n_a'] as const;
export type ReadinessStatus = (typeof readinessStatuses)[number];

export const readinessItemSchema = z
  .object({
    id,
    item: text(300),
    category: z.enum(readinessCategories),
    owner: personSchema,
    due: tOffset.describe('When it must be done, e.g. "T-7d".'),
    status: z.enum(readinessStatuses).default('todo'),
    evidence: link.optional().describe('A dashboard, load-test run, runbook, roster or ticket that shows it.'),
    verifiedAt: instant.optional().describe('When someone last checked the evidence.'),
    freshFor: durationMs.optional().describe('Evidence older than this turns the item amber (default 30d).'),
    provenance: z.string().max(500).optional().describe('The incident or lesson that put this item on the list.'),
  })
  .strict();
export type ReadinessItem = z.output<typeof readinessItemSchema>;

// ---- risks ----------------------------------------------------------------------------------

const level = z.number().int().min(1).max(5);

export const triggerOps = ['>', '>=', '<', '<='] as const;
export type TriggerOp = (typeof triggerOps)[number];

/** A metric condition that puts a contingency plan into action. */
export const triggerSchema = z
  .object({
    description: text(300).describe('In words, for the wall: "CDN-A rebuffer ratio above 2% for 2 minutes".'),
    panel: id.optional().describe('The workspace panel whose value is watched.'),
    metric: text(2000).optional().describe('Or the metric/PromQL, for the record.'),
    op: z.enum(triggerOps),
    value: z.number(),
    for: durationMs.optional().describe('How long the condition must hold before the trigger fires (default: at once).'),
  })
  .strict()
  .refine((t) => t.panel !== undefined || t.metric !== undefined, { message: 'expected a panel or a metric to watch', path: ['panel'] });
export type Trigger = z.output<typeof triggerSchema>;

export const riskCategories = ['operational', 'security', 'capacity', 'dependency', 'partner', 'people', 'process'] as const;
export const riskStatuses = ['open', 'mitigating', 'mitigated', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export const riskSchema = z
  .object({
    id,
    title: text(200),
    description: z.string().max(2000).optional(),
    category: z.enum(riskCategories),
    likelihood: level.describe('1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain.'),
    impact: level.describe('1 insignificant, 2 minor, 3 moderate, 4 major, 5 severe.'),
    effort: level.describe('Effort to mitigate: 1 hours, 5 a quarter of work.'),
    mitigation: text(2000),
    contingency: z
      .object({
        plan: text(2000),
        trigger: triggerSchema,
        notify: z.array(personSchema).default([]),
        decisionOwner: personSchema.optional(),
        runbook: link.optional(),
      })
      .strict()
      .optional(),
    owner: personSchema,
    status: z.enum(riskStatuses).default('open'),
    acceptance: z
      .object({ by: personSchema, at: instant, note: z.string().max(1000).optional() })
      .strict()
      .optional()
      .describe('Who accepted the residual risk, and when (required when status is accepted).'),
    cre: z
      .object({
        ettdMin: z.number().nonnegative().describe('Estimated time to detect, minutes.'),
        ettrMin: z.number().nonnegative().describe('Estimated time to repair, minutes.'),
        usersAffected: z.number().min(0).max(1).describe('Share of users affected, 0–1.'),
        probability: z.number().min(0).max(1).describe('Chance it happens during the event window.'),
      })
      .strict()
      .optional()
      .describe('Google CRE estimates: expected bad minutes = (ETTD + ETTR) × users affected × probability.'),
  })
  .strict();
export type Risk = z.output<typeof riskSchema>;

// ---- people ---------------------------------------------------------------------------------

const span = z.object({ from: when, to: when }).strict();

export const peopleSchema = z
  .object({
    roster: z
      .array(
        z
          .object({
            person: personSchema,
            role: text(80).describe('commander, comms lead, scribe, ops lead, SME, partner liaison, …'),
            team: text(80).optional(),
            shift: span,
            contact: z.string().max(200).optional(),
          })
          .strict(),
      )
      .min(1),
    standby: z
      .array(
        z
          .object({
            service: text(120),
            primary: personSchema,
            secondary: personSchema.optional(),
            team: text(80).optional(),
            window: span.optional(),
          })
          .strict(),
      )
      .default([]),
    escalation: z
      .array(
        z
          .object({
            service: text(120).describe('"*" for everything not listed.'),
            steps: z
              .array(
                z
                  .object({
                    after: durationMs.optional().describe('Escalate to this step when there is no answer for this long (first step: at once).'),
                    who: text(120),
                    contact: z.string().max(200).optional(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type People = z.output<typeof peopleSchema>;

// ---- partners -------------------------------------------------------------------------------

export const partnerKinds = ['cdn', 'drm', 'cloud', 'customer_care', 'social', 'payments', 'feed', 'other'] as const;

export const partnerSchema = z
  .object({
    id,
    name: text(120),
    kind: z.enum(partnerKinds),
    contact: z
      .object({ name: text(120), email: z.email().optional(), phone: z.string().max(60).optional() })
      .strict(),
    bridgeUrl: link.optional(),
    dialIn: z.string().max(200).optional(),
    supportCase: z.string().max(120).optional().describe('The support case opened for the event.'),
    escalation: z.array(text(200)).default([]).describe('In order: who to go to next when the first contact does not answer.'),
    lastContactTest: z
      .object({ at: instant, by: personSchema, answeredBy: z.string().max(120).optional(), ok: z.boolean().default(true) })
      .strict()
      .optional(),
    status: rag.optional().describe('The partner\'s own status on the night, from their bridge lead.'),
  })
  .strict();
export type Partner = z.output<typeof partnerSchema>;

// ---- check-ins ------------------------------------------------------------------------------

export const checkInScheduleSchema = z
  .object({
    id,
    who: personSchema,
    reports: text(300).describe('What they report on, e.g. "CDN health and rebuffer ratio".'),
    service: text(120).optional(),
    every: durationMs.refine((ms) => ms >= 60_000, { message: 'expected an interval of at least 1m' }).describe('e.g. "30m".'),
    from: when.describe('The first check-in, e.g. "T-1h".'),
    until: when.optional().describe('The last one is at or before this (default: the event end).'),
    grace: durationMs.default(5 * 60_000).describe('A check-in this late still counts as on time.'),
  })
  .strict()
  .refine((c) => c.grace < c.every, { message: 'expected grace to be shorter than every', path: ['grace'] });
export type CheckInSchedule = z.output<typeof checkInScheduleSchema>;

/** A check-in as sent from a console: a short structured status. */
export const checkInSchema = z
  .object({
    scheduleId: id,
    at: z.number().int().nonnegative().describe('Epoch ms, hub clock.'),
    by: personSchema,
    service: text(120),
    status: rag,
    note: z.string().max(1000).default(''),
  })
  .strict();
export type CheckIn = z.output<typeof checkInSchema>;

// ---- freeze, comms, go/no-go, SLOs, actions -------------------------------------------------

export const freezeSchema = z
  .object({
    from: when,
    to: when,
    scope: text(500),
    exceptionApprover: personSchema,
  })
  .strict();
export type Freeze = z.output<typeof freezeSchema>;

export const commsAudiences = ['internal', 'executive', 'external', 'partner'] as const;

export const commsSchema = z
  .object({
    lead: personSchema.optional().describe('Reports out; kept separate from the people fixing things.'),
    stakeholders: z
      .array(
        z
          .object({
            name: text(120),
            audience: z.enum(commsAudiences),
            channel: text(200),
            cadence: durationMs.optional().describe('How often they hear from us during the event.'),
          })
          .strict(),
      )
      .default([]),
    templates: z
      .array(z.object({ id, audience: z.enum(commsAudiences), title: text(200), body: text(4000) }).strict())
      .default([]),
  })
  .strict();

export const goNoGoOutcomes = ['go', 'no_go', 'go_with_conditions'] as const;

export const goNoGoSchema = z
  .object({
    at: when.describe('When the decision is taken, e.g. "T-1d".'),
    decider: personSchema,
    criteria: z
      .array(z.object({ text: text(300), met: z.boolean().optional(), evidence: link.optional() }).strict())
      .min(1),
    decision: z
      .object({
        outcome: z.enum(goNoGoOutcomes),
        by: personSchema,
        at: instant,
        conditions: z.string().max(2000).optional(),
        note: z.string().max(2000).optional(),
        override: z.string().max(2000).optional().describe('Why "go" was recorded although something was open (listed in `open`).'),
        open: z.array(z.string().max(600)).optional().describe('What was not signed off (criteria, red readiness items) when it was decided.'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** An alert on an event SLO: the threshold is derived, never typed in (see domain/review/slo.ts). */
export const burnAlertSchema = z
  .object({
    severity: z.enum(['page', 'ticket']),
    budgetFraction: z.number().gt(0).max(1).describe('Share of the event\'s error budget that may burn within the long window.'),
    longWindow: durationMs,
    shortWindow: durationMs.optional().describe('Default: 1/12 of the long window.'),
  })
  .strict();

export const eventSloSchema = z
  .object({
    id,
    name: text(120),
    objective: z.number().gt(0).lt(1).describe('e.g. 0.995: 99.5% of playback starts succeed.'),
    source: id.optional().describe('The prometheus source of the workspace to query. Default: its first prometheus source.'),
    good: text(2000).optional().describe('PromQL: the cumulative count of good events (one series), evaluated against `source`.'),
    total: text(2000).optional().describe('PromQL: the cumulative count of all events (one series).'),
    alerts: z.array(burnAlertSchema).optional().describe('Default: the event policy in domain/planning/event-slo.ts.'),
  })
  .strict();
export type EventSlo = z.output<typeof eventSloSchema>;

export const actionItemSchema = z
  .object({
    id,
    text: text(1000),
    owner: personSchema.optional(),
    team: text(80).optional(),
    due: instant.optional(),
    status: z.enum(['open', 'done']).default('open'),
    closedAt: instant.optional(),
    toTemplate: z.boolean().default(false).describe('A lesson to push back into the template this plan came from.'),
  })
  .strict();
export type ActionItem = z.output<typeof actionItemSchema>;

// ---- the plan -------------------------------------------------------------------------------

const uniqueIds = <T extends { id: string }>(items: readonly T[], path: string, ctx: z.RefinementCtx): void => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
};

export const planSchema = z
  .object({
    version: z.literal(PLAN_VERSION),
    template: z
      .object({ id, version: z.number().int().positive(), description: z.string().max(2000).optional() })
      .strict()
      .optional()
      .describe('Set on a template: its id and version.'),
    basedOn: z.object({ template: id, version: z.number().int().positive() }).strict().optional().describe('The template this plan started from.'),
    event: eventSchema,
    keyMoments: z.array(keyMomentSchema).default([]),
    forecast: forecastSchema.optional(),
    capacity: z.array(capacityStepSchema).default([]),
    readiness: z.array(readinessItemSchema).default([]),
    risks: z.array(riskSchema).default([]),
    people: peopleSchema,
    partners: z.array(partnerSchema).default([]),
    checkIns: z.array(checkInScheduleSchema).default([]),
    freeze: freezeSchema.optional(),
    comms: commsSchema.optional(),
    goNoGo: goNoGoSchema.optional(),
    slos: z.array(eventSloSchema).default([]),
    actionItems: z.array(actionItemSchema).default([]),
    notes: z.string().max(20_000).optional(),
    stateHistory: z
      .array(z.object({ from: planStateSchema, to: planStateSchema, by: personSchema, at: instant }).strict())
      .max(500)
      .optional()
      .describe('Each state move, oldest first (written by the hub; a saved plan keeps the stored one).'),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const tz = plan.event.timezone;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // An invalid zone has its own issue; nothing else can be resolved without one.
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      return;
    }
    const start = resolveLocalDateTime(plan.event.start, tz);
    const end = resolveLocalDateTime(plan.event.end, tz);
    if (!start.ok) issue(['event', 'start'], start.message);
    if (!end.ok) issue(['event', 'end'], end.message);
    if (start.ok && end.ok && end.ms <= start.ms) issue(['event', 'end'], 'expected the end to be after the start');

    uniqueIds(plan.keyMoments, 'keyMoments', ctx);
    uniqueIds(plan.capacity, 'capacity', ctx);
    uniqueIds(plan.readiness, 'readiness', ctx);
    uniqueIds(plan.risks, 'risks', ctx);
    uniqueIds(plan.partners, 'partners', ctx);
    uniqueIds(plan.checkIns, 'checkIns', ctx);
    uniqueIds(plan.slos, 'slos', ctx);
    uniqueIds(plan.actionItems, 'actionItems', ctx);

    if (!start.ok) return;
    const anchor = { startMs: start.ms, timeZone: tz };
    /** Resolve a plan time, reporting it at `path` if it names no real time. */
    const at = (value: string | undefined, path: (string | number)[]): number | null => {
      if (value === undefined) return null;
      const r = resolveWhen(value, anchor);
      if (!r.ok) {
        issue(path, r.message);
        return null;
      }
      return r.ms;
    };
    const ordered = (from: number | null, to: number | null, path: (string | number)[], what: string) => {
      if (from !== null && to !== null && to <= from) issue(path, `expected ${what}`);
    };

    plan.keyMoments.forEach((m, i) => at(m.at, ['keyMoments', i, 'at']));
    plan.capacity.forEach((c, i) => {
      const up = at(c.when, ['capacity', i, 'when']);
      const down = at(c.scaleDown, ['capacity', i, 'scaleDown']);
      ordered(up, down, ['capacity', i, 'scaleDown'], 'the scale-down to be after the scale-up');
    });
    if (plan.forecast) {
      const f = plan.forecast;
      at(f.peakAt, ['forecast', 'peakAt']);
      if (f.ramp) ordered(at(f.ramp.from, ['forecast', 'ramp', 'from']), at(f.ramp.to, ['forecast', 'ramp', 'to']), ['forecast', 'ramp', 'to'], 'the ramp to end after it starts');
      if (f.peak < f.baseline) issue(['forecast', 'peak'], 'expected the peak to be at least the baseline');
      if (f.peakRange && !(f.peakRange.low <= f.peak && f.peak <= f.peakRange.high)) {
        issue(['forecast', 'peakRange'], `expected the range to contain the peak (${f.peak})`);
      }
      if (f.multiplier !== undefined) {
        const implied = f.peak / f.baseline;
        if (Math.abs(f.multiplier - implied) > 0.1 * implied) {
          issue(['forecast', 'multiplier'], `expected about ${Number(implied.toFixed(2))} (peak ÷ baseline), got ${f.multiplier}`);
        }
      }
    }
    plan.people.roster.forEach((r, i) => ordered(at(r.shift.from, ['people', 'roster', i, 'shift', 'from']), at(r.shift.to, ['people', 'roster', i, 'shift', 'to']), ['people', 'roster', i, 'shift', 'to'], 'the shift to end after it starts'));
    plan.people.standby.forEach((s, i) => {
      if (s.window) ordered(at(s.window.from, ['people', 'standby', i, 'window', 'from']), at(s.window.to, ['people', 'standby', i, 'window', 'to']), ['people', 'standby', i, 'window', 'to'], 'the window to end after it starts');
    });
    const onRoster = new Set(plan.people.roster.map((r) => r.person.toLowerCase()));
    // An end at or before the start has its one issue above: a check-in measured against it would
    // only repeat it (the end is where a schedule without `until` stops), row after row.
    const endMs = end.ok && end.ms > start.ms ? end.ms : null;
    plan.checkIns.forEach((c, i) => {
      const from = at(c.from, ['checkIns', i, 'from']);
      const until = c.until === undefined ? endMs : at(c.until, ['checkIns', i, 'until']);
      ordered(from, until, ['checkIns', i, c.until === undefined ? 'from' : 'until'], c.until === undefined ? 'the first check-in to be before the event end' : '`until` to be after `from`');
      if (!onRoster.has(c.who.toLowerCase())) issue(['checkIns', i, 'who'], `expected someone on the roster (people.roster), got "${c.who}"`);
    });
    if (plan.freeze) ordered(at(plan.freeze.from, ['freeze', 'from']), at(plan.freeze.to, ['freeze', 'to']), ['freeze', 'to'], 'the freeze to end after it starts');
    if (plan.goNoGo) at(plan.goNoGo.at, ['goNoGo', 'at']);
    plan.risks.forEach((r, i) => {
      if (r.status === 'accepted' && !r.acceptance) issue(['risks', i, 'acceptance'], 'expected who accepted the risk and when (status is accepted)');
    });
    plan.actionItems.forEach((a, i) => {
      if (a.status === 'done' && a.closedAt === undefined) issue(['actionItems', i, 'closedAt'], 'expected when it was closed (status is done)');
    });
  });

export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;

// ---- refusing a plan ------------------------------------------------------------------------

/** A reason a plan was refused: the field in dotted form ("readiness[3].evidence") and why. */
export interface PlanIssue {
  readonly field: string;
  readonly message: string;
}

export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Every problem with a zod error, each naming its field, in the order found. */
export function planIssues(error: z.ZodError, input: unknown): PlanIssue[] {
  // One issue per field: a time that is neither a T-offset nor a date-time failed twice (its
  // shape, then resolving it), and a person fixes one field at a time.
  const seen = new Set<string>();
  return fieldIssues(error, input)
    .filter(({ field }) => !seen.has(field) && Boolean(seen.add(field)))
    .map(({ field, message }) => ({ field, message }));
}

/** Validate a plan (already parsed from YAML or JSON): the whole plan, or every issue and nothing. */
export function parsePlan(input: unknown): PlanParseResult {
  const parsed = planSchema.safeParse(input);
  return parsed.success ? { ok: true, plan: parsed.data } : { ok: false, issues: planIssues(parsed.error, input) };
}
