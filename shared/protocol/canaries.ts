/**
 * The canary board over socket.io (and REST): what the hub sends and what it accepts.
 *
 * - `canaries:board` (viewer) answers with the whole board once and subscribes the socket to
 *   `canaries:delta`. A delta carries only what moved since the previous one: the full entries of
 *   the canaries whose tile changed (status, progress, message, ack, maintenance, certificate…),
 *   and one compact run tick for each canary that ran without its tile changing. Never the board.
 *   Apply them in `seq` order with `applyCanaryDelta`; a gap in `seq` means ask for the board again.
 * - `canaries:summary` (viewer) answers with the canaries confirmed failing (and the ids of those
 *   whose confirmed failure went stale), then sends them again
 *   (`canaries:summary`, whole) whenever that list changes: what a wall's status radiator needs,
 *   without the board's stream of runs. A socket follows the board or the summary, not both.
 * - `canary:ack`, `canary:snooze`, `canary:unack` (responder): who and until when, on the tile.
 * - `canary:link` (responder): the failure is an open incident's (the prompt withdrawn; later
 *   failures and the recovery are written to that incident while it is open).
 * - `canary:results`, `canary:rollups` (viewer): the detail view's raw runs (timings, assertions)
 *   and hourly rollups.
 * - `canary:andon` goes to every client: a critical check's confirmed failure (the consoles prompt
 *   to pull the andon cord) and its recovery.
 * - `canary:andons` goes to every client when it connects and whenever it changes: the prompts still
 *   outstanding. A prompt stands until its canary is acknowledged or snoozed (declaring from the
 *   prompt acknowledges it) or recovers; then it is withdrawn on every console.
 */
import { z } from 'zod';
import { failureClassLabels } from '../model/canary.ts';
import type {
  Acknowledgement,
  CanaryAlertKind,
  CanaryHealth,
  CanaryStatus,
  ConfirmProgress,
  FailureClass,
  JUnitFailure,
  MaintenanceDigest,
  ResultOutcome,
} from '../model/canary.ts';

const canaryId = z.string().trim().min(1).max(200);
const epochMs = z.number().int().nonnegative();

// ---- requests -------------------------------------------------------------------------------

export const canaryRequestSchemas = {
  'canaries:board': z.object({}).strict(),
  'canaries:summary': z.object({}).strict(),
  'canaries:unsubscribe': z.object({}).strict(),
  'canary:ack': z.object({ id: canaryId, note: z.string().trim().max(500).optional() }).strict(),
  /** This failure is that open incident's: acknowledged, and its later failures go to the incident. */
  'canary:link': z
    .object({ id: canaryId, incidentId: z.string().min(1).max(64), note: z.string().trim().max(500).optional(), by: z.string().trim().min(1).max(64).optional().describe("Who (the console's person); default the token's name.") })
    .strict(),
  'canary:snooze': z
    .object({
      id: canaryId,
      /** Snooze for this long (ms; 1 minute to 7 days)… */
      forMs: z.number().int().min(60_000).max(7 * 86_400_000).optional(),
      /** …or until this time (epoch ms, hub clock). */
      until: epochMs.optional(),
      note: z.string().trim().max(500).optional(),
    })
    .strict()
    .refine((r) => (r.forMs === undefined) !== (r.until === undefined), { message: 'expected forMs or until (one of them)' }),
  'canary:unack': z.object({ id: canaryId }).strict(),
  'canary:results': z
    .object({ id: canaryId, before: epochMs.optional(), limit: z.number().int().min(1).max(500).default(100) })
    .strict(),
  'canary:rollups': z.object({ id: canaryId, from: epochMs.optional(), to: epochMs.optional() }).strict(),
} as const;

export type CanaryRequest<K extends keyof typeof canaryRequestSchemas> = z.input<(typeof canaryRequestSchemas)[K]>;

// ---- runs -----------------------------------------------------------------------------------

/**
 * How long each phase of a request took, in ms: DNS lookup, TCP connect, TLS handshake, waiting
 * for the first byte once the request was sent, reading the rest. null: the phase did not happen
 * (an IP address needs no DNS, plain HTTP no TLS, a refused connection has no first byte). With
 * several requests (steps, redirects) each phase is the sum. `totalMs` is wall-clock start to end.
 */
export interface CanaryTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  transferMs: number | null;
  totalMs: number;
}

/** One assertion as evaluated: "expected X, got Y". */
export interface AssertionOutcome {
  /** The step it belongs to (multi-step checks), else null. */
  step: string | null;
  /** What was asserted, e.g. "status is 200", "$.entitled equals true". */
  assertion: string;
  ok: boolean;
  expected: string;
  actual: string;
}

export interface CertInfo {
  subject: string;
  issuer: string;
  /** The certificate's notAfter, epoch ms. */
  validTo: number;
  /** SHA-256 fingerprint: the warning is sent once per certificate. */
  fingerprint: string;
  daysLeft: number;
}

export interface StepDetail {
  name: string;
  method: string;
  /** Scheme, host and path (no query string: it may carry secrets). */
  url: string;
  status: number | null;
  ok: boolean;
  timings: CanaryTimings;
  classification?: FailureClass;
  message?: string;
  redirects?: number;
}

/** A JUnit report's run as stored and shown. */
export interface JUnitRunDetail {
  tests: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  flaky: number;
  durationMs: number;
  /** The failing and erroring cases (the first 50). */
  failing: JUnitFailure[];
  warnings: string[];
  source: 'rest' | 'folder';
  file?: string;
  /**
   * Kept in the history only: a report from the watched folder older than the suite's newest
   * result (or than another report read with it), so it did not change the suite's state.
   */
  historyOnly?: boolean;
}

/** Everything known about one run (the detail view). */
export interface CanaryRunDetail {
  steps?: StepDetail[];
  assertions?: AssertionOutcome[];
  /** How late the run started against its plan (scheduler lag), ms. */
  lagMs?: number;
  /** Why the earlier attempts failed, when the run was retried. */
  attemptErrors?: string[];
  certs?: CertInfo[];
  junit?: JUnitRunDetail;
}

export interface CanaryRunRecord {
  canaryId: string;
  /** When the run started (checks) or the report was received (suites). */
  at: number;
  receivedAt: number;
  outcome: ResultOutcome;
  classification: FailureClass | null;
  message: string | null;
  latencyMs: number | null;
  attempts: number;
  retried: boolean;
  /** Received during a maintenance window. */
  maintenance: boolean;
  detail: CanaryRunDetail | null;
}

export interface CanaryRollup {
  /** Start of the hour, epoch ms (UTC). */
  hour: number;
  runs: number;
  passes: number;
  failures: number;
  /** Passed only on a retry. */
  flaky: number;
  latencyAvgMs: number | null;
  latencyMaxMs: number | null;
  /** Time after a passing / failing run within the hour (maintenance and silence excluded). */
  upMs: number;
  downMs: number;
}

// ---- the board ------------------------------------------------------------------------------

/** p pass, r passed on a retry (flaky), f fail, e error; in capitals when run during maintenance. */
export type HistoryCode = 'p' | 'r' | 'f' | 'e' | 'P' | 'R' | 'F' | 'E';
/** [ms before `history.end`, code, latency ms]. */
export type HistoryPoint = [agoMs: number, code: HistoryCode, latencyMs: number | null];

export interface CanaryLastRun {
  at: number;
  outcome: ResultOutcome;
  classification: FailureClass | null;
  message: string | null;
  latencyMs: number | null;
  attempts: number;
  retried: boolean;
  timings: CanaryTimings | null;
  lagMs: number | null;
  /** The assertions that failed (the first 5): expected vs actual for the tile. */
  failed: AssertionOutcome[];
  junit: Omit<JUnitRunDetail, 'failing' | 'warnings' | 'source' | 'file' | 'historyOnly'> & { failingNames: string[] } | null;
}

export interface CanaryBoardEntry {
  id: string;
  kind: 'check' | 'suite' | 'probe';
  name: string;
  description: string | null;
  /** The runbook for this check failing (http(s)), from the workspace. */
  runbook: string | null;
  service: string | null;
  journey: string | null;
  critical: boolean;
  /** false: a suite that reported under a name the workspace does not list. */
  configured: boolean;
  /** Checks: "GET https://host/path" of the first step. */
  target: string | null;
  /** How often it runs / a report is expected; null when nothing is scheduled. */
  intervalMs: number | null;
  status: CanaryStatus;
  health: CanaryHealth;
  /** Towards confirming a failure, with its words ("2 of 3 failed"). */
  progress: (ConfirmProgress & { text: string }) | null;
  failingSince: number | null;
  confirmedAt: number | null;
  recovered: { failingSince: number; recoveredAt: number } | null;
  lastResultAt: number | null;
  last: CanaryLastRun | null;
  /** The history strip: the last `max` runs, each relative to `end` (the newest run's time). */
  history: { end: number; max: number; runs: HistoryPoint[] };
  ack: Acknowledgement | null;
  maintenance: { windowIds: string[]; reasons: string[]; startedAt: number; endsAt: number | null } | null;
  nextMaintenance: { id: string; startsAt: number; endsAt: number; reason: string | null } | null;
  lastDigest: { endedAt: number; summary: string } | null;
  /** Time-based uptime and the run pass ratio over `windowMs` (maintenance excluded); null = no data. */
  uptime: { uptime: number | null; passRatio: number | null; windowMs: number };
  /** The soonest-expiring certificate seen on the last run, and whether it is within the warning period. */
  cert: (CertInfo & { warn: boolean }) | null;
}

export interface SchedulerStats {
  checks: number;
  running: number;
  queued: number;
  concurrency: number;
  /** How late runs started against their plan, over the last 5 minutes. */
  lagMs: { p50: number | null; p99: number | null; max: number | null; samples: number };
  /** Runs not started because the previous run of the same check was still going. */
  skipped: number;
  runs: number;
}

/** The canaries confirmed failing (in maintenance too: the reader decides), as of `at`. */
export interface CanarySummary {
  at: number;
  failing: CanaryBoardEntry[];
  /**
   * The ids of the canaries whose confirmed failure went stale (no result since, the failure still
   * open): not failing now, not recovered either, so a wall keeps an operator's release of them.
   */
  staleFailing: string[];
}

export interface CanaryBoard {
  /** The delta sequence this board is current to. */
  seq: number;
  /** The hub's clock. */
  at: number;
  entries: CanaryBoardEntry[];
  scheduler: SchedulerStats;
  /** The last notices (certificate expiry, maintenance digests; newest last): what a screen that asked late missed. */
  notices: CanaryNotice[];
}

/** How many notices a board keeps. */
export const BOARD_NOTICES = 20;

/** [canary id, run time, code, latency ms]: a run that did not change its tile. */
export type RunTick = [id: string, at: number, code: HistoryCode, latencyMs: number | null];

export interface CanaryAlertNotice {
  id: string;
  name: string;
  critical: boolean;
  kind: CanaryAlertKind;
  at: number;
  message: string;
}

export interface CanaryNotice {
  id: string;
  kind: 'cert-expiry' | 'maintenance-digest';
  at: number;
  message: string;
  digest?: MaintenanceDigest;
}

export interface CanaryDelta {
  seq: number;
  at: number;
  /** Full entries of the canaries whose tile changed (new ones included). */
  changed: CanaryBoardEntry[];
  /** Runs of canaries whose tile did not otherwise change. */
  runs: RunTick[];
  /** Canaries no longer on the board (removed from the workspace). */
  removed: string[];
  alerts: CanaryAlertNotice[];
  notices: CanaryNotice[];
  /** At most every few seconds. */
  scheduler?: SchedulerStats;
}

/** The andon prompt: a critical check confirmed failing, still failing after a snooze, or recovered. */
export interface CanaryAndon {
  id: string;
  name: string;
  service: string | null;
  journey: string | null;
  kind: 'failure' | 'reminder' | 'recovery';
  at: number;
  failingSince: number | null;
  incidentSeq: number | null;
  message: string;
  /** The check's runbook, when the workspace names one. */
  runbook?: string;
  /** The incident this failure already has (declared by the check's `autoDeclare`, or by a person for it). */
  declaredIncidentId?: string;
}

/** How long a title made from a check may get: read in the console's header and the walls' banner. */
const TITLE_CHARS = 100;

/**
 * The title of an incident declared from a canary: the check and its first failed assertion
 * ("Login failing: log in: expected status 200, got 403"), not the whole check message with its
 * run counts and "(and 2 more failed assertions)": those stay in the note the incident starts with.
 */
export function canaryIncidentTitle(name: string, message: string): string {
  // "confirmed failing: <runs> (<class>: <first failure> (and N more failed assertions))": the last
  // group, matched from the end (an earlier one, "… ended (failing for 12 min) (…)", is not it).
  let detail = finalGroup(message) ?? message;
  const label = Object.values(failureClassLabels).find((l) => detail.startsWith(`${l}: `));
  // An assertion says what failed on its own; a timeout or a DNS failure keeps its class.
  if (label && /expected .*, got /.test(detail)) detail = detail.slice(label.length + 2);
  detail = detail.replace(/ \(and \d+ more failed assertions?\)$/, '');
  const title = `${name} failing: ${detail.trim()}`.replace(/\s+/g, ' ');
  return title.length <= TITLE_CHARS ? title : `${title.slice(0, TITLE_CHARS - 1).trimEnd()}…`;
}

/** What the message's last parenthesised group holds, nested groups and all; null when it ends otherwise. */
function finalGroup(message: string): string | null {
  if (!message.endsWith(')')) return null;
  let depth = 0;
  for (let i = message.length - 1; i >= 0; i--) {
    if (message[i] === ')') depth++;
    else if (message[i] === '(' && --depth === 0) return message.slice(i + 1, -1);
  }
  return null;
}

/** The console name a canary's own entries carry in an incident's timeline ("canary:login"). */
export const canaryConsole = (canaryId: string): string => `canary:${canaryId}`.slice(0, 64);

// ---- replies --------------------------------------------------------------------------------

export interface CanaryEntryReply {
  entry: CanaryBoardEntry;
}

/** The answer to a JUnit ingest (REST): the parsed summary. */
export const junitIngestReplySchema = z.object({
  suite: z.string().describe('The canary the report was recorded on.'),
  tests: z.number(),
  passed: z.number(),
  failed: z.number(),
  errored: z.number(),
  skipped: z.number(),
  flaky: z.number(),
  durationMs: z.number(),
  failing: z.array(z.string()).describe('The failing and erroring cases, "classname name" (the first 100).'),
  warnings: z.array(z.string()),
  status: z.string().describe("The suite's tile status after this report."),
  at: z.number().describe('When the run is dated (epoch ms).'),
  dated: z.enum(['report', 'file', 'read']).describe("What that was read from: the report's timestamp, the file's mtime, or its arrival."),
  historyOnly: z.string().optional().describe("Set when the report joined the suite's history without moving its tile: why."),
  note: z.string().optional().describe("Why the report's own timestamp was not used, when it had one."),
});
export type JUnitIngestReply = z.output<typeof junitIngestReplySchema>;

// ---- helpers for clients --------------------------------------------------------------------

/** Worst first: the order a board sorts tiles in ("failing first"). */
export const statusRank: Readonly<Record<CanaryStatus, number>> = {
  'failing-confirmed': 0,
  'failing-unconfirmed': 1,
  stale: 2,
  degraded: 3,
  flaky: 4,
  acknowledged: 5,
  maintenance: 6,
  pending: 7,
  passing: 8,
};

export function historyCode(outcome: ResultOutcome, retried: boolean, maintenance: boolean): HistoryCode {
  const code = outcome === 'pass' ? (retried ? 'r' : 'p') : outcome === 'fail' ? 'f' : 'e';
  return (maintenance ? code.toUpperCase() : code) as HistoryCode;
}

/** The history strip as absolute runs, oldest first. */
export function expandHistory(entry: Pick<CanaryBoardEntry, 'history'>): { at: number; outcome: ResultOutcome; retried: boolean; maintenance: boolean; latencyMs: number | null }[] {
  return entry.history.runs.map(([ago, code, latencyMs]) => {
    const lower = code.toLowerCase();
    return {
      at: entry.history.end - ago,
      outcome: lower === 'f' ? 'fail' : lower === 'e' ? 'error' : 'pass',
      retried: lower === 'r',
      maintenance: code !== lower,
      latencyMs,
    };
  });
}

/** Where each id sits in a board's entries; shared by the boards that deltas derive (same ids, same places). */
const entryIndexes = new WeakMap<readonly CanaryBoardEntry[], ReadonlyMap<string, number>>();

/** The place of each id in `entries` (built once per entries array, then carried from delta to delta). */
export function canaryEntryIndex(entries: readonly CanaryBoardEntry[]): ReadonlyMap<string, number> {
  let index = entryIndexes.get(entries);
  if (!index) {
    index = new Map(entries.map((e, i) => [e.id, i]));
    entryIndexes.set(entries, index);
  }
  return index;
}

/** A run that did not change its tile: on the strip (the last `max` runs) and as the last run. */
function withRun(e: CanaryBoardEntry, at: number, code: HistoryCode, latencyMs: number | null): CanaryBoardEntry {
  const { end: oldEnd, max, runs: old } = e.history;
  const end = Math.max(at, oldEnd);
  // The strip relative to the new end, oldest dropped past `max` (one array: a delta carries hundreds of runs).
  const from = Math.max(0, old.length + 1 - max);
  const runs: HistoryPoint[] = [];
  for (let i = from; i < old.length; i++) {
    const [ago, c, l] = old[i]!;
    runs.push([end - (oldEnd - ago), c, l]);
  }
  if (max > 0) runs.push([end - at, code, latencyMs]);
  const lower = code.toLowerCase();
  return {
    ...e,
    lastResultAt: at,
    last: e.last && {
      ...e.last,
      at,
      latencyMs,
      outcome: lower === 'f' ? 'fail' : lower === 'e' ? 'error' : 'pass',
      retried: lower === 'r',
    },
    history: { end, max, runs },
  };
}

/**
 * Apply a delta to a board (returns a new board). Returns null when the delta does not follow the
 * board (a gap in seq): ask for the board again.
 *
 * Structural sharing: the new board's entries are the old ones (same objects) except those the
 * delta touched, in the same places, so the work is the delta's size, not the board's (beyond
 * copying the array of references); screens tell what changed by identity.
 */
export function applyCanaryDelta(board: CanaryBoard, delta: CanaryDelta): CanaryBoard | null {
  if (delta.seq <= board.seq) return board;
  if (delta.seq !== board.seq + 1) return null;
  let index = canaryEntryIndex(board.entries);
  let entries: CanaryBoardEntry[];
  const reappears = new Set(delta.changed.map((e) => e.id));
  const removed = delta.removed.filter((id) => index.has(id) && !reappears.has(id));
  const added = delta.changed.filter((e) => !index.has(e.id));
  if (removed.length === 0 && added.length === 0) {
    entries = board.entries.slice();
  } else {
    // The set of canaries changed (a workspace reload): the rare case that rebuilds the index.
    const gone = new Set(removed);
    entries = board.entries.filter((e) => !gone.has(e.id));
    const fresh = new Set<string>();
    for (const e of added) {
      if (fresh.has(e.id)) continue;
      fresh.add(e.id);
      entries.push(e);
    }
    index = new Map(entries.map((e, i) => [e.id, i]));
  }
  for (const e of delta.changed) entries[index.get(e.id)!] = e;
  for (const [id, at, code, latencyMs] of delta.runs) {
    const i = index.get(id);
    if (i === undefined) continue; // unknown
    const e = entries[i]!;
    if (e.history.runs.length > 0 && at <= e.history.end) continue; // already on the strip
    entries[i] = withRun(e, at, code, latencyMs);
  }
  entryIndexes.set(entries, index);
  const notices = delta.notices.length === 0 ? board.notices : [...board.notices, ...delta.notices].slice(-BOARD_NOTICES);
  return { seq: delta.seq, at: delta.at, entries, scheduler: delta.scheduler ?? board.scheduler, notices };
}
