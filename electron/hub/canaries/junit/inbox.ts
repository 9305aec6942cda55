/**
 * What the hub decides about a report dropped into the JUnit inbox before it changes anything:
 * its key (the same report is never ingested twice, across restarts too), the suite it belongs to,
 * and when it ran.
 */
import { createHash } from 'node:crypto';
import type { JUnitSummary } from '../../../../shared/model/canary.ts';

/** How far ahead of the hub's clock, or of its file's mtime, a report's time may be (clocks drift) and still be believed. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A suite name nobody declared: 1 to 100 characters, none of them a control character. */
export const isSuiteName = (name: string): boolean =>
  name.length >= 1 && name.length <= 100 && ![...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/**
 * The key a report is remembered by: the SHA-256 of its bytes. The bytes name one run only when
 * they carry its time; a report without a timestamp that is written again unchanged (a static
 * heartbeat file copied in each time) is a new run, told apart by its file's mtime.
 */
export function reportKey(bytes: Uint8Array, summary: Pick<JUnitSummary, 'timestamp'>, mtimeMs: number): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return summary.timestamp === undefined ? `${hash}@${mtimeMs}` : hash;
}

export interface ReportTime {
  /** Epoch ms: when the run happened, as well as the hub can tell. */
  at: number;
  /** What it was read from. */
  from: 'report' | 'file' | 'read';
  /** Why the report's own timestamp was not used, when it had one that was not. */
  note?: string;
}

/**
 * When a report's run happened: its own timestamp when that names its zone and is believable,
 * else the file's mtime (when the runner wrote it) when that is not ahead of the hub's clock
 * (beyond CLOCK_SKEW_MS), else now. Never later than now.
 *
 * - A run cannot start after its report was written: a timestamp later than the hub's clock or the
 *   file's mtime by more than CLOCK_SKEW_MS is not used. That is what a
 *   runner's local time wrongly labelled `Z` looks like east of UTC, and in a backlog it can still
 *   lie in the past, where it would pass for the newest run of its suite.
 * - A timestamp without a zone is not used: jest-junit writes UTC that way, pytest and Maven
 *   Surefire the runner's local time, which need not be the room's, so it can be hours off either way.
 *
 * `note` says why a timestamp the report has was not used (the log shows it once, with the report).
 */
export function reportTime(summary: Pick<JUnitSummary, 'timestamp' | 'timestampZoned'>, mtimeMs: number | null, now: number): ReportTime {
  const latest = now + CLOCK_SKEW_MS;
  const mtime = mtimeMs !== null && Number.isFinite(mtimeMs) && mtimeMs > 0 && mtimeMs <= latest ? Math.min(Math.floor(mtimeMs), now) : null;
  let note: string | undefined;
  if (summary.timestamp !== undefined) {
    const stamp = new Date(summary.timestamp).toISOString();
    if (summary.timestampZoned !== true) note = `its timestamp ${stamp.replace(/(\.000)?Z$/, '')} names no time zone`;
    else if (summary.timestamp > latest) note = `its timestamp ${stamp} is ahead of the hub's clock`;
    else if (mtime !== null && summary.timestamp > mtime + CLOCK_SKEW_MS) note = `its timestamp ${stamp} is after its file was written (${new Date(mtime).toISOString()}): a local time marked as UTC?`;
    else return { at: Math.min(summary.timestamp, now), from: 'report' };
  }
  const withNote = (t: ReportTime): ReportTime => (note === undefined ? t : { ...t, note });
  if (mtime !== null) return withNote({ at: mtime, from: 'file' });
  return withNote({ at: now, from: 'read' });
}

/**
 * Report names that name the tool, not the suite (its default when the suite is not named:
 * pytest's `junit_suite_name`, jest-junit's and vitest's `suiteName`, mocha-junit-reporter's
 * `testsuitesTitle` and its root suite). Two unrelated suites would share them, so a report
 * with one of these names is known by its file name instead.
 */
const TOOL_DEFAULT_NAMES = new Set(['pytest', 'jest tests', 'vitest tests', 'mocha tests', 'root suite']);

/**
 * The suite a dropped file reports for. A declared suite named by the file (without `.xml`) or,
 * failing that, by the report itself; else an ad-hoc suite named by the report (so a runner
 * writing one file per build, `checkout-build-1234.xml`, keeps updating one tile). Only a report
 * that names no suite of its own — several top-level suites and no name on `<testsuites>`, or a
 * tool's default name — is known by its file name.
 */
export function suiteNamesFor(file: string, summary: Pick<JUnitSummary, 'suite'>): { declared: string[]; adHoc: string } {
  const base = file.replace(/\.xml$/i, '');
  const own = summary.suite.trim();
  const named = own !== '' && isSuiteName(own) && !TOOL_DEFAULT_NAMES.has(own.toLowerCase());
  return { declared: [base, summary.suite], adHoc: named ? own : base };
}
