/**
 * Incidents and their timeline. The timeline is an append-only log of entries: an edit is a new
 * entry that `supersedes` the old one, a deletion is a superseding entry with `deleted: true`, so
 * nothing typed during an outage is ever lost. The hub validates every entry with these schemas;
 * the current view is a projection (shared/domain/incidents/timeline.ts).
 */
import { z } from 'zod';
import { durationMs } from './duration.ts';

/** Client-generated ULIDs (Crockford base32), so a retried command is recognised, not duplicated. */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'expected a ULID (26 characters, Crockford base32)' });

/** Epoch milliseconds, UTC. */
const epochMs = z.number().int().nonnegative();

/** A person's handle, as in "@maria". Compared case-insensitively. */
export const personSchema = z.string().trim().min(1).max(64);

// ---- severity and priority ------------------------------------------------------------------

/** Severity is the impact: 1 is the worst. Kept separate from priority (how urgently to respond). */
export const severities = [1, 2, 3, 4] as const;
export type Severity = (typeof severities)[number];
export const severitySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const severityLabel = (severity: Severity): string => `SEV${severity}`;

/** Strings, not numbers, so a priority can never be passed where a severity is expected. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];
export const prioritySchema = z.enum(priorities);

// ---- lifecycle ------------------------------------------------------------------------------

export const incidentStatuses = ['declared', 'investigating', 'identified', 'mitigated', 'monitoring', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const incidentStatusSchema = z.enum(incidentStatuses);

/**
 * Where each status may go. Skipping forward is allowed (a rollback often mitigates before anyone
 * has identified the cause); going back to investigating/identified is allowed when impact
 * returns; a resolved incident can only be reopened or closed; closed is final. `declared` is
 * only ever the first status.
 */
export const statusTransitions: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  declared: ['investigating', 'identified', 'mitigated', 'monitoring', 'resolved'],
  investigating: ['identified', 'mitigated', 'monitoring', 'resolved'],
  identified: ['investigating', 'mitigated', 'monitoring', 'resolved'],
  mitigated: ['investigating', 'identified', 'monitoring', 'resolved'],
  monitoring: ['investigating', 'identified', 'resolved'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

export const canTransition = (from: IncidentStatus, to: IncidentStatus): boolean => statusTransitions[from].includes(to);

// ---- markers, roles, audiences --------------------------------------------------------------

/** First-class moments: time to detect / acknowledge / mitigate / resolve are computed from them. */
export const markerKinds = ['impact_started', 'detected', 'declared', 'acknowledged', 'mitigated', 'resolved'] as const;
export type MarkerKind = (typeof markerKinds)[number];
export const markerKindSchema = z.enum(markerKinds);
export const markerLabels: Readonly<Record<MarkerKind, string>> = {
  impact_started: 'impact started',
  detected: 'detected',
  declared: 'declared',
  acknowledged: 'acknowledged',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

export const roleNames = [
  'commander',
  'deputy',
  'scribe',
  'ops_lead',
  'comms_lead',
  'customer_liaison',
  'internal_liaison',
  'sme',
  'observer',
] as const;
export type RoleName = (typeof roleNames)[number];
export const roleNameSchema = z.enum(roleNames);
/** Roles several people can hold at once; every other role has at most one holder. */
export const sharedRoles: readonly RoleName[] = ['sme', 'observer'];

export const audiences = ['internal', 'executive', 'external'] as const;
export type Audience = (typeof audiences)[number];
export const audienceSchema = z.enum(audiences);

// ---- kind-specific data ---------------------------------------------------------------------

export const hypothesisStates = ['open', 'confirmed', 'ruled_out'] as const;
export type HypothesisState = (typeof hypothesisStates)[number];

/**
 * A task during the incident: one owner, a time box, acknowledged on the owner's console.
 * Acknowledging or finishing it is a superseding entry with the new values.
 */
export const taskDataSchema = z
  .object({
    owner: personSchema,
    timeboxMs: z.number().int().positive().optional(),
    dueAt: epochMs.optional(),
    acknowledgedAt: epochMs.optional(),
    done: z.boolean().default(false),
    doneAt: epochMs.optional(),
    toil: z.boolean().optional().describe('Marked as toil by someone in the room: its time counts toward the team\'s toil share.'),
  })
  .strict();
export type TaskData = z.output<typeof taskDataSchema>;

export const followUpTypes = ['mitigate', 'prevent', 'detect', 'process'] as const;
export type FollowUpType = (typeof followUpTypes)[number];

/**
 * A follow-up action item (a `todo:` line). Captured bare during the incident; owner, due date
 * and type are filled in later, so all are optional here. Closing it (and reopening it) is a
 * superseding version with (without) `closedAt`, possible after the incident is closed.
 */
export const followUpDataSchema = z
  .object({
    owner: personSchema.optional(),
    dueAt: epochMs.optional(),
    type: z.enum(followUpTypes).optional(),
    priority: prioritySchema.optional(),
    ticketUrl: z.url({ protocol: /^https?$/ }).optional(),
    closedAt: epochMs.optional().describe('When it was done; absent while open.'),
  })
  .strict();
export type FollowUpData = z.output<typeof followUpDataSchema>;

/** A status update in the Conditions / Actions / Needs form; without `sentAt` it is a draft. */
export const statusUpdateDataSchema = z
  .object({
    audience: audienceSchema,
    conditions: z.string().max(4000).default(''),
    actions: z.string().max(4000).default(''),
    needs: z.string().max(4000).default(''),
    sentAt: epochMs.optional(),
  })
  .strict();
export type StatusUpdateData = z.output<typeof statusUpdateDataSchema>;

/** What the incoming holder is told before accepting a role (stored with the offer). */
export const briefingSchema = z
  .object({
    generatedAt: epochMs,
    status: incidentStatusSchema,
    severity: severitySchema.nullable(),
    openTasks: z.array(
      z.object({ id: z.string(), owner: personSchema, text: z.string(), dueAt: epochMs.nullable(), overdue: z.boolean() }).strict(),
    ),
    liveHypotheses: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
    lastStatusUpdate: z
      .object({ id: z.string(), text: z.string(), audience: audienceSchema, conditions: z.string(), actions: z.string(), needs: z.string(), sentAt: epochMs })
      .strict()
      .nullable(),
    nextUpdates: z.array(z.object({ audience: audienceSchema, dueAt: epochMs, overdue: z.boolean() }).strict()),
    pendingTodos: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
    /** Every status update sent so far, newest first (at most 20); absent in briefings stored before it existed. */
    commsSent: z
      .array(z.object({ id: z.string(), audience: audienceSchema, sentAt: epochMs, text: z.string() }).strict())
      .max(20)
      .optional(),
  })
  .strict();
export type Briefing = z.output<typeof briefingSchema>;

/**
 * A handoff is a conversation, not an assignment: offer → accept / decline / cancel (or it
 * expires). The role moves only on an accept by the receiver.
 */
export const handoffDataSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('offer'), role: roleNameSchema, from: personSchema, to: personSchema, briefing: briefingSchema.optional() }).strict(),
  z.object({ step: z.literal('accept'), offerId: ulidSchema }).strict(),
  z.object({ step: z.literal('decline'), offerId: ulidSchema, reason: z.string().max(500).optional() }).strict(),
  z.object({ step: z.literal('cancel'), offerId: ulidSchema }).strict(),
]);
export type HandoffData = z.output<typeof handoffDataSchema>;

const empty = z.object({}).strict().default({});

/**
 * The postmortem's own sections. They are notes with `data.section`, written during the incident
 * ("where we got lucky" is best noted when it happens) or after it, so the postmortem stays a
 * projection of the timeline rather than a second document.
 */
export const postmortemSections = ['summary', 'five_whys', 'root_causes', 'contributing_factors', 'went_well', 'went_wrong', 'lucky'] as const;
export type PostmortemSection = (typeof postmortemSections)[number];
export const postmortemSectionLabels: Readonly<Record<PostmortemSection, string>> = {
  summary: 'Summary',
  five_whys: 'Five whys',
  root_causes: 'Root causes',
  contributing_factors: 'Contributing factors',
  went_well: 'What went well',
  went_wrong: 'What went wrong',
  lucky: 'Where we got lucky',
};

/** Free text: absent leaves the value as it was, null clears it. */
const bookkeepingText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/**
 * The incident's bookkeeping (start/end, impact, priority, affected property, root-cause
 * category, responsible property), set or corrected at any time: each field given replaces the
 * previous value, so the record is the fold of these entries in timeline order.
 */
export const bookkeepingDataSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    priority: prioritySchema.nullable().optional(),
    startedAt: epochMs.nullable().optional().describe('When impact started, if it differs from the "impact started" marker.'),
    endedAt: epochMs.nullable().optional().describe('When impact ended, if it differs from the "resolved" marker.'),
    impact: bookkeepingText(4000).describe('Who was hurt and how: users, streams, regions, support tickets.'),
    service: bookkeepingText(120),
    region: bookkeepingText(120),
    platform: bookkeepingText(120),
    rootCauseCategory: bookkeepingText(120),
    responsibleProperty: bookkeepingText(120),
  })
  .strict();
export type BookkeepingData = z.output<typeof bookkeepingDataSchema>;

/** The data each entry kind carries. */
const dataByKind = {
  note: z.object({ section: z.enum(postmortemSections).optional() }).strict().default({}),
  decision: z
    .object({ poll: z.string().max(200).optional().describe('The poll result, e.g. "no strong objections".') })
    .strict()
    .default({}),
  action: empty,
  hypothesis: z.object({ state: z.enum(hypothesisStates).default('open') }).strict().default({ state: 'open' }),
  finding: z.object({ hypothesisId: ulidSchema.optional() }).strict().default({}),
  todo: followUpDataSchema.default({}),
  status: z.object({ status: incidentStatusSchema, from: incidentStatusSchema.optional() }).strict(),
  severity: z.object({ severity: severitySchema, from: severitySchema.optional() }).strict(),
  marker: z.object({ marker: markerKindSchema }).strict(),
  task: taskDataSchema,
  role: z.object({ role: roleNameSchema, person: personSchema, action: z.enum(['assign', 'release']) }).strict(),
  handoff: handoffDataSchema,
  status_update: statusUpdateDataSchema,
  change: z
    .object({
      service: z.string().max(120).optional(),
      source: z.string().max(60).optional().describe('Where the change came from: "deploy", "config", a webhook name.'),
      ref: z.string().max(200).optional().describe('A version, commit or change id.'),
      url: z.url({ protocol: /^https?$/ }).optional(),
      from: z
        .object({ incident: ulidSchema, title: z.string().max(200) })
        .strict()
        .optional()
        .describe("Written by the hub on a copy: the incident whose console logged the change."),
    })
    .strict()
    .default({}),
  snapshot: z
    .object({
      assetId: z.string().min(1).max(128).describe('The stored picture, kept by the hub (never a live link that rots).'),
      panelId: z.string().max(64).optional(),
      capturedAt: epochMs,
      range: z.object({ from: epochMs, to: epochMs }).strict().optional(),
    })
    .strict(),
  bookkeeping: bookkeepingDataSchema,
  /** Link (or unlink) this incident to another: the text is the note ("same CDN origin"). */
  link: z
    .object({
      other: ulidSchema.describe('The other incident.'),
      action: z.enum(['link', 'unlink']).default('link'),
      title: z.string().max(200).optional().describe("The other incident's title when linked (the hub fills it in)."),
      mirrorOf: ulidSchema.optional().describe("Written by the hub on the other incident's side: the entry it mirrors."),
    })
    .strict(),
} as const;

export const entryKinds = Object.keys(dataByKind) as (keyof typeof dataByKind)[];
export type EntryKind = keyof typeof dataByKind;

// ---- timeline entries -----------------------------------------------------------------------

/** The most characters an entry's words may have (the scribe line says so before Enter, never cuts). */
export const MAX_ENTRY_TEXT = 10_000;

const clientFields = {
  id: ulidSchema,
  incidentId: ulidSchema,
  text: z.string().max(MAX_ENTRY_TEXT),
  occurredAt: epochMs.describe('When it happened (backdatable); by default the first keystroke.'),
  author: personSchema,
  console: z.string().min(1).max(64).describe('Which seat it was typed at.'),
  supersedes: ulidSchema.optional().describe('The entry this one replaces; the old one stays in the history.'),
  deleted: z.boolean().optional().describe('A tombstone: hides the entry it supersedes.'),
  pinned: z.boolean().optional().describe('A key moment: shown on the wall and in the postmortem.'),
};
const hubFields = {
  seq: z.number().int().positive().describe('The hub-assigned order: every wall shows entries in this order.'),
  recordedAt: epochMs.describe('When the hub stored it (hub clock).'),
};

type DataByKind = typeof dataByKind;

function entryUnion<F extends z.ZodRawShape>(fields: F) {
  const option = <K extends EntryKind>(kind: K) =>
    z.object({ ...fields, kind: z.literal(kind), data: dataByKind[kind] as DataByKind[K] }).strict();
  return z.discriminatedUnion('kind', [
    option('note'),
    option('decision'),
    option('action'),
    option('hypothesis'),
    option('finding'),
    option('todo'),
    option('status'),
    option('severity'),
    option('marker'),
    option('task'),
    option('role'),
    option('handoff'),
    option('status_update'),
    option('change'),
    option('snapshot'),
    option('bookkeeping'),
    option('link'),
  ]);
}

/** An entry as a client sends it: the hub adds `seq` and `recordedAt`. */
export const newTimelineEntrySchema = entryUnion(clientFields);
export type NewTimelineEntry = z.output<typeof newTimelineEntrySchema>;

/** An entry as stored and broadcast by the hub. */
export const timelineEntrySchema = entryUnion({ ...clientFields, ...hubFields });
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type TimelineEntryOf<K extends EntryKind> = Extract<TimelineEntry, { kind: K }>;
export type EntryData<K extends EntryKind> = z.output<DataByKind[K]>;
/** What a client may write as `data` for a kind (defaults filled in by the schema). */
export type EntryDataInput<K extends EntryKind> = z.input<DataByKind[K]>;

// ---- status-update cadence ------------------------------------------------------------------

export const cadenceRuleSchema = z
  .object({
    first: durationMs.optional().describe('The first update is due this long after the severity takes effect (default: every).'),
    every: durationMs,
    then: z
      .object({ after: durationMs.describe('Time at this severity after which `every` changes.'), every: durationMs })
      .strict()
      .optional(),
  })
  .strict();
export type CadenceRule = z.output<typeof cadenceRuleSchema>;

const audienceCadence = z
  .object({
    internal: cadenceRuleSchema.nullable().describe('null: no updates required for this audience.'),
    executive: cadenceRuleSchema.nullable(),
    external: cadenceRuleSchema.nullable(),
  })
  .strict();

/** How often each audience must hear from the incident, per severity. */
export const cadencePolicySchema = z
  .object({ sev1: audienceCadence, sev2: audienceCadence, sev3: audienceCadence, sev4: audienceCadence })
  .strict();
export type CadencePolicy = z.output<typeof cadencePolicySchema>;
