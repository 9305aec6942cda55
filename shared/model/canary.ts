/**
 * Canaries: synthetic checks, pushed results and JUnit suites, each reduced to one state the wall
 * can trust. This file holds the shapes: the events the state model consumes, its configuration,
 * the state itself, and the summary of an ingested JUnit report. The transitions live in
 * shared/domain/canaries/state.ts; the JUnit parser in electron/hub/canaries/junit/parse.ts.
 *
 * All times are epoch milliseconds (UTC) on the hub's clock.
 */
import { z } from 'zod';

const epochMs = z.number().int().nonnegative();
const person = z.string().trim().min(1).max(64);

// ---- results --------------------------------------------------------------------------------

/**
 * Why a run failed. Network-class failures (dns … timeout) are the ones worth a fast retry;
 * `assertion` and `http-status` are real answers from the target; `error` is anything else
 * (a JUnit <error>, a script that threw).
 */
export const failureClasses = ['dns', 'connect-refused', 'connect-reset', 'tls', 'timeout', 'http-status', 'assertion', 'error'] as const;
export type FailureClass = (typeof failureClasses)[number];
export const failureClassSchema = z.enum(failureClasses);
export const networkFailureClasses: readonly FailureClass[] = ['dns', 'connect-refused', 'connect-reset', 'tls', 'timeout'];

export const failureClassLabels: Readonly<Record<FailureClass, string>> = {
  dns: 'DNS',
  'connect-refused': 'connection refused',
  'connect-reset': 'connection reset',
  tls: 'TLS',
  timeout: 'timeout',
  'http-status': 'HTTP status',
  assertion: 'assertion',
  error: 'error',
};

/** pass; fail (the target answered wrongly or not at all); error (the run itself broke). Both fail and error count as failed runs. */
export const resultOutcomes = ['pass', 'fail', 'error'] as const;
export type ResultOutcome = (typeof resultOutcomes)[number];

export const canaryResultSchema = z
  .object({
    type: z.literal('result'),
    outcome: z.enum(resultOutcomes),
    /** When the run happened (its start), if known; the reducer's `now` is when it was received. */
    at: epochMs.optional(),
    classification: failureClassSchema.optional(),
    latencyMs: z.number().nonnegative().finite().optional(),
    /** Passed only after one or more retries (a pass with `retried` is flaky). */
    retried: z.boolean().optional(),
    attempts: z.number().int().min(1).max(100).optional(),
    /** One line for the tile, e.g. 'expected status 200, got 503'. */
    message: z.string().max(1000).optional(),
  })
  .strict();
export type CanaryResult = z.output<typeof canaryResultSchema>;

// ---- maintenance and acknowledgements -------------------------------------------------------

export const maintenanceWindowSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    startsAt: epochMs,
    endsAt: epochMs,
    reason: z.string().max(500).optional(),
    by: person.optional(),
  })
  .strict()
  .refine((w) => w.startsAt < w.endsAt, { message: 'expected startsAt before endsAt', path: ['endsAt'] });
export type MaintenanceWindow = z.output<typeof maintenanceWindowSchema>;

export const canaryEventSchema = z.discriminatedUnion('type', [
  canaryResultSchema,
  /** Time passing: what makes a silent check stale, a snooze expire and a window end. */
  z.object({ type: z.literal('tick') }).strict(),
  /** Schedule (or reschedule, by id) a maintenance window. */
  z.object({ type: z.literal('maintenance'), window: maintenanceWindowSchema }).strict(),
  z.object({ type: z.literal('maintenance-cancel'), id: z.string().trim().min(1).max(100) }).strict(),
  /** Acknowledge the current problem; with `until` it is a snooze that ends by itself. */
  z.object({ type: z.literal('ack'), by: person, until: epochMs.optional(), note: z.string().max(500).optional() }).strict(),
  z.object({ type: z.literal('unack'), by: person }).strict(),
]);
export type CanaryEvent = z.output<typeof canaryEventSchema>;

// ---- configuration --------------------------------------------------------------------------

export const canaryConfigSchema = z
  .object({
    /** How often a result is expected; null when nothing is scheduled (it then never goes stale). */
    expectedIntervalMs: z.number().int().positive().nullable().default(null),
    /** Stale after expectedIntervalMs × staleGrace without a result. */
    staleGrace: z.number().min(1).max(100).default(2),
    /** A passing run slower than this is degraded. */
    warnLatencyMs: z.number().positive().nullable().default(null),
    /** Consecutive slow passes before the state says degraded (one slow run is noise). */
    degradeAfter: z.number().int().min(1).max(100).default(1),
    /**
     * When a failure is confirmed: `consecutive` failed runs in a row, or `window.failures` of the
     * last `window.of` runs (catches the 1-in-3 failure behind a load balancer), whichever comes first.
     */
    confirm: z
      .object({
        consecutive: z.number().int().min(1).max(100).nullable().default(3),
        window: z
          .object({ failures: z.number().int().min(1).max(1000), of: z.number().int().min(1).max(1000) })
          .strict()
          .refine((w) => w.failures <= w.of, { message: 'expected failures <= of' })
          .nullable()
          .default(null),
      })
      .strict()
      .refine((c) => c.consecutive !== null || c.window !== null, { message: 'expected a consecutive count, a window, or both' })
      .prefault({}),
    /** Consecutive passes that close a confirmed failure (and the window rule must no longer hold). */
    recoverAfter: z.number().int().min(1).max(100).default(1),
    /** How many recent results the history strip keeps. */
    historySize: z.number().int().min(1).max(1000).default(30),
    /** The period of the time-based uptime and the pass ratio. */
    uptimeWindowMs: z.number().int().min(60_000).max(400 * 86_400_000).default(86_400_000),
    /** Whether going stale raises an alert (a suite that silently stopped reporting). */
    alertOnStale: z.boolean().default(false),
  })
  .strict();
export type CanaryConfigInput = z.input<typeof canaryConfigSchema>;
export type CanaryConfig = z.output<typeof canaryConfigSchema>;

// ---- state ----------------------------------------------------------------------------------

/**
 * What the results say. `pending`: nothing yet and nothing due. `stale`: a result was due and none
 * came (expected interval × grace).
 */
export const canaryHealths = ['pending', 'passing', 'degraded', 'flaky', 'failing-unconfirmed', 'failing-confirmed', 'stale'] as const;
export type CanaryHealth = (typeof canaryHealths)[number];

/** What the tile shows: the health, unless a maintenance window or an acknowledgement covers it. */
export const canaryStatuses = [...canaryHealths, 'maintenance', 'acknowledged'] as const;
export type CanaryStatus = (typeof canaryStatuses)[number];

/** One run in the history strip. */
export interface HistoryEntry {
  /** When the run happened (or was received, when the run did not say). */
  at: number;
  outcome: ResultOutcome;
  classification?: FailureClass;
  latencyMs?: number;
  retried?: boolean;
  /** Received during a maintenance window. */
  maintenance?: boolean;
}

/** Progress towards confirming a failure: "2 of 3 failed". */
export interface ConfirmProgress {
  rule: 'consecutive' | 'window';
  failed: number;
  /** Failures needed to confirm. */
  needed: number;
  /** For the window rule: out of how many recent runs. */
  of: number;
}

export interface Acknowledgement {
  by: string;
  at: number;
  /** null: until the check recovers. Otherwise a snooze. */
  until: number | null;
  note?: string;
}

/** A failure from its first failed run to its recovery. */
export interface CanaryIncident {
  /** Counts up per check, so alerts can say which incident they belong to. */
  seq: number;
  /** The first failure of the current run of failures. */
  failingSince: number;
  confirmedAt: number | null;
  /** When the confirmed-failure alert went out (null: not yet, e.g. suppressed by maintenance or an ack). */
  alertedAt: number | null;
  lastMessage?: string;
  lastClassification?: FailureClass;
}

/** Time-based uptime and pass counts, in buckets covering the uptime window. */
export interface UptimeBucket {
  start: number;
  upMs: number;
  downMs: number;
  passes: number;
  failures: number;
}

export interface MaintenanceDigest {
  windowIds: string[];
  reasons: string[];
  startedAt: number;
  endedAt: number;
  healthBefore: CanaryHealth;
  healthAfter: CanaryHealth;
  runs: number;
  passes: number;
  failures: number;
  failuresByClass: Partial<Record<FailureClass, number>>;
  /** Health changes during the window (the first 50). */
  transitions: { at: number; from: CanaryHealth; to: CanaryHealth }[];
  /** One sentence for the console. */
  summary: string;
}

export interface CanaryState {
  health: CanaryHealth;
  status: CanaryStatus;
  createdAt: number;
  /** When `now` last advanced the state (uptime is accrued up to here). */
  updatedAt: number;
  /** When the last result was received (hub clock): staleness counts from here. */
  lastResultAt: number | null;
  lastResult: HistoryEntry | null;
  /** Consecutive failed runs / passing runs / slow passing runs, ending with the latest. */
  failStreak: number;
  passStreak: number;
  slowStreak: number;
  progress: ConfirmProgress | null;
  incident: CanaryIncident | null;
  incidentSeq: number;
  /** The last closed incident. */
  recovered: { seq: number; failingSince: number; recoveredAt: number } | null;
  history: HistoryEntry[];
  ack: Acknowledgement | null;
  /** Scheduled and current windows (ended ones are dropped). */
  windows: MaintenanceWindow[];
  /** While a window is active: what is needed for its digest. */
  maintenance: {
    startedAt: number;
    windowIds: string[];
    reasons: string[];
    healthBefore: CanaryHealth;
    runs: number;
    passes: number;
    failures: number;
    failuresByClass: Partial<Record<FailureClass, number>>;
    transitions: { at: number; from: CanaryHealth; to: CanaryHealth }[];
    /** The incident open when the window began, and whether it had been announced. */
    incidentBefore: { seq: number; alertedAt: number | null } | null;
  } | null;
  /** A stale alert went out and no result has come since. */
  staleAlerted: boolean;
  uptime: UptimeBucket[];
}

export const canaryAlertKinds = ['failure', 'recovery', 'reminder', 'stale'] as const;
export type CanaryAlertKind = (typeof canaryAlertKinds)[number];

export interface CanaryAlert {
  kind: CanaryAlertKind;
  at: number;
  incidentSeq: number | null;
  failingSince: number | null;
  message: string;
}

// ---- JUnit ingest ---------------------------------------------------------------------------

export const junitOutcomes = ['passed', 'failed', 'errored', 'skipped', 'flaky'] as const;
export type JUnitOutcome = (typeof junitOutcomes)[number];

const shortText = z.string().max(20_000);

export const junitProblemSchema = z.object({
  kind: z.enum(['failure', 'error']),
  message: shortText,
  type: shortText,
});
export type JUnitProblem = z.output<typeof junitProblemSchema>;

export const junitCaseSchema = z.object({
  /** The names of the enclosing suites, outermost first. */
  suite: z.array(z.string()),
  classname: z.string(),
  name: z.string(),
  outcome: z.enum(junitOutcomes),
  durationMs: z.number().nullable(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  /** The final failure or error, for failed and errored cases. */
  problem: junitProblemSchema.optional(),
  /** The failure text (stack trace, output), truncated. */
  detail: shortText.optional(),
  skippedMessage: shortText.optional(),
  /** 1 unless the tool re-ran the test (Surefire rerun/flaky elements, or repeated testcases). */
  attempts: z.number().int().min(1),
  /** The failures of earlier attempts (Surefire flakyFailure/rerunFailure, repeated testcases). */
  retries: z.array(junitProblemSchema),
  systemOut: shortText.optional(),
  systemErr: shortText.optional(),
  properties: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});
export type JUnitCase = z.output<typeof junitCaseSchema>;

export const junitFailureSchema = z.object({
  name: z.string(),
  classname: z.string(),
  message: shortText,
  type: shortText,
  kind: z.enum(['failure', 'error']),
});
export type JUnitFailure = z.output<typeof junitFailureSchema>;

export const junitSuiteSummarySchema = z.object({
  name: z.string(),
  /** Outer suites' names first (nested suites). */
  path: z.array(z.string()),
  tests: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
  durationMs: z.number().nullable(),
  timestamp: z.number().optional(),
  hostname: z.string().optional(),
  properties: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  systemOut: shortText.optional(),
  systemErr: shortText.optional(),
});
export type JUnitSuiteSummary = z.output<typeof junitSuiteSummarySchema>;

/**
 * A parsed JUnit report. The counts are recomputed from the test cases (never copied from the
 * header attributes) and are disjoint: tests = passed + failed + errored + skipped + flaky.
 */
export const junitSummarySchema = z.object({
  suite: z.string(),
  tests: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
  durationMs: z.number(),
  /** When the run started, if the report says: the `<testsuites>` timestamp, else the earliest suite timestamp. */
  timestamp: z.number().optional(),
  /**
   * Whether that timestamp named its zone (`Z`, an offset, `UTC`/`GMT`). A naive one is read as UTC
   * (jest-junit writes UTC) but may be the runner's local time (pytest writes local time).
   */
  timestampZoned: z.boolean().optional(),
  failures: z.array(junitFailureSchema),
  cases: z.array(junitCaseSchema),
  suites: z.array(junitSuiteSummarySchema),
  /** Things the parser tolerated (header counts that disagree with the cases, ambiguous times…). */
  warnings: z.array(z.string()),
});
export type JUnitSummary = z.output<typeof junitSummarySchema>;
