/**
 * A canary's tile as the board shows it, built from its state (the reducer's), its configuration
 * and what the hub keeps beside the state (the last run's timings and failed assertions, the
 * certificates seen, the last maintenance digest). And the tile's signature: what, when it
 * changes, makes the tile worth sending again (a run that changes nothing else is a run tick).
 */
import type { CanaryState } from '../../../shared/model/canary.ts';
import type { ResolvedCanary } from '../../../shared/model/canary-checks.ts';
import { describeProgress, uptimeOf } from '../../../shared/domain/canaries/state.ts';
import {
  historyCode,
  type AssertionOutcome,
  type CanaryAndon,
  type CanaryBoardEntry,
  type CanaryLastRun,
  type CanaryTimings,
  type CertInfo,
  type HistoryPoint,
  type JUnitRunDetail,
} from '../../../shared/protocol/canaries.ts';

/** Kept beside the state model's state, per canary (and in its snapshot). */
export interface CanaryExtra {
  last: {
    at: number;
    attempts: number;
    timings: CanaryTimings | null;
    lagMs: number | null;
    failed: AssertionOutcome[];
    junit: JUnitRunDetail | null;
  } | null;
  /** The certificates seen on the last run that had any. */
  certs: CertInfo[];
  lastDigest: { endedAt: number; summary: string } | null;
  /**
   * The incident the check's last failure belongs to: declared by itself (`auto`), from its
   * prompt, or linked by a person. While it is open, later failures go to it.
   */
  incident?: { incidentSeq: number; incidentId: string } | null;
  /** Before the incident above: only the incidents declared by themselves (read from old snapshots). */
  autoDeclared?: { incidentSeq: number; incidentId: string } | null;
  /** The andon prompt still outstanding: a confirmed failure nobody has acknowledged yet. */
  andon?: CanaryAndon | null;
}

export const emptyExtra = (): CanaryExtra => ({ last: null, certs: [], lastDigest: null, incident: null, andon: null });

/**
 * Whether a canary's andon prompt still stands: it is critical, the failure it was raised for is
 * still open, and nobody has acknowledged (or snoozed) it. Declaring from the prompt acknowledges.
 */
export function andonStands(c: CanaryRecord, andon: CanaryAndon): boolean {
  return c.config.critical && c.state.ack === null && c.state.incident !== null && c.state.incident.seq === andon.incidentSeq;
}

export interface CanaryRecord {
  id: string;
  config: ResolvedCanary;
  configured: boolean;
  state: CanaryState;
  extra: CanaryExtra;
}

function target(config: ResolvedCanary): string | null {
  if (config.kind === 'probe') return `blackbox ${config.instance}${config.job ? ` (job ${config.job})` : ''}`;
  if (config.kind !== 'check') return null;
  const first = config.steps[0]!;
  const url = first.request.url.replace(/\?.*$/, '');
  return `${first.request.method} ${url}${config.steps.length > 1 ? ` (+${config.steps.length - 1} step${config.steps.length > 2 ? 's' : ''})` : ''}`;
}

export function buildEntry(c: CanaryRecord, now: number): CanaryBoardEntry {
  const s = c.state;
  const cfg = c.config;
  const end = s.history.at(-1)?.at ?? now;
  const runs: HistoryPoint[] = s.history.map((h) => [end - h.at, historyCode(h.outcome, h.retried === true, h.maintenance === true), h.latencyMs === undefined ? null : Math.round(h.latencyMs)]);
  const figures = uptimeOf(s, cfg.state, now);
  const windows = s.maintenance ? s.windows.filter((w) => s.maintenance!.windowIds.includes(w.id)) : [];
  const upcoming = s.windows.find((w) => w.startsAt > now);
  const cert = c.extra.certs.length === 0 ? null : c.extra.certs.reduce((a, b) => (b.validTo < a.validTo ? b : a));
  const warnDays = cfg.kind === 'check' ? cfg.certExpiryWarnDays : 0;
  const xl = c.extra.last;
  const lr = s.lastResult;
  let last: CanaryLastRun | null = null;
  if (lr) {
    const same = xl !== null && xl.at === lr.at;
    const junit = same && xl.junit ? xl.junit : null;
    last = {
      at: lr.at,
      outcome: lr.outcome,
      classification: lr.classification ?? null,
      message: lr.outcome === 'pass' ? null : (s.incident?.lastMessage ?? null),
      latencyMs: lr.latencyMs === undefined ? null : Math.round(lr.latencyMs * 10) / 10,
      attempts: same ? xl.attempts : 1,
      retried: lr.retried === true,
      timings: same ? xl.timings : null,
      lagMs: same ? xl.lagMs : null,
      failed: same ? xl.failed : [],
      junit: junit && {
        tests: junit.tests,
        passed: junit.passed,
        failed: junit.failed,
        errored: junit.errored,
        skipped: junit.skipped,
        flaky: junit.flaky,
        durationMs: junit.durationMs,
        failingNames: junit.failing.slice(0, 10).map((f) => f.name),
      },
    };
  }
  return {
    id: c.id,
    kind: cfg.kind,
    name: cfg.name,
    description: cfg.description,
    runbook: cfg.runbook,
    service: cfg.service,
    journey: cfg.journey,
    critical: cfg.critical,
    configured: c.configured,
    target: target(cfg),
    intervalMs: cfg.state.expectedIntervalMs,
    status: s.status,
    health: s.health,
    progress: s.progress && { ...s.progress, text: describeProgress(s.progress) },
    failingSince: s.incident?.failingSince ?? null,
    confirmedAt: s.incident?.confirmedAt ?? null,
    recovered: s.recovered && { failingSince: s.recovered.failingSince, recoveredAt: s.recovered.recoveredAt },
    lastResultAt: s.lastResultAt,
    last,
    // As many runs as the state model keeps (a k-of-n window may keep more than historySize).
    history: { end, max: Math.max(cfg.state.historySize, cfg.state.confirm.window?.of ?? 0, cfg.state.confirm.consecutive ?? 0), runs },
    ack: s.ack,
    maintenance: s.maintenance && {
      windowIds: s.maintenance.windowIds,
      reasons: s.maintenance.reasons,
      startedAt: s.maintenance.startedAt,
      endsAt: windows.length === 0 ? null : Math.max(...windows.map((w) => w.endsAt)),
    },
    nextMaintenance: upcoming ? { id: upcoming.id, startsAt: upcoming.startsAt, endsAt: upcoming.endsAt, reason: upcoming.reason ?? null } : null,
    lastDigest: c.extra.lastDigest,
    uptime: { uptime: round4(figures.uptime), passRatio: round4(figures.passRatio), windowMs: cfg.state.uptimeWindowMs },
    cert: cert && { ...cert, daysLeft: Math.floor(((cert.validTo - now) / 86_400_000) * 10) / 10, warn: warnDays > 0 && cert.validTo - now < warnDays * 86_400_000 },
  };
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/**
 * The parts of a tile that make it worth sending whole. Run-to-run figures (latency, timings,
 * history, lag) travel as run ticks; uptime only when it moves by 0.1%.
 */
export function signatureOf(e: CanaryBoardEntry): string {
  return JSON.stringify([
    e.name,
    e.description,
    e.runbook,
    e.service,
    e.journey,
    e.critical,
    e.configured,
    e.target,
    e.intervalMs,
    e.status,
    e.health,
    e.progress,
    e.failingSince,
    e.confirmedAt,
    e.recovered,
    e.ack,
    e.maintenance,
    e.nextMaintenance,
    e.lastDigest,
    e.last && [e.last.outcome, e.last.classification, e.last.message, e.last.retried, e.last.failed, e.last.junit],
    e.uptime.uptime === null ? null : Math.round(e.uptime.uptime * 1000),
    e.uptime.passRatio === null ? null : Math.round(e.uptime.passRatio * 1000),
    e.cert && [e.cert.fingerprint, e.cert.warn],
  ]);
}
