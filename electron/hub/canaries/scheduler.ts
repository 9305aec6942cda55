/**
 * The canary scheduler. Each check runs at a fixed rate (its plan never drifts with run times):
 * the first run lands at a random point within one interval, so a thousand checks spread evenly
 * instead of firing together (Uptime Kuma #7565) and all are running within one interval of a
 * start (not ~11 minutes, as a serial stagger takes); each later run is moved by up to ±jitter
 * around its plan. At most `concurrency` runs at once, the rest wait in plan order, and how late
 * each run started against its plan (the lag) is recorded and reported. A check never overlaps
 * itself: a run due while the previous one is still going is skipped and counted.
 *
 * Plans are kept on a monotonic clock (performance.now): a system clock stepped back (an NTP
 * correction, a VM resumed) must not hold every check until the wall clock catches up. The wall
 * clock only stamps what a run reports (when it was planned and started, for display).
 */
import type { SchedulerStats } from '../../../shared/protocol/canaries.ts';

export interface ScheduledCheck {
  id: string;
  intervalMs: number;
  jitterMs: number;
  /** Runs the check; `plannedAt` and `lagMs` say when it should have started and how late it did. */
  run: (timing: { plannedAt: number; startedAt: number; lagMs: number }) => Promise<void>;
}

export interface SchedulerOptions {
  concurrency: number;
  /** The wall clock, for the times a run reports (default Date.now). */
  now?: () => number;
  /** The clock plans are made on: never steps (default performance.now). */
  monotonic?: () => number;
  random?: () => number;
  /** Lag samples are kept for this long (default 5 minutes). */
  lagWindowMs?: number;
}

interface Job {
  check: ScheduledCheck;
  /** The plan without jitter: first + k × interval (monotonic clock). */
  base: number;
  /** When the next run is due (monotonic clock). */
  planned: number;
  timer: NodeJS.Timeout | null;
  running: boolean;
  queued: boolean;
  removed: boolean;
}

const MAX_LAG_SAMPLES = 20_000;

export class CanaryScheduler {
  readonly #jobs = new Map<string, Job>();
  /** Runs due and waiting for a slot, in plan order (`planned`: monotonic clock). */
  readonly #queue: { job: Job; planned: number }[] = [];
  #running = 0;
  #concurrency: number;
  readonly #now: () => number;
  readonly #monotonic: () => number;
  readonly #random: () => number;
  readonly #lagWindowMs: number;
  /** Ring of [started (monotonic), lagMs]. */
  readonly #lags: [number, number][] = [];
  #lagNext = 0;
  #skipped = 0;
  #runs = 0;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#concurrency = options.concurrency;
    this.#now = options.now ?? Date.now;
    this.#monotonic = options.monotonic ?? (() => performance.now());
    this.#random = options.random ?? Math.random;
    this.#lagWindowMs = options.lagWindowMs ?? 5 * 60_000;
  }

  /** Make the scheduled checks these: new ones start (spread over their interval), gone ones stop. */
  set(checks: readonly ScheduledCheck[], concurrency = this.#concurrency): void {
    this.#concurrency = concurrency;
    const wanted = new Map(checks.map((c) => [c.id, c]));
    for (const [id, job] of this.#jobs) {
      if (wanted.has(id)) continue;
      job.removed = true;
      if (job.timer) clearTimeout(job.timer);
      this.#jobs.delete(id);
    }
    const now = this.#monotonic();
    for (const check of checks) {
      const job = this.#jobs.get(check.id);
      if (job && job.check.intervalMs === check.intervalMs) {
        job.check = check; // same rhythm, new definition: the next run uses it
        continue;
      }
      if (job?.timer) clearTimeout(job.timer);
      const fresh: Job = job ?? { check, base: 0, planned: 0, timer: null, running: false, queued: false, removed: false };
      fresh.check = check;
      fresh.base = now + this.#random() * check.intervalMs;
      fresh.planned = fresh.base;
      this.#jobs.set(check.id, fresh);
      this.#arm(fresh);
    }
    this.#drain();
  }

  #arm(job: Job): void {
    if (this.#stopped || job.removed) return;
    job.timer = setTimeout(() => this.#due(job), Math.max(0, job.planned - this.#monotonic()));
  }

  #due(job: Job): void {
    job.timer = null;
    if (job.removed || this.#stopped) return;
    if (job.running || job.queued) this.#skipped++;
    else {
      job.queued = true;
      this.#queue.push({ job, planned: job.planned });
    }
    // The next run: on the fixed-rate plan, skipping any occurrences already missed.
    const now = this.#monotonic();
    const interval = job.check.intervalMs;
    job.base += interval;
    if (job.base < now - interval) {
      const missed = Math.floor((now - job.base) / interval);
      this.#skipped += missed;
      job.base += missed * interval;
    }
    const jitter = job.check.jitterMs > 0 ? (this.#random() * 2 - 1) * job.check.jitterMs : 0;
    job.planned = Math.max(now, job.base + jitter);
    this.#arm(job);
    this.#drain();
  }

  #drain(): void {
    while (this.#running < this.#concurrency && this.#queue.length > 0) {
      const { job, planned } = this.#queue.shift()!;
      job.queued = false;
      if (job.removed) continue;
      this.#start(job, planned);
    }
  }

  #start(job: Job, planned: number): void {
    const started = this.#monotonic();
    const lagMs = Math.max(0, started - planned);
    // Wall-clock stamps for the run's record: when it started, and its plan as that far before.
    const startedAt = this.#now();
    const plannedAt = startedAt - lagMs;
    this.#recordLag(started, lagMs);
    this.#running++;
    this.#runs++;
    job.running = true;
    let promise: Promise<void>;
    try {
      promise = job.check.run({ plannedAt, startedAt, lagMs });
    } catch (error) {
      promise = Promise.reject(error as Error);
    }
    promise
      .catch(() => {
        /* the runner reports its own failures; a throw here must not stop the scheduler */
      })
      .finally(() => {
        job.running = false;
        this.#running--;
        this.#drain();
      });
  }

  #recordLag(at: number, lagMs: number): void {
    if (this.#lags.length < MAX_LAG_SAMPLES) this.#lags.push([at, lagMs]);
    else this.#lags[this.#lagNext] = [at, lagMs];
    this.#lagNext = (this.#lagNext + 1) % MAX_LAG_SAMPLES;
  }

  /** Every lag sample since a wall-clock time (default: the window), sorted (the benchmark reads them). */
  lagSamples(since = this.#now() - this.#lagWindowMs): number[] {
    const from = this.#monotonic() - (this.#now() - since);
    return this.#lags.filter(([at]) => at >= from).map(([, lag]) => lag).sort((a, b) => a - b);
  }

  stats(): SchedulerStats {
    const lags = this.lagSamples();
    const pick = (p: number) => (lags.length === 0 ? null : Math.round(lags[Math.min(lags.length - 1, Math.max(0, Math.ceil((p / 100) * lags.length) - 1))]!));
    return {
      checks: this.#jobs.size,
      running: this.#running,
      queued: this.#queue.length,
      concurrency: this.#concurrency,
      lagMs: { p50: pick(50), p99: pick(99), max: lags.length === 0 ? null : Math.round(lags.at(-1)!), samples: lags.length },
      skipped: this.#skipped,
      runs: this.#runs,
    };
  }

  stop(): void {
    this.#stopped = true;
    for (const job of this.#jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.#jobs.clear();
    this.#queue.length = 0;
  }
}
