/**
 * The canaries in the hub: every check and suite held in memory with its state-model state
 * (nextCanaryState is the only thing that changes it), runs scheduled and recorded, JUnit reports
 * ingested, maintenance windows fed in, acks and snoozes applied, and what moved sent out as
 * deltas (coalesced over a short window) and andon prompts.
 *
 * Durability: runs are written in batches (one transaction a second) with their hourly rollups;
 * a JUnit report is written before its ingest is answered (from the watched folder, with the key
 * of its bytes, so it is never ingested twice); each canary's state is snapshotted every 30 s (and
 * at once after an ack), and rebuilt at start from its snapshot plus the runs received after it.
 *
 * The service holds the canaries and every change of their state; beside it: writes.ts (the
 * batched writes and snapshots), history.ts (runs as rows of the history), deltas.ts (what goes out
 * to the boards), alerts.ts (incidents and andon prompts), cert-warnings.ts (certificates near
 * their expiry), junit/ingest.ts (JUnit reports as runs) and rollups.ts (the hourly figures).
 */
import { resolve as resolvePath } from 'node:path';
import type { CanaryEvent, CanaryResult, CanaryState, MaintenanceDigest } from '../../../shared/model/canary.ts';
import { adHocSuite, suiteTileName, type CanariesConfig, type ResolvedCanary, type ResolvedCheck } from '../../../shared/model/canary-checks.ts';
import type { Workspace } from '../../../shared/model/workspace.ts';
import { createCanaryState, describeFailure, nextCanaryState, rebaseCanaryState } from '../../../shared/domain/canaries/state.ts';
import { formatAge } from '../../../shared/domain/freshness.ts';
import {
  historyCode,
  type CanaryAndon,
  type CanaryBoard,
  type CanaryBoardEntry,
  type CanaryDelta,
  type CanaryRollup,
  type CanaryRunRecord,
  type CanarySummary,
  type JUnitIngestReply,
  type JUnitRunDetail,
  type SchedulerStats,
} from '../../../shared/protocol/canaries.ts';
import type { CanaryRepository, StateRow } from '../store/canaries.ts';
import { CanaryAlerts, type AutoDeclareRequest, type CanaryFailure } from './alerts.ts';
import { andonStands, buildEntry, emptyExtra, signatureOf, type CanaryExtra, type CanaryRecord } from './board.ts';
import { BlackboxProbes, type ProbeReading } from './blackbox.ts';
import { CertWarnings } from './cert-warnings.ts';
import { CanaryDeltas, canarySummary } from './deltas.ts';
import { CanaryRefused } from './errors.ts';
import { queueResult, recordHistoryOnly, resultOf, type RecordInput } from './history.ts';
import { JUnitFolder, SETTLE_MS, type JUnitFile, type JUnitFileOutcome } from './junit/folder.ts';
import { JUnitIngest } from './junit/ingest.ts';
import { isSuiteName } from './junit/inbox.ts';
import { windowsFor } from './maintenance.ts';
import { runCheck, type CheckRun } from './run.ts';
import { rollupDeltas } from './rollups.ts';
import { CanaryScheduler } from './scheduler.ts';
import { CanaryWrites, stateRow } from './writes.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Runs replayed onto a canary without a snapshot (the hub stopped before its first one). */
const REPLAY_LIMIT = 500;
/**
 * How long the JUnit inbox remembers a report it ingested after it last saw its bytes (a file that
 * cannot be moved out is seen again at every start, and reminded of hourly while the hub runs).
 */
const INGESTED_KEEP_MS = 30 * DAY_MS;
/** A wall clock that fell this far behind the monotonic one between two reads was stepped back. */
const CLOCK_STEP_MS = 1000;
/** Who acknowledges a failure that went to its open incident. */
const CANARIES_BY = 'canaries';

export type { AutoDeclareRequest, CanaryFailure } from './alerts.ts';

export interface CanaryServiceOptions {
  readonly log: (message: string) => void;
  readonly events: {
    delta: (delta: CanaryDelta) => void;
    andon: (andon: CanaryAndon) => void;
    /** The prompts still outstanding changed (one raised, acted on, or its check recovered): all of them. */
    andons?: (andons: CanaryAndon[]) => void;
    /** The canaries confirmed failing changed (one more, one fewer, or how one reads: name, critical, status…): all of them. */
    summary?: (summary: CanarySummary) => void;
    /** Declare an incident for a confirmed failure of a check with `autoDeclare`; returns its id (null: not declared). */
    declare?: (request: AutoDeclareRequest) => string | null;
    /** Whether an incident is still open (a failure that has one goes to it, not to a new prompt). */
    incidentOpen?: (incidentId: string) => boolean;
    /** A line in an incident's timeline: its canary failed again or recovered. */
    incidentNote?: (incidentId: string, note: { canaryId: string; text: string; at: number }) => void;
  };
  /** The room's time zone (recurring maintenance windows without their own). */
  readonly timeZone: () => string;
  /** Where a relative junitFolder is resolved from (the workspace file's folder). */
  readonly baseDir: string;
  readonly now?: () => number;
  /**
   * A clock that never steps (default performance.now; with an injected `now` and no monotonic
   * clock, `now` itself, so a test's hand-moved clock is not taken for steps).
   */
  readonly monotonic?: () => number;
  readonly random?: () => number;
  /** Deltas are coalesced over this long (default 250 ms). */
  readonly flushMs?: number;
  readonly writeMs?: number;
  readonly snapshotMs?: number;
  readonly tickMs?: number;
  readonly pruneMs?: number;
  /** How often the watched JUnit folder is scanned (default 1 s). */
  readonly folderScanMs?: number;
  /** How long a file in the watched folder must be unchanged before it is read (default 2 s). */
  readonly folderSettleMs?: number;
  readonly runner?: (check: ResolvedCheck, options: Parameters<typeof runCheck>[1]) => Promise<CheckRun>;
}

interface Canary extends CanaryRecord {
  signature: string;
  /** When time alone may change the state next (stale, a snooze or a window ending…). */
  wakeAt: number;
  dirty: boolean;
}

export class CanaryService {
  readonly #repo: CanaryRepository;
  readonly #o: Required<Omit<CanaryServiceOptions, 'runner'>> & { runner: NonNullable<CanaryServiceOptions['runner']> };
  readonly #canaries = new Map<string, Canary>();
  /** Snapshots not yet claimed by a configured canary (restored when one appears). */
  readonly #snapshots = new Map<string, StateRow>();
  #config: CanariesConfig | null = null;
  readonly #suiteNames = new Map<string, string>();
  readonly #scheduler: CanaryScheduler;
  readonly #abort = new AbortController();
  /** When a sweep last logged a canary's failure (one line a minute per canary, not one a second). */
  readonly #sweepErrorLoggedAt = new Map<string, number>();
  #folder: JUnitFolder | null = null;
  readonly #probes: BlackboxProbes;
  #folderPath: string | null = null;

  readonly #deltas: CanaryDeltas;
  readonly #junit: JUnitIngest<Canary>;
  readonly #alerts: CanaryAlerts;
  readonly #certs: CertWarnings;
  readonly #writes: CanaryWrites;
  readonly #timers: NodeJS.Timeout[] = [];
  #closed = false;
  /** The last reading of both clocks (step detection). */
  #clockAt: { wall: number; mono: number } | null = null;
  /** Every step back found so far, added up (a run in progress moves back by those found while it ran). */
  #steppedMs = 0;

  constructor(repo: CanaryRepository, options: CanaryServiceOptions) {
    this.#repo = repo;
    this.#o = {
      now: Date.now,
      monotonic: options.now ?? (() => performance.now()),
      random: Math.random,
      flushMs: 250,
      writeMs: 1000,
      snapshotMs: 30_000,
      tickMs: 1000,
      pruneMs: HOUR_MS,
      folderScanMs: 1000,
      folderSettleMs: SETTLE_MS,
      runner: runCheck,
      ...options,
    };
    this.#probes = new BlackboxProbes({ now: this.#o.now, log: this.#o.log, record: (id, reading) => this.recordProbe(id, reading) });
    this.#writes = new CanaryWrites(repo, this.#o.log);
    this.#deltas = new CanaryDeltas({
      canaries: this.#canaries,
      now: this.#o.now,
      flushMs: this.#o.flushMs,
      schedulerStats: () => this.#scheduler.stats(),
      events: this.#o.events,
    });
    this.#certs = new CertWarnings({ repo, deltas: this.#deltas, log: this.#o.log });
    this.#alerts = new CanaryAlerts({ canaries: this.#canaries, events: this.#o.events, now: this.#o.now, log: this.#o.log, repo, deltas: this.#deltas });
    this.#junit = new JUnitIngest<Canary>({
      canaries: this.#canaries,
      suiteNames: this.#suiteNames,
      config: () => this.#config,
      now: () => this.#now(),
      closed: () => this.#closed,
      log: this.#o.log,
      repo,
      writes: this.#writes,
      addSuite: (name) => this.#add(name, adHocSuite(name), false, this.#o.now()),
      record: (c, result, junit, historyOnly) => this.#recordReport(c, result, junit, historyOnly),
    });
    this.#scheduler = new CanaryScheduler({ concurrency: 50, now: this.#o.now, random: this.#o.random });
    for (const row of repo.states()) this.#snapshots.set(row.canaryId, row);
    for (const id of repo.canariesWithResults()) {
      if (!this.#snapshots.has(id)) this.#snapshots.set(id, { canaryId: id, kind: 'suite', state: createCanaryState(0), extra: emptyExtra() as unknown as Record<string, unknown>, updatedAt: 0 });
    }
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => {
        try {
          fn();
        } catch (error) {
          this.#o.log(`canaries: ${(error as Error).stack ?? error}`);
        }
      }, ms);
      t.unref();
      this.#timers.push(t);
    };
    every(this.#o.writeMs, () => this.#writes.flush());
    every(this.#o.snapshotMs, () => this.#writes.snapshot(this.#canaries.values(), false, this.#o.now()));
    every(this.#o.tickMs, () => this.#tick());
    every(60_000, () => this.#syncAllMaintenance());
    every(this.#o.pruneMs, () => this.prune());
    const first = setTimeout(() => {
      try {
        if (!this.#closed) this.prune();
      } catch (error) {
        this.#o.log(`canaries: pruning failed: ${(error as Error).message}`);
      }
    }, 10_000);
    first.unref();
    this.#timers.push(first);
  }

  // ---- configuration ------------------------------------------------------------------------

  /** Make the canaries those of this workspace (new ones start, gone ones stop, states survive). */
  apply(workspace: Workspace | null): void {
    if (this.#closed) return;
    const config = workspace?.canaries ?? null;
    this.#config = config;
    const now = this.#now();
    const wanted = new Map<string, ResolvedCanary>();
    for (const c of config?.checks ?? []) wanted.set(c.id, c);
    for (const s of config?.suites ?? []) wanted.set(s.id, s);
    for (const p of config?.probes ?? []) wanted.set(p.id, p);
    this.#suiteNames.clear();
    for (const s of config?.suites ?? []) for (const name of [s.id, s.name, ...s.aliases]) this.#suiteNames.set(name, s.id);

    // Gone: checks and configured suites no longer listed; ad-hoc suites when they are no longer accepted.
    let promptGone = false;
    for (const [id, c] of this.#canaries) {
      const keep = wanted.has(id) || (!c.configured && config !== null && config.acceptUnknownSuites && !this.#suiteNames.has(id));
      if (keep) continue;
      if (c.extra.andon) promptGone = true;
      this.#snapshots.set(id, stateRow(c, now));
      this.#repo.saveStates([stateRow(c, now)]);
      this.#canaries.delete(id);
      this.#sweepErrorLoggedAt.delete(id);
      this.#certs.forget(id);
      this.#deltas.removed(id);
    }
    for (const [id, cfg] of wanted) {
      const existing = this.#canaries.get(id);
      if (existing && existing.config.kind === cfg.kind) {
        existing.config = cfg;
        existing.configured = true;
        this.#refresh(existing, now);
      } else {
        if (existing) {
          this.#canaries.delete(id);
          this.#certs.forget(id);
        }
        this.#add(id, cfg, true, now);
      }
    }
    // Suites that reported before under names nobody declared.
    if (config?.acceptUnknownSuites) {
      for (const [id, row] of this.#snapshots) {
        if (row.kind !== 'suite' || row.state.createdAt === 0 || this.#canaries.has(id) || wanted.has(id) || this.#suiteNames.has(id) || !isSuiteName(id)) continue;
        // A tile per build from before build numbers were cut off is not brought back (its runs stay stored).
        if (suiteTileName(id, config.suiteBuildSuffix) !== id) continue;
        this.#add(id, adHocSuite(id), false, now);
      }
    }
    this.#syncAllMaintenance();
    this.#scheduler.set(
      (config?.checks ?? []).map((check) => ({
        id: check.id,
        intervalMs: check.intervalMs,
        jitterMs: check.jitterMs,
        run: (timing) => this.#runScheduled(check.id, timing),
      })),
      config?.concurrency ?? 50,
    );
    this.#probes.set(config?.probes ?? [], workspace?.sources ?? []);
    this.#applyFolder(config?.junitFolder ?? null);
    this.#deltas.flushSoon();
    if (promptGone) this.#alerts.andonsChanged();
  }

  #add(id: string, config: ResolvedCanary, configured: boolean, now: number): Canary {
    const snapshot = this.#snapshots.get(id);
    this.#snapshots.delete(id);
    let state = snapshot && snapshot.state.createdAt > 0 ? snapshot.state : createCanaryState(now);
    const extra: CanaryExtra = snapshot && snapshot.state.createdAt > 0 ? { ...emptyExtra(), ...(snapshot.extra as Partial<CanaryExtra>) } : emptyExtra();
    if (!extra.incident && extra.autoDeclared) extra.incident = { ...extra.autoDeclared };
    delete extra.autoDeclared;
    // Replay what arrived after the snapshot (alerts from the past are not sent again).
    const after = snapshot && snapshot.state.createdAt > 0 ? state.updatedAt : 0;
    // Reports kept in the history only never moved the state, so they are not replayed onto it.
    const missed = this.#repo.resultsAfter(id, after, REPLAY_LIMIT).filter((r) => r.detail?.junit?.historyOnly !== true);
    if (missed.length > 0 && state.createdAt > missed[0]!.receivedAt) state = createCanaryState(missed[0]!.receivedAt);
    for (const r of missed) {
      state = nextCanaryState(state, resultOf(r), config.state, r.receivedAt).state;
      extra.last = {
        at: r.at,
        attempts: r.attempts,
        timings: null,
        lagMs: r.detail?.lagMs ?? null,
        failed: (r.detail?.assertions ?? []).filter((a) => !a.ok).slice(0, 5),
        junit: r.detail?.junit ?? null,
      };
      if (r.detail?.certs?.length) extra.certs = r.detail.certs;
    }
    const c: Canary = { id, config, configured, state, extra, signature: '', wakeAt: 0, dirty: missed.length > 0 };
    this.#canaries.set(id, c);
    // Catch up with the time that passed while the hub was down (stale, snoozes, windows): what
    // that owes (a stale alert, a snooze that ended) is sent now.
    this.#apply(c, { type: 'tick' }, now);
    c.signature = signatureOf(buildEntry(c, now));
    this.#deltas.tileChanged(id);
    return c;
  }

  /** A canary's configuration may have changed: re-derive its tile. */
  #refresh(c: Canary, now: number): void {
    this.#apply(c, { type: 'tick' }, now);
  }

  #applyFolder(folder: string | null): void {
    const path = folder === null ? null : resolvePath(this.#o.baseDir, folder);
    if (path === this.#folderPath) return;
    this.#folder?.close();
    this.#folder = null;
    this.#folderPath = path;
    if (path === null) return;
    this.#folder = new JUnitFolder(path, {
      scanMs: this.#o.folderScanMs,
      settleMs: this.#o.folderSettleMs,
      log: this.#o.log,
      ingest: (files) => this.ingestJUnitFiles(files),
      keep: (keys) => this.#repo.touchIngested(keys, this.#o.now()),
    });
    this.#folder.start();
  }

  // ---- maintenance --------------------------------------------------------------------------

  #syncAllMaintenance(): void {
    const now = this.#o.now();
    for (const c of this.#canaries.values()) this.#each(c, now, () => this.#syncMaintenance(c, now));
  }

  #syncMaintenance(c: Canary, now: number): void {
    const desired = windowsFor(this.#config?.maintenance ?? [], { id: c.id, service: c.config.service }, now, this.#o.timeZone());
    const current = c.state.windows.filter((w) => w.id.startsWith('cfg:'));
    for (const w of current) {
      if (!desired.some((d) => d.id === w.id && d.startsAt === w.startsAt && d.endsAt === w.endsAt)) this.#apply(c, { type: 'maintenance-cancel', id: w.id }, now);
    }
    for (const w of desired) {
      if (!c.state.windows.some((x) => x.id === w.id && x.startsAt === w.startsAt && x.endsAt === w.endsAt)) this.#apply(c, { type: 'maintenance', window: w }, now);
    }
  }

  // ---- the state model ----------------------------------------------------------------------

  /** Every change of a canary's state goes through here (and so through nextCanaryState). */
  #apply(c: Canary, event: CanaryEvent, now: number, options: { run?: RecordInput } = {}): CanaryState {
    const previous = c.state;
    const { state, alerts, digest } = nextCanaryState(previous, event, c.config.state, now);
    c.state = state;
    c.dirty = true;
    c.wakeAt = wakeAt(c);
    if (digest) this.#digest(c, digest, now);
    let withIncident: string | null = null;
    for (const alert of alerts) withIncident = this.#alerts.raise(c, alert) ?? withIncident;
    // Failing again while its incident is open is already acted on: acknowledged for it, so walls
    // do not hold and the board says so, as when it was declared.
    if (withIncident !== null && c.state.ack === null && c.state.incident !== null) {
      const note = `its incident is open (${withIncident})`;
      this.#apply(c, { type: 'ack', by: CANARIES_BY, note }, now);
      this.#repo.recordAck({ canaryId: c.id, at: now, action: 'ack', by: CANARIES_BY, until: null, note, tokenId: null });
      this.#repo.saveStates([stateRow(c, now)]);
    }
    if (c.extra.andon && !andonStands(c, c.extra.andon)) {
      c.extra.andon = null;
      this.#alerts.andonsChanged();
    }
    const entry = buildEntry(c, now);
    const signature = signatureOf(entry);
    if (signature !== c.signature) {
      c.signature = signature;
      this.#deltas.tileChanged(c.id);
      this.#deltas.flushSoon();
    } else if (options.run && c.state.lastResult) {
      const r = c.state.lastResult;
      this.#deltas.runTick([c.id, r.at, historyCode(r.outcome, r.retried === true, r.maintenance === true), r.latencyMs === undefined ? null : Math.round(r.latencyMs)]);
      this.#deltas.flushSoon();
    }
    return state;
  }

  #digest(c: Canary, digest: MaintenanceDigest, now: number): void {
    c.extra.lastDigest = { endedAt: digest.endedAt, summary: digest.summary };
    const message = `${c.config.name}: maintenance ended; ${digest.summary}`;
    this.#deltas.notice({ id: c.id, kind: 'maintenance-digest', at: now, message, digest });
    this.#o.log(`canary ${message}`);
  }

  /** The andon prompts still outstanding, oldest first: what a console is sent when it connects. */
  andons(): CanaryAndon[] {
    return this.#alerts.andons();
  }

  /**
   * What a canary knows of its current failure, for an incident declared from its prompt (null:
   * it is not failing, or is not known).
   */
  currentFailure(id: string): CanaryFailure | null {
    const c = this.#canaries.get(id);
    const incident = c?.state.incident;
    if (!c || !incident) return null;
    const andon = c.extra.andon?.incidentSeq === incident.seq ? c.extra.andon : null;
    return this.#alerts.failure(c, andon?.message ?? `failing${describeFailure(incident)}`);
  }

  /** The open incident this canary's current failure already belongs to, if any. */
  incidentOfFailure(id: string): string | null {
    const c = this.#canaries.get(id);
    const bound = c?.extra.incident ?? null;
    if (!c || !bound || !c.state.incident || bound.incidentSeq !== c.state.incident.seq) return null;
    return this.#alerts.incidentOpen(bound.incidentId) ? bound.incidentId : null;
  }

  /**
   * A person says this canary's failure is an open incident's (declared from its prompt, or
   * linked): its prompt is withdrawn on every console (acknowledged, with `note`), and its later
   * failures and recovery go to that incident's timeline while it is open.
   */
  attachIncident(id: string, incidentId: string, by: string, note: string | undefined, tokenId: string | null): CanaryBoardEntry {
    const c = this.#getOpen(id);
    const incident = c.state.incident;
    if (!incident) throw new CanaryRefused('invalid', `nothing to link: ${c.config.name} is ${c.state.health}`);
    if (!this.#alerts.incidentOpen(incidentId)) throw new CanaryRefused('invalid', 'that incident is not open');
    this.#alerts.bind(c, { incidentSeq: incident.seq, incidentId });
    this.#o.log(`canary ${c.config.name}: its failure is incident ${incidentId}`);
    if (c.state.ack === null && c.state.health !== 'passing' && c.state.health !== 'pending') return this.ack(id, by, note, tokenId);
    if (c.extra.andon) {
      c.extra.andon = null;
      this.#repo.saveStates([stateRow(c, this.#o.now())]);
      this.#alerts.andonsChanged();
    }
    return buildEntry(c, this.#now());
  }

  #tick(): void {
    const now = this.#now();
    for (const c of this.#canaries.values()) if (c.wakeAt <= now) this.#each(c, now, () => this.#apply(c, { type: 'tick' }, now));
  }

  /**
   * One canary's step in a sweep over all of them: one that throws (a listener, the store) is
   * logged, at most once a minute, and the sweep goes on: the canaries after it must not go
   * unwatched because of it.
   */
  #each(c: Canary, now: number, step: () => void): void {
    try {
      step();
    } catch (error) {
      if (now - (this.#sweepErrorLoggedAt.get(c.id) ?? -Infinity) < 60_000) return;
      this.#sweepErrorLoggedAt.set(c.id, now);
      this.#o.log(`canaries: ${c.config.name} (${c.id}) failed its timed check (the other canaries go on; it is tried again each second): ${(error as Error).stack ?? error}`);
    }
  }

  // ---- runs ---------------------------------------------------------------------------------

  async #runScheduled(id: string, timing: { startedAt: number; lagMs: number }): Promise<void> {
    const c = this.#canaries.get(id);
    if (!c || c.config.kind !== 'check' || this.#closed) return;
    this.#now(); // a step back before the run is not one to move it by
    const stepped = this.#steppedMs;
    const run = await this.#o.runner(c.config, { now: this.#o.now, lagMs: timing.lagMs, signal: this.#abort.signal });
    if (this.#closed) return;
    const current = this.#canaries.get(id);
    if (!current || current.config.kind !== 'check') return; // removed while it ran
    // The clock stepped back while it ran: its start moves back with the other times (never ahead of now).
    const now = this.#now();
    run.result.at = Math.min(now, timing.startedAt + (this.#steppedMs - stepped));
    this.#record(current, {
      result: run.result,
      detail: run.detail,
      attempts: run.result.attempts ?? 1,
      timings: run.timings,
      failed: run.failed,
      certs: run.certs,
      lagMs: timing.lagMs,
      junit: null,
    });
  }

  /** A blackbox probe's new sample, read from Prometheus. */
  recordProbe(id: string, reading: ProbeReading): void {
    const c = this.#canaries.get(id);
    if (!c || c.config.kind !== 'probe' || this.#closed) return;
    this.#record(c, { result: reading.result, detail: reading.detail, attempts: 1, timings: reading.timings, failed: [], certs: [], lagMs: null, junit: null });
  }

  #record(c: Canary, input: RecordInput): void {
    const now = this.#now();
    const before = c.state;
    if (input.certs.length > 0) c.extra.certs = input.certs;
    c.extra.last = {
      at: input.result.at ?? now,
      attempts: input.attempts,
      timings: input.timings,
      lagMs: input.lagMs,
      failed: input.failed,
      junit: input.junit,
    };
    const after = this.#apply(c, input.result, now, { run: input });
    const r = input.result;
    queueResult(this.#writes, c, input, now, after.lastResult?.maintenance === true);
    this.#writes.queueRollups(rollupDeltas(c, before, r, now));
    this.#certs.check(c, input.certs, now);
    if (this.#writes.queuedResults >= 500) this.#writes.flush();
  }

  // ---- JUnit --------------------------------------------------------------------------------

  /**
   * Parse and record a JUnit report posted to the hub (JUnitIngest.ingest). A report that does not
   * parse throws JUnitParseError and changes nothing; an unknown suite (when those are refused)
   * throws CanaryRefused.
   */
  ingestJUnit(input: Uint8Array, options: { suite: string | null; source: 'rest' | 'folder'; file?: string }): JUnitIngestReply {
    return this.#junit.ingest(input, options);
  }

  /** The reports from the watched folder that were ready in one scan, one outcome each, in order (JUnitIngest.ingestFiles). */
  ingestJUnitFiles(files: readonly JUnitFile[]): JUnitFileOutcome[] {
    return this.#junit.ingestFiles(files);
  }

  /** A JUnit report as a run of its suite: it moves the state, or (historyOnly) only joins the history. */
  #recordReport(c: Canary, result: CanaryResult, junit: JUnitRunDetail, historyOnly: boolean): void {
    const input: RecordInput = { result, detail: { junit }, attempts: 1, timings: null, failed: [], certs: [], lagMs: null, junit };
    if (historyOnly) recordHistoryOnly(this.#writes, c, input, this.#o.now());
    else this.#record(c, input);
  }

  // ---- acknowledgements ---------------------------------------------------------------------

  #get(id: string): Canary {
    const c = this.#canaries.get(id);
    if (!c) throw new CanaryRefused('not_found', `no canary with id ${JSON.stringify(id).slice(0, 120)}`);
    return c;
  }

  /** A canary to change: none once closed (its last state is saved, and the store may be closed next). */
  #getOpen(id: string): Canary {
    if (this.#closed) throw new CanaryRefused('unavailable', 'the hub is stopping');
    return this.#get(id);
  }

  ack(id: string, by: string, note: string | undefined, tokenId: string | null): CanaryBoardEntry {
    return this.#acknowledge(id, by, { until: null, note, tokenId, action: 'ack' });
  }

  snooze(id: string, by: string, until: number, note: string | undefined, tokenId: string | null): CanaryBoardEntry {
    if (until <= this.#now()) throw new CanaryRefused('invalid', 'expected a snooze that ends in the future');
    return this.#acknowledge(id, by, { until, note, tokenId, action: 'snooze' });
  }

  #acknowledge(id: string, byRaw: string, o: { until: number | null; note: string | undefined; tokenId: string | null; action: 'ack' | 'snooze' }): CanaryBoardEntry {
    const c = this.#getOpen(id);
    const by = byRaw.trim().slice(0, 64) || 'someone';
    if (c.state.health === 'passing' || c.state.health === 'pending') {
      throw new CanaryRefused('invalid', `nothing to acknowledge: ${c.config.name} is ${c.state.health}`);
    }
    const now = this.#now();
    const event: CanaryEvent = { type: 'ack', by };
    if (o.until !== null) event.until = o.until;
    if (o.note) event.note = o.note;
    this.#apply(c, event, now);
    this.#repo.recordAck({ canaryId: id, at: now, action: o.action, by, until: o.until, note: o.note ?? null, tokenId: o.tokenId });
    this.#repo.saveStates([stateRow(c, now)]);
    c.dirty = false;
    this.#o.log(`canary ${c.config.name}: ${o.action === 'snooze' ? `snoozed until ${new Date(o.until!).toISOString()}` : 'acknowledged'} by ${by}`);
    return buildEntry(c, now);
  }

  unack(id: string, byRaw: string, tokenId: string | null): CanaryBoardEntry {
    const c = this.#getOpen(id);
    if (!c.state.ack) throw new CanaryRefused('invalid', `${c.config.name} is not acknowledged`);
    const by = byRaw.trim().slice(0, 64) || 'someone';
    const now = this.#now();
    this.#apply(c, { type: 'unack', by }, now);
    this.#repo.recordAck({ canaryId: id, at: now, action: 'unack', by, until: null, note: null, tokenId });
    this.#repo.saveStates([stateRow(c, now)]);
    c.dirty = false;
    return buildEntry(c, now);
  }

  // ---- reading ------------------------------------------------------------------------------

  /**
   * The whole board. Anything pending goes out first, so the board and the next delta meet exactly
   * (once closed, nothing goes out: the board is read as it stands).
   */
  board(): CanaryBoard {
    this.#deltas.flush();
    const now = this.#now();
    return { seq: this.#deltas.seq, at: now, entries: [...this.#canaries.values()].map((c) => buildEntry(c, now)), scheduler: this.#scheduler.stats(), notices: this.#deltas.recentNotices };
  }

  /** The canaries confirmed failing (and gone stale so): the status radiator's input (a wall needs no more of the board). */
  summary(): CanarySummary {
    this.#deltas.flush();
    const now = this.#now();
    return canarySummary(this.#canaries.values(), now);
  }

  entry(id: string): CanaryBoardEntry {
    return buildEntry(this.#get(id), this.#now());
  }

  /** A canary's history: refused once closed (its runs are in the store, which may be closed next), as the socket and REST both answer. */
  #readHistory(id: string): void {
    if (this.#closed) throw new CanaryRefused('unavailable', 'the hub is stopping');
    if (!this.#canaries.has(id) && this.#repo.countResults(id) === 0) this.#get(id);
    this.#writes.flush();
  }

  results(id: string, options: { before?: number; limit: number }): CanaryRunRecord[] {
    this.#readHistory(id);
    return this.#repo.results(id, options);
  }

  rollups(id: string, from?: number, to?: number): CanaryRollup[] {
    this.#readHistory(id);
    const end = to ?? this.#o.now() + HOUR_MS;
    return this.#repo.rollups(id, from ?? end - 30 * DAY_MS, end);
  }

  /** The service's clock. */
  now(): number {
    return this.#o.now();
  }

  /**
   * The wall clock, read where time may move a state. A step back of the system clock (found
   * against the monotonic clock) moves every state's own times back with it (rebaseCanaryState):
   * else staleness and snooze ends would wait for the wall clock to catch up, an hour for an
   * hour's step. A step forward is left alone: the monotonic clock stops while a machine sleeps,
   * and then the time really passed without results.
   */
  #now(): number {
    const wall = this.#o.now();
    const mono = this.#o.monotonic();
    const last = this.#clockAt;
    this.#clockAt = { wall, mono };
    const step = last === null ? 0 : wall - last.wall - (mono - last.mono);
    // Once closed the states are saved for the last time: a step found by a late read moves nothing.
    if (step < -CLOCK_STEP_MS && !this.#closed) {
      this.#steppedMs += step;
      for (const c of this.#canaries.values()) {
        c.state = rebaseCanaryState(c.state, step);
        if (c.extra.last) c.extra.last = { ...c.extra.last, at: c.extra.last.at + step };
        c.wakeAt = wakeAt(c);
        c.dirty = true;
        // Its strip and times moved back: sent whole, else a client keeps the old strip, ahead of
        // every run tick to come, and draws none of them until the clock catches up.
        this.#deltas.tileChanged(c.id);
      }
      this.#deltas.flushSoon();
      this.#o.log(`canaries: the system clock stepped back ${formatAge(-step)}: staleness and snoozes count from the times moved back with it`);
    }
    return wall;
  }

  /** How many certificates are remembered as warned about: those the checks show now, no more. */
  get certWarningsHeld(): number {
    return this.#certs.held;
  }

  schedulerStats(): SchedulerStats {
    return this.#scheduler.stats();
  }

  /** Every lag sample of the last 5 minutes, sorted (benchmarks). */
  lagSamples(since?: number): number[] {
    return this.#scheduler.lagSamples(since);
  }

  /** Drop raw runs and rollups past their retention (nothing once closed: the store may be closed too). */
  prune(): { results: number; rollups: number } {
    if (this.#closed) return { results: 0, rollups: 0 };
    const now = this.#o.now();
    const retention = this.#config?.retention ?? { rawDays: 14, rollupDays: 365 };
    this.#writes.flush();
    const pruned = this.#repo.prune(now - retention.rawDays * DAY_MS, now - retention.rollupDays * DAY_MS);
    if (pruned.results + pruned.rollups > 0) this.#o.log(`canaries: pruned ${pruned.results} runs and ${pruned.rollups} hourly rollups past their retention`);
    this.#repo.pruneIngested(now - INGESTED_KEEP_MS);
    return pruned;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#deltas.close();
    this.#abort.abort();
    this.#scheduler.stop();
    this.#probes.stop();
    this.#folder?.close();
    for (const t of this.#timers) clearInterval(t);
    this.#writes.snapshot(this.#canaries.values(), true, this.#o.now());
  }
}

// ---- helpers --------------------------------------------------------------------------------

/** When time alone can next change a canary's state. */
function wakeAt(c: CanaryRecord): number {
  const s = c.state;
  const cfg = c.config.state;
  let t = Infinity;
  if (cfg.expectedIntervalMs !== null && s.health !== 'stale') t = Math.min(t, (s.lastResultAt ?? s.createdAt) + cfg.expectedIntervalMs * cfg.staleGrace + 1);
  if (s.ack?.until != null) t = Math.min(t, s.ack.until);
  for (const w of s.windows) {
    if (w.startsAt > s.updatedAt) t = Math.min(t, w.startsAt);
    if (w.endsAt > s.updatedAt) t = Math.min(t, w.endsAt);
  }
  return t;
}
