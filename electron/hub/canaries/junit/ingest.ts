/**
 * JUnit reports arriving at the hub (posted, or dropped in the watched folder) as runs of their
 * suites: each parsed, given to its suite (declared, or ad hoc when those are accepted), dated by
 * its own time, and recorded; of the reports that arrive together only the newest of each suite,
 * and only if it can speak for now, moves the suite's state: the others only join its history.
 */
import type { CanaryResult } from '../../../../shared/model/canary.ts';
import { DEFAULT_MAX_REPORT_AGE_MS, maxReportAgeFor, suiteTileName, type CanariesConfig } from '../../../../shared/model/canary-checks.ts';
import { canaryResultFromJUnit } from '../../../../shared/domain/canaries/junit-result.ts';
import { formatAge, formatAgeBeyond } from '../../../../shared/domain/freshness.ts';
import type { JUnitIngestReply, JUnitRunDetail } from '../../../../shared/protocol/canaries.ts';
import type { CanaryRepository } from '../../store/canaries.ts';
import type { CanaryRecord } from '../board.ts';
import { CanaryRefused } from '../errors.ts';
import type { CanaryWrites } from '../writes.ts';
import type { JUnitFile, JUnitFileOutcome } from './folder.ts';
import { isSuiteName, reportKey, reportTime, suiteNamesFor, type ReportTime } from './inbox.ts';
import { parseJUnit } from './parse.ts';

export interface JUnitIngestOptions<C extends CanaryRecord> {
  /** Every canary by id. */
  readonly canaries: ReadonlyMap<string, C>;
  /** The declared suites' names (id, name and aliases) → the suite's id. */
  readonly suiteNames: ReadonlyMap<string, string>;
  readonly config: () => CanariesConfig | null;
  /** The hub's clock, read where time may move a state. */
  readonly now: () => number;
  /** Whether the hub is stopping (reports are refused). */
  readonly closed: () => boolean;
  readonly log: (message: string) => void;
  readonly repo: Pick<CanaryRepository, 'ingestedReport'>;
  readonly writes: Pick<CanaryWrites, 'flush' | 'queueIngested'>;
  /** A new suite nobody declared, as a canary. */
  readonly addSuite: (name: string) => C;
  /** One report as a run of suite `c`: it moves the state, or (historyOnly) only joins the history. */
  readonly record: (c: C, result: CanaryResult, junit: JUnitRunDetail, historyOnly: boolean) => void;
}

/** A parsed JUnit report given its suite and time, not yet recorded. */
interface ArrivingReport<C extends CanaryRecord> {
  c: C;
  summary: ReturnType<typeof parseJUnit>;
  time: ReportTime;
  source: 'rest' | 'folder';
  file: string | undefined;
}

export class JUnitIngest<C extends CanaryRecord> {
  readonly #o: JUnitIngestOptions<C>;

  constructor(options: JUnitIngestOptions<C>) {
    this.#o = options;
  }

  /**
   * Parse and record a JUnit report posted to the hub, by the rules of the inbox (recordReports):
   * dated by its own timestamp when it has a usable one (else when it arrives), and kept in the
   * history only when it is older than what the suite already shows. A report that does not parse
   * throws JUnitParseError and changes nothing; an unknown suite (when those are refused) throws
   * CanaryRefused.
   */
  ingest(input: Uint8Array, options: { suite: string | null; source: 'rest' | 'folder'; file?: string }): JUnitIngestReply {
    if (this.#o.closed()) throw new CanaryRefused('unavailable', 'the hub is stopping');
    const now = this.#o.now();
    const summary = parseJUnit(input);
    let c: C;
    if (options.suite !== null) c = this.#suiteFor([options.suite], options.suite);
    else if (options.file !== undefined) {
      const names = suiteNamesFor(options.file, summary);
      c = this.#suiteFor(names.declared, names.adHoc);
    } else c = this.#suiteFor([summary.suite], summary.suite);
    const [recorded] = this.#recordReports([{ c, summary, time: reportTime(summary, null, now), source: options.source, file: options.file }], now);
    this.#o.writes.flush(); // on disk before the answer
    return recorded!;
  }

  /**
   * The reports from the watched folder that were ready in one scan (JUnitFolder), one outcome
   * each, in order. Each is parsed and checked against the reports already ingested (the same
   * report is never ingested twice, across restarts too: see reportKey), given to its suite
   * (suiteNamesFor) and dated by its own time (reportTime), then recorded by recordReports.
   */
  ingestFiles(files: readonly JUnitFile[]): JUnitFileOutcome[] {
    const now = this.#o.now();
    const outcomes: JUnitFileOutcome[] = [];
    const accepted: { index: number; file: JUnitFile; key: string; report: ArrivingReport<C> }[] = [];
    const inBatch = new Map<string, string>(); // key → suite
    files.forEach((file, index) => {
      try {
        if (this.#o.closed()) throw new CanaryRefused('unavailable', 'the hub is stopping');
        const summary = parseJUnit(file.bytes);
        const key = reportKey(file.bytes, summary, file.mtimeMs);
        const twin = inBatch.get(key);
        const known = twin !== undefined ? { canaryId: twin, ingestedAt: now } : this.#o.repo.ingestedReport(key, now);
        if (known) {
          outcomes[index] = { kind: 'duplicate', key, suite: known.canaryId, ingestedAt: known.ingestedAt };
          return;
        }
        const names = suiteNamesFor(file.name, summary);
        const c = this.#suiteFor(names.declared, names.adHoc);
        inBatch.set(key, c.id);
        accepted.push({ index, file, key, report: { c, summary, time: reportTime(summary, file.mtimeMs, now), source: 'folder', file: file.name } });
      } catch (error) {
        outcomes[index] = { kind: 'refused', error: error as Error };
      }
    });
    const replies = this.#recordReports(
      accepted.map((a) => a.report),
      now,
    );
    accepted.forEach((a, i) => {
      const reply = replies[i]!;
      this.#o.writes.queueIngested({ key: a.key, canaryId: a.report.c.id, file: a.file.name, ingestedAt: now });
      outcomes[a.index] = { kind: 'ingested', key: a.key, reply, at: reply.at, dated: reply.dated, historyOnly: reply.historyOnly ?? null, ...(reply.note ? { note: reply.note } : {}) };
    });
    this.#o.writes.flush(); // on disk (with the keys) before the files are moved
    return outcomes;
  }

  /**
   * Reports that arrived together (one scan of the inbox, or one POST), each with its suite and
   * time: the one place that decides which of them may move a suite's tile. In time order they go
   * into their suites' history; only the newest of each suite moves its state (and so may alert,
   * prompt or declare an incident), and only if it is not older than the suite's newest result
   * (reports trickling in over several arrivals never move a tile backwards) nor past the suite's
   * maximum report age (a backlog of old failures is not a failure now). Replies in input order.
   */
  #recordReports(reports: readonly ArrivingReport<C>[], now: number): JUnitIngestReply[] {
    const order = reports.map((_, i) => i).sort((a, b) => reports[a]!.time.at - reports[b]!.time.at || a - b);
    const newest = new Map<string, number>();
    for (const i of order) newest.set(reports[i]!.c.id, i);
    const replies: JUnitIngestReply[] = [];
    for (const i of order) {
      const r = reports[i]!;
      // Dated by its own timestamp, a report says when its run started: its age counts from the end.
      const endedAt = r.time.from === 'report' ? Math.min(now, r.time.at + Math.max(0, r.summary.durationMs)) : r.time.at;
      const historyOnly =
        newest.get(r.c.id) !== i ? 'a newer report of this suite came with it' : tooOldToDrive(r.c, r.time.at, endedAt, now, this.#o.config()?.maxReportAgeMs ?? DEFAULT_MAX_REPORT_AGE_MS);
      const reply = this.#recordJUnit(r.c, r.summary, { source: r.source, file: r.file, at: r.time.at, historyOnly: historyOnly !== null });
      replies[i] = { ...reply, at: r.time.at, dated: r.time.from, ...(historyOnly !== null ? { historyOnly } : {}), ...(r.time.note ? { note: r.time.note } : {}) };
    }
    return replies;
  }

  /** One report as a run of suite `c`: it moves the state, or (historyOnly) only joins the history. */
  #recordJUnit(
    c: C,
    summary: ReturnType<typeof parseJUnit>,
    o: { source: 'rest' | 'folder'; file: string | undefined; at: number; historyOnly: boolean },
  ): Omit<JUnitIngestReply, 'at' | 'dated'> {
    const { tests, passed, failed, errored, skipped, flaky, durationMs } = summary;
    const counts = { tests, passed, failed, errored, skipped, flaky, durationMs };
    const junit: JUnitRunDetail = {
      ...counts,
      failing: summary.failures.slice(0, 50),
      warnings: summary.warnings.slice(0, 20),
      source: o.source,
      ...(o.file !== undefined ? { file: o.file } : {}),
      ...(o.historyOnly ? { historyOnly: true } : {}),
    };
    const result = canaryResultFromJUnit(summary, o.at);
    this.#o.record(c, result, junit, o.historyOnly);
    return {
      suite: c.id,
      ...counts,
      failing: summary.failures.slice(0, 100).map((f) => (f.classname && !f.name.startsWith(f.classname) ? `${f.classname} ${f.name}` : f.name)),
      warnings: summary.warnings.slice(0, 20),
      status: c.state.status,
    };
  }

  /**
   * The suite a report belongs to: the first candidate that names a declared suite (as reported,
   * or without its build number: suiteTileName), else `fallback` without its build number (ad-hoc).
   */
  #suiteFor(candidates: string[], fallbackRaw: string): C {
    const suffix = this.#o.config()?.suiteBuildSuffix ?? null;
    for (const raw of candidates) {
      const name = raw.trim();
      const id = this.#o.suiteNames.get(name) ?? this.#o.suiteNames.get(suiteTileName(name, suffix));
      if (id !== undefined) return this.#o.canaries.get(id)!;
    }
    const name = suiteTileName(fallbackRaw.trim(), suffix);
    if (name === '') throw new CanaryRefused('invalid', 'the report has no suite name: pass ?suite=NAME');
    const existing = this.#o.canaries.get(name);
    if (existing) {
      if (existing.config.kind === 'suite') return existing;
      throw new CanaryRefused('conflict', `"${name}" is a check, not a suite; report it under another suite name`);
    }
    const config = this.#o.config();
    if (!config || !config.acceptUnknownSuites) {
      const known = (config?.suites ?? []).map((s) => s.id);
      throw new CanaryRefused('not_found', `no suite "${name}" in the workspace${known.length ? ` (suites: ${known.join(', ')})` : ''}`);
    }
    if (!isSuiteName(name)) throw new CanaryRefused('invalid', 'a suite name is 1 to 100 printable characters');
    const c = this.#o.addSuite(name);
    this.#o.log(`canaries: new suite "${name}" (not in the workspace) from a JUnit report`);
    return c;
  }
}

/**
 * Why a suite's newest report of an arrival may not move its tile (null: it may): older than the
 * result the suite already shows, or its run ended longer ago than the suite's maxReportAgeFor (it
 * cannot speak for now: a backlog of old failures must not confirm or declare anything).
 */
function tooOldToDrive(c: CanaryRecord, at: number, endedAt: number, now: number, workspaceMaxAgeMs: number): string | null {
  const known = c.state.lastResult?.at ?? null;
  if (known !== null && at < known) return `older than the suite's newest result (${new Date(known).toISOString()})`;
  const limit = maxReportAgeFor(c.config, workspaceMaxAgeMs);
  const age = now - endedAt;
  if (age <= limit.ms) return null;
  if (limit.from === 'stale') return `older than the suite's staleness window (${formatAge(limit.ms)}): it would be stale already`;
  const setting = limit.from === 'suite' ? "the suite's maxReportAge" : 'canaries.maxReportAge';
  return `its run ended ${formatAgeBeyond(age, limit.ms)} ago, longer than ${setting} (${formatAge(limit.ms)}): too old to speak for now`;
}
