/**
 * The canary state model: one pure reducer that turns results, ticks, maintenance windows and
 * acknowledgements into the state a tile shows and the alerts the room receives.
 *
 *   nextCanaryState(previous, event, config, now) → { state, alerts, digest }
 *
 * Rules (each has a test in state.test.ts, driven by a controllable clock):
 * - A single failed run never alerts. A failure is confirmed by `confirm.consecutive` failed runs
 *   in a row, or by `confirm.window.failures` of the last `confirm.window.of` runs (the 1-in-3
 *   failure behind a load balancer never makes a streak), whichever fires first. Until then the
 *   state is failing-unconfirmed with its progress ("2 of 3 failed").
 * - Alerts: one `failure` per incident, when it is confirmed (not on every failed run after it);
 *   one `recovery` when a confirmed incident that alerted closes; never during maintenance, never
 *   while acknowledged. A snooze that ends on a still-failing check sends a `reminder`.
 * - An incident closes after `recoverAfter` passing runs in a row, once the window rule no longer
 *   holds. "Failing since" is the first failure of the run of failures that confirmed it.
 * - Stale: no result for expectedIntervalMs × staleGrace. An open incident stays open while stale
 *   (nothing is known to have recovered); `alertOnStale` sends one `stale` alert.
 * - Maintenance: checks keep running and the state keeps moving, but the tile says maintenance and
 *   nothing alerts. When the window ends there is one digest of what happened, then whatever is
 *   still owed: a `failure` for an incident that is confirmed and was never announced, a
 *   `recovery` for an announced incident that closed during the window. An incident announced
 *   before the window and still failing after it is not announced again.
 * - Acknowledgement (who, until when, or until recovery) covers the current problem and ends with
 *   it: a later incident alerts again.
 * - Uptime is time-based (time after a passing run ÷ time after any run, excluding maintenance and
 *   stale time) over `uptimeWindowMs`, in 96 buckets, so it is exact to within one bucket; the pass
 *   ratio counts runs over the same buckets. Both exclude results received during maintenance.
 */
import type {
  CanaryAlert,
  CanaryConfig,
  CanaryEvent,
  CanaryHealth,
  CanaryIncident,
  CanaryResult,
  CanaryState,
  CanaryStatus,
  ConfirmProgress,
  FailureClass,
  HistoryEntry,
  MaintenanceDigest,
  MaintenanceWindow,
  UptimeBucket,
} from '../../model/canary.ts';
import { failureClassLabels } from '../../model/canary.ts';
import { formatAge } from '../freshness.ts';

export interface CanaryTransition {
  state: CanaryState;
  alerts: CanaryAlert[];
  /** Set when a maintenance window ended with this event. */
  digest: MaintenanceDigest | null;
}

/** Buckets per uptime window. */
export const UPTIME_BUCKETS = 96;
/** Scheduled maintenance windows kept per check; more are ignored. */
export const MAX_WINDOWS = 50;
const MAX_TRANSITIONS = 50;

export function createCanaryState(now: number): CanaryState {
  return {
    health: 'pending',
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    lastResultAt: null,
    lastResult: null,
    failStreak: 0,
    passStreak: 0,
    slowStreak: 0,
    progress: null,
    incident: null,
    incidentSeq: 0,
    recovered: null,
    history: [],
    ack: null,
    windows: [],
    maintenance: null,
    staleAlerted: false,
    uptime: [],
  };
}

/**
 * The state moved by `deltaMs` after the hub's clock stepped (an NTP correction, a VM resumed), so
 * that it reads as if taken on the new clock: staleness and snoozes then count the time that
 * really passed, not what the clock says passed. Maintenance windows are set by the calendar and
 * the uptime buckets are already counted, so they stay.
 */
export function rebaseCanaryState(state: CanaryState, deltaMs: number): CanaryState {
  const s = clone(state);
  const move = (t: number) => t + deltaMs;
  s.createdAt = move(s.createdAt);
  s.updatedAt = move(s.updatedAt);
  if (s.lastResultAt !== null) s.lastResultAt = move(s.lastResultAt);
  if (s.lastResult) s.lastResult.at = move(s.lastResult.at);
  s.history = s.history.map((h) => ({ ...h, at: move(h.at) }));
  if (s.ack) {
    s.ack.at = move(s.ack.at);
    if (s.ack.until !== null) s.ack.until = move(s.ack.until);
  }
  if (s.incident) {
    s.incident.failingSince = move(s.incident.failingSince);
    if (s.incident.confirmedAt !== null) s.incident.confirmedAt = move(s.incident.confirmedAt);
    if (s.incident.alertedAt !== null) s.incident.alertedAt = move(s.incident.alertedAt);
  }
  if (s.recovered) s.recovered = { ...s.recovered, failingSince: move(s.recovered.failingSince), recoveredAt: move(s.recovered.recoveredAt) };
  return s;
}

// ---- helpers --------------------------------------------------------------------------------

const isFailure = (e: { outcome: string }) => e.outcome !== 'pass';

function clone(s: CanaryState): CanaryState {
  return {
    ...s,
    lastResult: s.lastResult && { ...s.lastResult },
    progress: s.progress && { ...s.progress },
    incident: s.incident && { ...s.incident },
    recovered: s.recovered && { ...s.recovered },
    history: [...s.history],
    ack: s.ack && { ...s.ack },
    windows: [...s.windows],
    maintenance: s.maintenance && {
      ...s.maintenance,
      windowIds: [...s.maintenance.windowIds],
      reasons: [...s.maintenance.reasons],
      failuresByClass: { ...s.maintenance.failuresByClass },
      transitions: [...s.maintenance.transitions],
      incidentBefore: s.maintenance.incidentBefore && { ...s.maintenance.incidentBefore },
    },
    uptime: s.uptime.map((b) => ({ ...b })),
  };
}

function staleAfterMs(config: CanaryConfig): number | null {
  return config.expectedIntervalMs === null ? null : config.expectedIntervalMs * config.staleGrace;
}

/** When the state goes (or went) stale without a new result; null if it never will. */
function staleAt(s: CanaryState, config: CanaryConfig): number | null {
  const after = staleAfterMs(config);
  return after === null ? null : (s.lastResultAt ?? s.createdAt) + after;
}

function isStale(s: CanaryState, config: CanaryConfig, now: number): boolean {
  const at = staleAt(s, config);
  return at !== null && now > at;
}

const activeWindows = (windows: readonly MaintenanceWindow[], now: number) => windows.filter((w) => w.startsAt <= now && now < w.endsAt);

function windowFailures(history: readonly HistoryEntry[], of: number): number {
  let n = 0;
  for (let i = Math.max(0, history.length - of); i < history.length; i++) if (isFailure(history[i]!)) n++;
  return n;
}

function historyCap(config: CanaryConfig): number {
  return Math.max(config.historySize, config.confirm.window?.of ?? 0, config.confirm.consecutive ?? 0);
}

function alert(kind: CanaryAlert['kind'], now: number, incident: CanaryIncident | null, message: string): CanaryAlert {
  return { kind, at: now, incidentSeq: incident?.seq ?? null, failingSince: incident?.failingSince ?? null, message };
}

/** " (HTTP error: expected status 200, got 503)": what failed last, or nothing. */
export function describeFailure(incident: CanaryIncident): string {
  const cls = incident.lastClassification ? failureClassLabels[incident.lastClassification] : null;
  const detail = [cls, incident.lastMessage].filter((x): x is string => !!x).join(': ');
  return detail === '' ? '' : ` (${detail})`;
}

/** "2 of 3 failed" or "3 of the last 10 failed (4 confirm)". */
export function describeProgress(p: ConfirmProgress): string {
  return p.rule === 'consecutive' ? `${p.failed} of ${p.needed} failed` : `${p.failed} of the last ${p.of} failed (${p.needed} confirm)`;
}

// ---- uptime ---------------------------------------------------------------------------------

function bucketMsOf(config: CanaryConfig): number {
  return Math.max(1000, Math.floor(config.uptimeWindowMs / UPTIME_BUCKETS));
}

function bucketFor(buckets: UptimeBucket[], t: number, bucketMs: number): UptimeBucket {
  const start = Math.floor(t / bucketMs) * bucketMs;
  const last = buckets.at(-1);
  if (last && last.start === start) return last;
  const existing = buckets.find((b) => b.start === start);
  if (existing) return existing;
  const b: UptimeBucket = { start, upMs: 0, downMs: 0, passes: 0, failures: 0 };
  buckets.push(b);
  buckets.sort((x, y) => x.start - y.start);
  return b;
}

/** Adds [from, to) to the buckets as up, down or nothing, cutting at maintenance and staleness. */
function accrue(s: CanaryState, config: CanaryConfig, from: number, to: number): void {
  const bucketMs = bucketMsOf(config);
  if (s.uptime.length > 0 && s.uptime.some((b) => b.start % bucketMs !== 0)) s.uptime = []; // the window was reconfigured
  const start = Math.max(from, to - config.uptimeWindowMs);
  if (to <= start || s.lastResult === null) return;
  const down = isFailure(s.lastResult);
  const cuts = new Set<number>([start, to]);
  const stale = staleAt(s, config);
  if (stale !== null && stale > start && stale < to) cuts.add(stale);
  for (const w of s.windows) {
    if (w.startsAt > start && w.startsAt < to) cuts.add(w.startsAt);
    if (w.endsAt > start && w.endsAt < to) cuts.add(w.endsAt);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if ((stale !== null && a >= stale) || s.windows.some((w) => w.startsAt <= a && a < w.endsAt)) continue;
    for (let t = a; t < b; ) {
      const bucket = bucketFor(s.uptime, t, bucketMs);
      const end = Math.min(b, bucket.start + bucketMs);
      if (down) bucket.downMs += end - t;
      else bucket.upMs += end - t;
      t = end;
    }
  }
}

function prune(s: CanaryState, config: CanaryConfig, now: number): void {
  const bucketMs = bucketMsOf(config);
  const from = now - config.uptimeWindowMs;
  if (s.uptime.length > 0 && s.uptime[0]!.start + bucketMs <= from) s.uptime = s.uptime.filter((b) => b.start + bucketMs > from);
}

export interface UptimeFigures {
  /** Time-based: up ÷ (up + down); null when nothing was measured. */
  uptime: number | null;
  /** Passing runs ÷ runs; null when there were none. */
  passRatio: number | null;
  upMs: number;
  downMs: number;
  passes: number;
  failures: number;
}

/** Uptime and pass ratio over the configured window, as of `now` (the state is not changed). */
export function uptimeOf(state: CanaryState, config: CanaryConfig, now: number): UptimeFigures {
  const s = clone(state);
  if (now > s.updatedAt) accrue(s, config, s.updatedAt, now);
  prune(s, config, now);
  let upMs = 0;
  let downMs = 0;
  let passes = 0;
  let failures = 0;
  for (const b of s.uptime) {
    upMs += b.upMs;
    downMs += b.downMs;
    passes += b.passes;
    failures += b.failures;
  }
  return {
    uptime: upMs + downMs === 0 ? null : upMs / (upMs + downMs),
    passRatio: passes + failures === 0 ? null : passes / (passes + failures),
    upMs,
    downMs,
    passes,
    failures,
  };
}

// ---- health ---------------------------------------------------------------------------------

function deriveHealth(s: CanaryState, config: CanaryConfig, now: number): CanaryHealth {
  if (isStale(s, config, now)) return 'stale';
  const last = s.lastResult;
  if (last === null) return 'pending';
  if (s.incident?.confirmedAt != null) return 'failing-confirmed';
  if (isFailure(last)) return 'failing-unconfirmed';
  if (last.retried) return 'flaky';
  if (config.warnLatencyMs !== null && s.slowStreak >= config.degradeAfter) return 'degraded';
  return 'passing';
}

function deriveProgress(s: CanaryState, config: CanaryConfig): ConfirmProgress | null {
  if (s.incident === null || s.incident.confirmedAt !== null) return null;
  const options: ConfirmProgress[] = [];
  const { consecutive, window } = config.confirm;
  if (consecutive !== null) options.push({ rule: 'consecutive', failed: s.failStreak, needed: consecutive, of: consecutive });
  if (window !== null) options.push({ rule: 'window', failed: windowFailures(s.history, window.of), needed: window.failures, of: window.of });
  // The rule closest to firing.
  options.sort((a, b) => b.failed / b.needed - a.failed / a.needed);
  return options[0] ?? null;
}

function deriveStatus(s: CanaryState): CanaryStatus {
  if (s.maintenance) return 'maintenance';
  if (s.ack && s.health !== 'passing' && s.health !== 'pending') return 'acknowledged';
  return s.health;
}

// ---- maintenance ----------------------------------------------------------------------------

function openMaintenance(s: CanaryState, active: MaintenanceWindow[]): void {
  s.maintenance = {
    startedAt: Math.min(...active.map((w) => w.startsAt)),
    windowIds: active.map((w) => w.id),
    reasons: active.map((w) => w.reason).filter((r): r is string => r !== undefined),
    healthBefore: s.health,
    runs: 0,
    passes: 0,
    failures: 0,
    failuresByClass: {},
    transitions: [],
    incidentBefore: s.incident ? { seq: s.incident.seq, alertedAt: s.incident.alertedAt } : null,
  };
}

function digestSummary(s: CanaryState, m: NonNullable<CanaryState['maintenance']>, before: { seq: number; alertedAt: number | null } | null, endedAt: number): string {
  const runs = m.runs === 0 ? 'no results arrived' : m.failures === 0 ? `${m.runs} run${m.runs === 1 ? '' : 's'}, all passed` : `${m.failures} of ${m.runs} runs failed`;
  const incident = s.incident;
  if (s.health === 'stale') return `${runs}; stale at the end of the window`;
  if (incident?.confirmedAt != null) {
    const since = `failing for ${formatAge(endedAt - incident.failingSince)}`;
    if (before && before.seq === incident.seq) return `still failing, as before the window (${since}); ${runs}`;
    return `started failing during the window and is still failing (${since}); ${runs}`;
  }
  if (before && (incident === null || incident.seq !== before.seq)) return `recovered during the window; ${runs}`;
  if (m.failures > 0) return `${runs}; passing at the end`;
  return runs;
}

/** Closes the maintenance record if no window is active now; returns the digest and what is owed. */
function closeMaintenance(s: CanaryState, now: number, alerts: CanaryAlert[]): MaintenanceDigest | null {
  const m = s.maintenance;
  if (!m) return null;
  const ended = s.windows.filter((w) => m.windowIds.includes(w.id) && w.endsAt <= now).map((w) => w.endsAt);
  const endedAt = ended.length > 0 ? Math.max(...ended) : now; // cancelled: now
  const before = m.incidentBefore;
  const digest: MaintenanceDigest = {
    windowIds: m.windowIds,
    reasons: m.reasons,
    startedAt: m.startedAt,
    endedAt,
    healthBefore: m.healthBefore,
    healthAfter: s.health,
    runs: m.runs,
    passes: m.passes,
    failures: m.failures,
    failuresByClass: m.failuresByClass,
    transitions: m.transitions,
    summary: digestSummary(s, m, before, endedAt),
  };
  s.maintenance = null;
  // What the window held back.
  const incident = s.incident;
  if (before?.alertedAt != null && (incident === null || incident.seq !== before.seq)) {
    alerts.push({ kind: 'recovery', at: now, incidentSeq: before.seq, failingSince: s.recovered?.seq === before.seq ? s.recovered.failingSince : null, message: 'recovered during the maintenance window' });
  }
  if (incident?.confirmedAt != null && incident.alertedAt === null && s.ack === null) {
    incident.alertedAt = now;
    alerts.push(alert('failure', now, incident, `confirmed failing during the maintenance window, still failing${describeFailure(incident)}`));
  }
  return digest;
}

// ---- the reducer ----------------------------------------------------------------------------

export function nextCanaryState(previous: CanaryState, event: CanaryEvent, config: CanaryConfig, now: number): CanaryTransition {
  const s = clone(previous);
  const alerts: CanaryAlert[] = [];
  let digest: MaintenanceDigest | null = null;
  const t = Math.max(now, previous.updatedAt); // the clock never runs backwards here

  // 1. Time passes: accrue uptime; maintenance windows end and begin.
  if (t > s.updatedAt) accrue(s, config, s.updatedAt, t);
  s.updatedAt = t;
  const healthBefore = previous.health;
  s.health = deriveHealth(s, config, t); // time alone can make it stale
  const boundaries = () => {
    if (s.maintenance && activeWindows(s.windows, t).length === 0) digest = closeMaintenance(s, t, alerts) ?? digest;
    // A window that began and ended between two events still gets its (empty) digest.
    const missed = s.windows.find((w) => w.endsAt <= t && w.startsAt >= previous.updatedAt && !previous.maintenance?.windowIds.includes(w.id));
    if (missed && !digest && !s.maintenance) {
      openMaintenance(s, [missed]);
      digest = closeMaintenance(s, t, alerts);
    }
    s.windows = s.windows.filter((w) => w.endsAt > t);
    const active = activeWindows(s.windows, t);
    if (active.length > 0) {
      if (!s.maintenance) openMaintenance(s, active);
      else {
        for (const w of active) {
          if (!s.maintenance.windowIds.includes(w.id)) {
            s.maintenance.windowIds.push(w.id);
            if (w.reason !== undefined) s.maintenance.reasons.push(w.reason);
          }
        }
      }
    }
  };
  boundaries();

  // 2. A snooze runs out.
  let snoozeEnded: string | null = null;
  if (s.ack && s.ack.until !== null && t >= s.ack.until) {
    snoozeEnded = s.ack.by;
    s.ack = null;
  }

  // 3. The event.
  switch (event.type) {
    case 'result':
      applyResult(s, event, config, t, alerts);
      break;
    case 'tick':
      break;
    case 'maintenance': {
      const others = s.windows.filter((w) => w.id !== event.window.id);
      if (event.window.endsAt > t && others.length < MAX_WINDOWS) s.windows = [...others, event.window].sort((a, b) => a.startsAt - b.startsAt);
      boundaries();
      break;
    }
    case 'maintenance-cancel':
      s.windows = s.windows.filter((w) => w.id !== event.id);
      boundaries();
      break;
    case 'ack': {
      const problem = s.health !== 'passing' && s.health !== 'pending';
      if (problem && (event.until === undefined || event.until > t)) {
        s.ack = { by: event.by, at: t, until: event.until ?? null };
        if (event.note !== undefined) s.ack.note = event.note;
        snoozeEnded = null;
      }
      break;
    }
    case 'unack':
      if (s.ack) {
        s.ack = null;
        snoozeEnded = event.by;
      }
      break;
  }

  // 4. Derive what the tile shows.
  s.health = deriveHealth(s, config, t);
  s.progress = deriveProgress(s, config);
  if (s.health === 'passing' || s.health === 'pending') s.ack = null;
  s.status = deriveStatus(s);
  if (s.maintenance && s.health !== healthBefore && s.maintenance.transitions.length < MAX_TRANSITIONS) {
    s.maintenance.transitions.push({ at: t, from: healthBefore, to: s.health });
  }

  // 5. Alerts that depend on the derived state.
  const quiet = s.maintenance !== null || s.ack !== null;
  if (snoozeEnded !== null && !quiet && s.incident?.confirmedAt != null) {
    const first = s.incident.alertedAt === null;
    s.incident.alertedAt ??= t;
    alerts.push(
      alert(first ? 'failure' : 'reminder', t, s.incident, `${first ? 'confirmed failing' : 'still failing'} after ${snoozeEnded}'s acknowledgement ended (failing for ${formatAge(t - s.incident.failingSince)})${describeFailure(s.incident)}`),
    );
  }
  if (s.health === 'stale' && config.alertOnStale && !s.staleAlerted && !quiet) {
    s.staleAlerted = true;
    const since = s.lastResultAt ?? s.createdAt;
    alerts.push(alert('stale', t, s.incident, `no result for ${formatAge(t - since)} (expected every ${formatAge(config.expectedIntervalMs ?? 0)})`));
  }

  prune(s, config, t);
  return { state: s, alerts, digest };
}

function applyResult(s: CanaryState, r: CanaryResult, config: CanaryConfig, now: number, alerts: CanaryAlert[]): void {
  const failed = r.outcome !== 'pass';
  const entry: HistoryEntry = { at: r.at ?? now, outcome: r.outcome };
  if (r.classification !== undefined && failed) entry.classification = r.classification;
  if (r.latencyMs !== undefined) entry.latencyMs = r.latencyMs;
  if (r.retried) entry.retried = true;
  if (s.maintenance) entry.maintenance = true;

  const wasStale = s.staleAlerted;
  s.staleAlerted = false;
  s.lastResult = entry;
  s.lastResultAt = now;
  s.history.push(entry);
  const cap = historyCap(config);
  if (s.history.length > cap) s.history.splice(0, s.history.length - cap);

  if (failed) {
    s.failStreak++;
    s.passStreak = 0;
    s.slowStreak = 0;
  } else {
    s.passStreak++;
    s.failStreak = 0;
    s.slowStreak = config.warnLatencyMs !== null && r.latencyMs !== undefined && r.latencyMs > config.warnLatencyMs ? s.slowStreak + 1 : 0;
  }

  if (s.maintenance) {
    s.maintenance.runs++;
    if (failed) {
      s.maintenance.failures++;
      const cls: FailureClass = r.classification ?? 'error';
      s.maintenance.failuresByClass[cls] = (s.maintenance.failuresByClass[cls] ?? 0) + 1;
    } else s.maintenance.passes++;
  } else {
    const bucket = bucketFor(s.uptime, now, bucketMsOf(config));
    if (failed) bucket.failures++;
    else bucket.passes++;
  }

  const { consecutive, window } = config.confirm;
  const inWindow = window === null ? 0 : windowFailures(s.history, window.of);
  const quiet = s.maintenance !== null || s.ack !== null;

  if (failed) {
    if (s.incident === null) {
      s.incidentSeq++;
      s.incident = { seq: s.incidentSeq, failingSince: entry.at, confirmedAt: null, alertedAt: null };
    }
    const incident = s.incident;
    if (r.message !== undefined) incident.lastMessage = r.message;
    else delete incident.lastMessage;
    if (r.classification !== undefined) incident.lastClassification = r.classification;
    else delete incident.lastClassification;
    if (incident.confirmedAt === null) {
      // Until confirmed, "failing since" is the start of the current streak of failures.
      incident.failingSince = s.history[s.history.length - Math.min(s.failStreak, s.history.length)]!.at;
      const byStreak = consecutive !== null && s.failStreak >= consecutive;
      const byWindow = window !== null && inWindow >= window.failures;
      if (byStreak || byWindow) {
        incident.confirmedAt = now;
        if (!byStreak && window !== null) {
          // The earliest failure among the runs that confirmed it.
          const recent = s.history.slice(-window.of);
          incident.failingSince = recent.find(isFailure)!.at;
        }
        if (!quiet) {
          incident.alertedAt = now;
          const rule = byStreak ? `${s.failStreak} consecutive failed runs` : `${inWindow} of the last ${window!.of} runs failed`;
          alerts.push(alert('failure', now, incident, `confirmed failing: ${rule}${describeFailure(incident)}`));
        }
      }
    }
  } else if (s.incident !== null) {
    const incident = s.incident;
    const windowHolds = window !== null && inWindow >= window.failures;
    if (incident.confirmedAt === null) {
      // An unconfirmed failure ends with a pass, unless the window rule still counts it.
      if (window === null || inWindow === 0) s.incident = null;
    } else if (s.passStreak >= config.recoverAfter && !windowHolds) {
      s.recovered = { seq: incident.seq, failingSince: incident.failingSince, recoveredAt: now };
      s.incident = null;
      s.ack = null;
      if (incident.alertedAt !== null && s.maintenance === null) {
        alerts.push(alert('recovery', now, incident, `recovered after ${formatAge(now - incident.failingSince)}`));
      }
    }
  }
  if (!failed && wasStale && s.incident === null && s.maintenance === null) {
    alerts.push(alert('recovery', now, null, 'reporting again'));
  }
}
