// The scenario clock and the counters. Pure: every method takes the wall-clock time as an argument.
//
// How the numbers are made:
// - model.ts gives the true rate of every series at any minute of the night. We sample it every
//   KNOT_MS of scenario time (adding small seeded noise per sample) and join the samples with
//   straight lines: that piecewise-linear function *is* the true instantaneous rate.
// - Because the rates are piecewise-linear and the night loops, the integral from the start of the
//   night to any time is a prefix sum plus one trapezoid: O(1) however far time has moved.
// - Counters = integral of the rates over *wall* time. At speed N the scenario runs N× faster, but a
//   counter still grows by `rate` per real second, so Prometheus' rate() shows realistic numbers.
// - Jumps and outage overrides fold the counters into a base and continue from there, so counters
//   never go down (except when the process restarts, as with a real exporter).

import { IDX, OUTAGE_MODES, SERIES, conditionsAt, fillRates, postsPerMinute } from './model.ts';
import type { Conditions, OutageMode } from './model.ts';
import { LOOP_MS, MINUTE_MS, inScriptedOutage, phaseAt, wrapLoopMs } from './phases.ts';
import type { Phase } from './phases.ts';
import { signedUnit } from './random.ts';

/** Spacing of the rate samples, in scenario ms. */
export const KNOT_MS = 10_000;
const KNOTS = LOOP_MS / KNOT_MS;
const KNOT_S = KNOT_MS / 1000;

/**
 * Periodic piecewise-linear functions of loop time (one column per series), with exact integrals.
 * Values are "per second"; integrals are value × scenario seconds.
 */
class LoopTable {
  readonly width: number;
  private readonly values: Float64Array; // KNOTS rows
  private readonly prefix: Float64Array; // KNOTS + 1 rows: ∫ from the start of the loop to knot k

  constructor(width: number, fill: (knot: number, row: Float64Array) => void) {
    this.width = width;
    this.values = new Float64Array(KNOTS * width);
    this.prefix = new Float64Array((KNOTS + 1) * width);
    const row = new Float64Array(width);
    for (let k = 0; k < KNOTS; k++) {
      row.fill(0);
      fill(k, row);
      this.values.set(row, k * width);
    }
    for (let k = 0; k < KNOTS; k++) {
      const next = (k + 1) % KNOTS;
      for (let i = 0; i < width; i++) {
        const trapezoid = ((this.values[k * width + i]! + this.values[next * width + i]!) / 2) * KNOT_S;
        this.prefix[(k + 1) * width + i] = this.prefix[k * width + i]! + trapezoid;
      }
    }
  }

  /** Values at a scenario time (any, wrapped into the loop). */
  valueAt(scenarioMs: number, out: Float64Array): Float64Array {
    const t = wrapLoopMs(scenarioMs) / KNOT_MS;
    const k = Math.min(KNOTS - 1, Math.floor(t));
    const f = t - k;
    const a = k * this.width;
    const b = ((k + 1) % KNOTS) * this.width;
    for (let i = 0; i < this.width; i++) {
      out[i] = this.values[a + i]! + f * (this.values[b + i]! - this.values[a + i]!);
    }
    return out;
  }

  /** ∫ from scenario time 0 to `scenarioMs` (unbounded, may be negative) of every column. */
  integralTo(scenarioMs: number, out: Float64Array): Float64Array {
    const loops = Math.floor(scenarioMs / LOOP_MS);
    const t = wrapLoopMs(scenarioMs) / KNOT_MS;
    const k = Math.min(KNOTS - 1, Math.floor(t));
    const f = t - k; // fraction of the segment
    const a = k * this.width;
    const b = ((k + 1) % KNOTS) * this.width;
    const total = KNOTS * this.width;
    for (let i = 0; i < this.width; i++) {
      const v0 = this.values[a + i]!;
      const v1 = this.values[b + i]!;
      const partial = (v0 * f + ((v1 - v0) * f * f) / 2) * KNOT_S;
      out[i] = loops * this.prefix[total + i]! + this.prefix[a + i]! + partial;
    }
    return out;
  }
}

export interface ScenarioOptions {
  /** Seed of the noise and of the posts. Default 1. */
  seed?: number;
  /** Scenario speed, N× real time (> 0). Default 1. */
  speed?: number;
  /** Where in the night to start, in scenario minutes. Default 0. */
  startAtMinutes?: number;
  /** Wall-clock time (epoch ms) at which the scenario starts. Default Date.now(). */
  nowMs?: number;
}

export interface ScenarioTables {
  readonly rates: LoopTable;
  /** One column: customer posts per scenario second. */
  readonly posts: LoopTable;
}

export class Scenario {
  readonly seed: number;
  readonly speed: number;
  private mode: OutageMode = 'scripted';
  // The anchor: at wall time anchorWallMs the scenario was at anchorScenarioMs (unwrapped),
  // the counters were counterBase and postBase posts were due.
  private anchorWallMs: number;
  private anchorScenarioMs: number;
  private anchorIntegral: Float64Array;
  private anchorPostIntegral: number;
  private counterBase: Float64Array;
  private postBase = 0;
  private readonly tables = new Map<OutageMode, ScenarioTables>();
  private readonly scratch = new Float64Array(SERIES.length);
  private readonly scratch1 = new Float64Array(1);

  constructor(options: ScenarioOptions = {}) {
    const { seed = 1, speed = 1, startAtMinutes = 0, nowMs = Date.now() } = options;
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a number > 0, got ${speed}`);
    if (!Number.isFinite(startAtMinutes) || startAtMinutes < 0) {
      throw new RangeError(`startAtMinutes must be a number >= 0, got ${startAtMinutes}`);
    }
    this.seed = seed;
    this.speed = speed;
    this.anchorWallMs = nowMs;
    this.anchorScenarioMs = startAtMinutes * MINUTE_MS;
    this.counterBase = new Float64Array(SERIES.length);
    this.anchorIntegral = this.table().rates.integralTo(this.anchorScenarioMs, new Float64Array(SERIES.length));
    this.anchorPostIntegral = this.table().posts.integralTo(this.anchorScenarioMs, this.scratch1)[0]!;
  }

  // --- the clock -------------------------------------------------------------------------------

  /** Scenario time since the first night began (does not wrap). Clamped so it never runs backwards. */
  elapsedMs(nowMs: number): number {
    return this.anchorScenarioMs + Math.max(0, nowMs - this.anchorWallMs) * this.speed;
  }

  /** Scenario time within the current night, in [0, LOOP_MS). */
  scenarioTimeMs(nowMs: number): number {
    return wrapLoopMs(this.elapsedMs(nowMs));
  }

  /** How many nights have completed. */
  loopIndex(nowMs: number): number {
    return Math.floor(this.elapsedMs(nowMs) / LOOP_MS);
  }

  phase(nowMs: number): Phase {
    return phaseAt(this.elapsedMs(nowMs));
  }

  get outageMode(): OutageMode {
    return this.mode;
  }

  /** Whether the entitlement outage is on (scripted window, or forced). */
  isOutage(nowMs: number): boolean {
    if (this.mode !== 'scripted') return this.mode === 'force-on';
    return inScriptedOutage(this.elapsedMs(nowMs));
  }

  /** Audience, joins, surge and outage intensity right now (for the canary endpoints). */
  conditions(nowMs: number): Conditions {
    return conditionsAt(this.scenarioTimeMs(nowMs) / MINUTE_MS, this.mode);
  }

  /** The same for any scenario time, under the current outage mode. */
  conditionsAtScenario(scenarioMs: number): Conditions {
    return conditionsAt(wrapLoopMs(scenarioMs) / MINUTE_MS, this.mode);
  }

  // --- values (arrays aligned with SERIES) ------------------------------------------------------

  /** True rates now: per real second for counters; the current value for gauges. */
  rates(nowMs: number): Float64Array {
    return this.table().rates.valueAt(this.elapsedMs(nowMs), new Float64Array(SERIES.length));
  }

  /** Exact (fractional) counter values now; gauges hold their current value. */
  counters(nowMs: number): Float64Array {
    const elapsed = this.elapsedMs(nowMs);
    const out = this.table().rates.integralTo(elapsed, new Float64Array(SERIES.length));
    for (let i = 0; i < out.length; i++) {
      // scenario-seconds → real seconds
      out[i] = this.counterBase[i]! + (out[i]! - this.anchorIntegral[i]!) / this.speed;
    }
    const gauges = this.table().rates.valueAt(elapsed, this.scratch);
    for (const i of IDX.streams) out[i] = gauges[i]!;
    return out;
  }

  /** How many customer posts are due by now since the scenario started (fractional). */
  postsDue(nowMs: number): number {
    const integral = this.table().posts.integralTo(this.elapsedMs(nowMs), this.scratch1)[0]!;
    return this.postBase + integral - this.anchorPostIntegral;
  }

  /** Expected posts between two scenario times under the current mode (used for a backlog). */
  postsBetween(fromScenarioMs: number, toScenarioMs: number): number {
    const posts = this.table().posts;
    const to = posts.integralTo(toScenarioMs, this.scratch1)[0]!;
    const from = posts.integralTo(fromScenarioMs, this.scratch1)[0]!;
    return Math.max(0, to - from);
  }

  // --- control ----------------------------------------------------------------------------------

  /** Jump to a minute of the current night (values ≥ the loop length move to later nights). */
  jumpToMinutes(minutes: number, nowMs: number): void {
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a number >= 0, got ${minutes}`);
    const loopStart = this.loopIndex(nowMs) * LOOP_MS;
    this.reanchor(nowMs, loopStart + minutes * MINUTE_MS, this.mode);
  }

  /** Force the outage on or off, or go back to the script. */
  setOutageMode(mode: OutageMode, nowMs: number): void {
    if (!OUTAGE_MODES.includes(mode)) throw new RangeError(`unknown outage mode ${String(mode)}`);
    this.reanchor(nowMs, this.elapsedMs(nowMs), mode);
  }

  /** Fold everything accumulated so far into the base, then continue from a new time and mode. */
  private reanchor(nowMs: number, scenarioMs: number, mode: OutageMode): void {
    const wall = Math.max(nowMs, this.anchorWallMs);
    this.counterBase = this.counters(wall);
    this.postBase = this.postsDue(wall);
    this.anchorWallMs = wall;
    this.anchorScenarioMs = scenarioMs;
    this.mode = mode;
    this.anchorIntegral = this.table().rates.integralTo(scenarioMs, new Float64Array(SERIES.length));
    this.anchorPostIntegral = this.table().posts.integralTo(scenarioMs, this.scratch1)[0]!;
  }

  /** Sampled curves for the current mode, built on first use (≈1 ms; 900 knots). */
  private table(): ScenarioTables {
    let tables = this.tables.get(this.mode);
    if (!tables) {
      const mode = this.mode;
      const seed = this.seed;
      tables = {
        rates: new LoopTable(SERIES.length, (knot, row) => {
          // Noise is the same in every mode except where the curves differ, so forcing the
          // outage does not reshuffle the rest of the picture.
          fillRates((knot * KNOT_MS) / MINUTE_MS, mode, (channel) => signedUnit(seed, knot, channel), row);
        }),
        posts: new LoopTable(1, (knot, row) => {
          row[0] = postsPerMinute((knot * KNOT_MS) / MINUTE_MS, mode) / 60;
        }),
      };
      this.tables.set(mode, tables);
    }
    return tables;
  }
}

/** Turn an array aligned with SERIES into a record keyed by series key, for one kind of series. */
export function seriesRecord(values: Float64Array, kind: 'counter' | 'gauge'): Record<string, number> {
  const record: Record<string, number> = {};
  for (const series of SERIES) {
    if (series.kind === kind) record[series.key] = values[series.index]!;
  }
  return record;
}
