// The demo platform: a simulated match night served over real HTTP (see server.ts for the routes).

export { startDemo, monotonicNow } from './server.ts';
export type { DemoHandle, DemoOptions } from './server.ts';
export { Scenario, seriesRecord, KNOT_MS } from './scenario.ts';
export type { ScenarioOptions } from './scenario.ts';
export {
  LOOP_MS,
  MINUTE_MS,
  MOMENTS,
  OUTAGE_WINDOW,
  PHASES,
  PHASE_NAMES,
  inScriptedOutage,
  phaseAt,
  wrapLoopMs,
} from './phases.ts';
export type { Moment, MomentName, Phase, PhaseName } from './phases.ts';
export {
  CDNS,
  CDN_RESULTS,
  CODES,
  FAMILIES,
  LATENCY_BUCKETS,
  PLAYBACK_ERRORS,
  REGIONS,
  SERIES,
  SERVICES,
  seriesKey,
} from './model.ts';
export type { Conditions, OutageMode, Series } from './model.ts';
export { CONTENT_TYPE, renderMetrics } from './metrics.ts';
export { collectSamples } from './metrics.ts';
export type { Sample } from './metrics.ts';
export { PostStream } from './posts.ts';
export type { Account, Mood, Post } from './posts.ts';
