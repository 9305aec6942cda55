// The story of a match night told as numbers: what the platform's traffic looks like at a given
// minute of the night. Pure functions of (minute, outage mode, noise); no clock, no I/O.
//
// Read it top-down: audience curve → conditions (outage, joins, surge) → the rate of every series.
// Rates of counters are "per second" as a real exporter would see them, whatever the demo speed.

import { MINUTE_MS, OUTAGE_WINDOW } from './phases.ts';

// ---------------------------------------------------------------------------------------------
// Dimensions (label values). Other code depends on these exact names.

export const REGIONS = ['eu-west', 'eu-central', 'af-south', 'us-east'] as const;
export type Region = (typeof REGIONS)[number];
/** af-south is the home market. */
export const REGION_SHARE: Readonly<Record<Region, number>> = {
  'eu-west': 0.17,
  'eu-central': 0.13,
  'af-south': 0.6,
  'us-east': 0.1,
};

export const SERVICES = ['api', 'entitlement', 'playback', 'login'] as const;
export type Service = (typeof SERVICES)[number];

export const CODES = ['200', '403', '500', '503'] as const;
export type Code = (typeof CODES)[number];

export const CDNS = ['akamai', 'cloudfront', 'fastly'] as const;
export type Cdn = (typeof CDNS)[number];
export const CDN_SHARE: Readonly<Record<Cdn, number>> = { akamai: 0.5, cloudfront: 0.3, fastly: 0.2 };
export const CDN_RESULTS = ['hit', 'miss'] as const;

export const PLAYBACK_ERRORS = ['drm_license', 'manifest', 'segment_timeout'] as const;
export type PlaybackError = (typeof PLAYBACK_ERRORS)[number];

/** Upper bounds of the latency histogram buckets, in seconds (+Inf is added). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

export type OutageMode = 'scripted' | 'force-on' | 'force-off';
export const OUTAGE_MODES: readonly OutageMode[] = ['scripted', 'force-on', 'force-off'];

// ---------------------------------------------------------------------------------------------
// Metric families and the catalogue of series.

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
}

export const FAMILIES = {
  streams: { name: 'mc_concurrent_streams', type: 'gauge', help: 'Video streams playing right now, by viewer region.' },
  http: { name: 'mc_http_requests_total', type: 'counter', help: 'HTTP requests served by the platform APIs, by service, status code and region.' },
  cdn: { name: 'mc_cdn_requests_total', type: 'counter', help: 'Video segment requests at the CDNs, by CDN and cache result.' },
  errors: { name: 'mc_playback_errors_total', type: 'counter', help: 'Playback errors reported by players, by region and error kind.' },
  latency: { name: 'mc_request_duration_seconds', type: 'histogram', help: 'Latency of platform API requests, by service.' },
  scenarioTime: { name: 'mc_scenario_time_seconds', type: 'gauge', help: 'Demo scenario clock: seconds since the start of the match night (wraps every loop).' },
  scenarioPhase: { name: 'mc_scenario_phase', type: 'gauge', help: 'Demo scenario phase: 1 for the current phase, 0 for the others.' },
  scenarioOutage: { name: 'mc_scenario_outage', type: 'gauge', help: 'Demo scenario: 1 while the entitlement outage is on.' },
  processStart: { name: 'process_start_time_seconds', type: 'gauge', help: 'Start time of the demo process since unix epoch in seconds.' },
} as const satisfies Record<string, MetricFamily>;

export interface Series {
  readonly index: number;
  /** Sample name, e.g. mc_request_duration_seconds_bucket. */
  readonly name: string;
  readonly family: MetricFamily;
  readonly labels: Readonly<Record<string, string>>;
  /** counter: monotonic, integrated from its rate; gauge: an instantaneous value. */
  readonly kind: 'counter' | 'gauge';
  /** name{labels} with labels sorted, exactly as rendered in /metrics. */
  readonly key: string;
}

/** Escape a label value for the Prometheus text format. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="1",b="2"}` with label names sorted: the key of a sample in /metrics and /demo/state. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  return `${name}{${names.map((n) => `${n}="${escapeLabelValue(labels[n] ?? '')}"`).join(',')}}`;
}

const catalogue: Series[] = [];
function addSeries(family: MetricFamily, name: string, labels: Record<string, string>, kind: Series['kind']): number {
  const index = catalogue.length;
  catalogue.push({ index, name, family, labels, kind, key: seriesKey(name, labels) });
  return index;
}

/** Indexes into SERIES, by dimension position (e.g. IDX.http[service][code][region]). */
export const IDX = {
  streams: REGIONS.map((region) => addSeries(FAMILIES.streams, FAMILIES.streams.name, { region }, 'gauge')),
  http: SERVICES.map((service) =>
    CODES.map((code) => REGIONS.map((region) => addSeries(FAMILIES.http, FAMILIES.http.name, { service, code, region }, 'counter'))),
  ),
  cdn: CDNS.map((cdn) => CDN_RESULTS.map((result) => addSeries(FAMILIES.cdn, FAMILIES.cdn.name, { cdn, result }, 'counter'))),
  errors: REGIONS.map((region) =>
    PLAYBACK_ERRORS.map((error) => addSeries(FAMILIES.errors, FAMILIES.errors.name, { region, error }, 'counter')),
  ),
  /** latency.bucket[service][i]: i < LATENCY_BUCKETS.length, the last one is +Inf. */
  bucket: SERVICES.map((service) =>
    [...LATENCY_BUCKETS.map((le) => String(le)), '+Inf'].map((le) =>
      addSeries(FAMILIES.latency, `${FAMILIES.latency.name}_bucket`, { service, le }, 'counter'),
    ),
  ),
  sum: SERVICES.map((service) => addSeries(FAMILIES.latency, `${FAMILIES.latency.name}_sum`, { service }, 'counter')),
  count: SERVICES.map((service) => addSeries(FAMILIES.latency, `${FAMILIES.latency.name}_count`, { service }, 'counter')),
};

/** Every simulated series, in exposition order. Values are arrays aligned with this list. */
export const SERIES: readonly Series[] = catalogue;

// ---------------------------------------------------------------------------------------------
// The curves.

const OUTAGE_START_MIN = OUTAGE_WINDOW.startMs / MINUTE_MS;
const OUTAGE_END_MIN = OUTAGE_WINDOW.endMs / MINUTE_MS;

/** (minute, total concurrent streams) — the shape of the night before any outage. */
const AUDIENCE_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0, 150_000], // evening baseline
  [10, 400_000],
  [18, 950_000], // everyone tunes in for kick-off
  [20, 1_150_000],
  [23, 1_200_000],
  [45, 1_170_000],
  [65, 1_190_000],
  [68, 860_000], // half-time: kettles, fridges, bathrooms
  [74, 780_000],
  [78, 1_000_000], // ...and back for the second half
  [80, 1_210_000],
  [83, 1_230_000],
  [124, 1_220_000],
  [128, 900_000], // final whistle: the exodus
  [135, 450_000],
  [142, 240_000],
  [150, 150_000], // back to the baseline (= minute 0, so the loop is seamless)
];

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Smoothstep between the audience points: a smooth curve through all of them. */
export function baseAudience(minute: number): number {
  for (let i = 1; i < AUDIENCE_POINTS.length; i++) {
    const [m1, v1] = AUDIENCE_POINTS[i]!;
    if (minute <= m1) {
      const [m0, v0] = AUDIENCE_POINTS[i - 1]!;
      const x = clamp01((minute - m0) / (m1 - m0));
      return v0 + (v1 - v0) * x * x * (3 - 2 * x);
    }
  }
  return AUDIENCE_POINTS[AUDIENCE_POINTS.length - 1]![1];
}

/** 0..1: how hard the outage is hitting at this minute (ramps in and out over 30 s). */
export function outageIntensity(minute: number, mode: OutageMode): number {
  if (mode === 'force-on') return 1;
  if (mode === 'force-off') return 0;
  return clamp01((minute - OUTAGE_START_MIN) / 0.5) * clamp01((OUTAGE_END_MIN - minute) / 0.5);
}

/** Share of entitlement requests denied with 403 because of the outage (35–60% at full intensity). */
export function entitlementDenialShare(minute: number, mode: OutageMode): number {
  return outageIntensity(minute, mode) * (0.475 + 0.12 * Math.sin((2 * Math.PI * minute) / 2.3));
}

/** Total streams: the audience curve, minus the viewers the outage kicks out (up to 25%). */
export function audience(minute: number, mode: OutageMode): number {
  return baseAudience(minute) * (1 - 0.25 * outageIntensity(minute, mode));
}

export interface Conditions {
  readonly minute: number;
  /** 0..1, see outageIntensity. */
  readonly outage: number;
  /** Total concurrent streams. */
  readonly audience: number;
  /** New streams starting per second (the positive slope of the audience). */
  readonly joinsPerSecond: number;
  /** 0..1: how much the platform is strained by joins (kick-off, back from half-time, recovery). */
  readonly surge: number;
}

export function conditionsAt(minute: number, mode: OutageMode): Conditions {
  const h = 1 / 6; // 10 s either side
  const slopePerSecond = (audience(minute + h, mode) - audience(minute - h, mode)) / (2 * h * 60);
  const joinsPerSecond = Math.max(0, slopePerSecond);
  return {
    minute,
    outage: outageIntensity(minute, mode),
    audience: audience(minute, mode),
    joinsPerSecond,
    surge: clamp01(joinsPerSecond / 2500),
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf; error < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Requests per second per service: steady per-viewer polling plus a burst per joining viewer. */
function serviceRequestRate(service: Service, c: Conditions): number {
  switch (service) {
    case 'api':
      return c.audience / 15 + c.joinsPerSecond * 5;
    case 'entitlement':
      // clients retry denied checks, so the outage inflates the volume too
      return (c.audience / 240 + c.joinsPerSecond * 1.5) * (1 + 1.5 * c.outage);
    case 'playback':
      return c.audience / 30 + c.joinsPerSecond * 2;
    case 'login':
      return c.audience / 1200 + c.joinsPerSecond * 0.5;
  }
}

/**
 * Server errors per service: [500s at rest, 500s per unit of surge, 503s at rest, 503s per
 * surge²] (503s: load shedding when the joins pile up). Entitlement and playback are pre-scaled
 * for the night (the demo plan's capacity steps), so they shed far less and stay inside the demo
 * plan's event SLOs (99.9% and 99.5%) through the surges: only the outage pages.
 */
const SERVER_ERRORS: Readonly<Record<Service, readonly [number, number, number, number]>> = {
  api: [0.0008, 0.004, 0.0003, 0.02],
  entitlement: [0.0001, 0.0006, 0.00005, 0.001],
  playback: [0.0008, 0.002, 0.0003, 0.005],
  login: [0.0008, 0.004, 0.0003, 0.02],
};

/** Share of each status code for a service (200 is the rest). */
function codeShares(service: Service, c: Conditions, denial: number): Record<Code, number> {
  const [rest500, surge500, rest503, surge503] = SERVER_ERRORS[service];
  const p500 = rest500 + surge500 * c.surge;
  const p503 = rest503 + surge503 * c.surge * c.surge;
  // The evening's own 403s (expired trials, stale tokens) stay well under the demo wall's
  // warning (5/s at a full house), so the wall is calm until the outage.
  const p403 =
    service === 'entitlement' ? 0.00015 + denial
    : service === 'login' ? 0.01 + 0.1 * c.outage // failed logins rise a bit during the outage
    : service === 'playback' ? 0.0005 + 0.08 * c.outage // licence requests refused after denied checks
    : 0.0005;
  return { '200': 1 - p403 - p500 - p503, '403': p403, '500': p500, '503': p503 };
}

/** Median latency (seconds) per service, before strain. */
const BASE_MEDIAN_S: Readonly<Record<Service, number>> = { api: 0.04, entitlement: 0.025, playback: 0.06, login: 0.12 };
/** How much each service slows down at full outage intensity (× median). */
const OUTAGE_SLOWDOWN: Readonly<Record<Service, number>> = { api: 0.5, entitlement: 6, playback: 2, login: 1 };

/** Playback errors per stream per second: [base, per unit of surge, per unit of outage]. */
const ERROR_PER_STREAM: Readonly<Record<PlaybackError, readonly [number, number, number]>> = {
  drm_license: [2e-6, 0, 3e-4], // licence refused when the entitlement check fails
  manifest: [1.5e-6, 1e-5, 0],
  segment_timeout: [4e-6, 3e-5, 2e-5], // buffering
};

/**
 * Fill `out` (aligned with SERIES) with the true rates at a minute of the night: per-second rates
 * for counters, current values for gauges. `noise(channel)` gives a small seeded value in [-1, 1).
 */
export function fillRates(minute: number, mode: OutageMode, noise: (channel: number) => number, out: Float64Array): void {
  const c = conditionsAt(minute, mode);
  const denial = entitlementDenialShare(minute, mode);

  REGIONS.forEach((region, r) => {
    out[IDX.streams[r]!] = c.audience * REGION_SHARE[region] * (1 + 0.02 * noise(IDX.streams[r]!));
  });

  SERVICES.forEach((service, s) => {
    const total = serviceRequestRate(service, c);
    const shares = codeShares(service, c, denial);
    let count = 0;
    REGIONS.forEach((region, r) => {
      const regional = total * REGION_SHARE[region] * (1 + 0.03 * noise(1000 + s * 10 + r));
      CODES.forEach((code, k) => {
        const rate = regional * shares[code];
        out[IDX.http[s]![k]![r]!] = rate;
        count += rate;
      });
    });
    // Latency: log-normal around a median that rises with strain; buckets = count × CDF(le).
    const median =
      BASE_MEDIAN_S[service] * (1 + 1.5 * c.surge + OUTAGE_SLOWDOWN[service] * c.outage) * (1 + 0.05 * noise(2000 + s));
    const sigma = 0.55 + 0.25 * c.outage;
    const buckets = IDX.bucket[s]!;
    LATENCY_BUCKETS.forEach((le, b) => {
      out[buckets[b]!] = count * normalCdf((Math.log(le) - Math.log(median)) / sigma);
    });
    out[buckets[LATENCY_BUCKETS.length]!] = count; // +Inf
    out[IDX.count[s]!] = count;
    out[IDX.sum[s]!] = count * median * Math.exp((sigma * sigma) / 2);
  });

  // CDN: one segment request every 4 s per stream; the hit ratio sags when viewers pour in.
  const hitRatio = Math.min(0.995, Math.max(0.5, 0.955 - 0.08 * c.surge + 0.004 * noise(3000)));
  CDNS.forEach((cdn, k) => {
    const total = (c.audience / 4) * CDN_SHARE[cdn] * (1 + 0.03 * noise(3001 + k));
    out[IDX.cdn[k]![0]!] = total * hitRatio;
    out[IDX.cdn[k]![1]!] = total * (1 - hitRatio);
  });

  REGIONS.forEach((region, r) => {
    const streams = c.audience * REGION_SHARE[region];
    PLAYBACK_ERRORS.forEach((error, e) => {
      const [base, perSurge, perOutage] = ERROR_PER_STREAM[error];
      out[IDX.errors[r]![e]!] =
        streams * (base + perSurge * c.surge + perOutage * c.outage) * (1 + 0.1 * noise(4000 + r * 10 + e));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Customer posts: how many per scenario minute.

function bump(minute: number, centre: number, width: number): number {
  const x = (minute - centre) / width;
  return Math.exp(-x * x);
}

/**
 * Customer posts per scenario minute: a few normally, bursts at the big moments,
 * 60–140 during the outage, and a wave of relief right after the scripted outage.
 */
export function postsPerMinute(minute: number, mode: OutageMode): number {
  const o = outageIntensity(minute, mode);
  let rate = 3;
  rate += 7 * bump(minute, 21, 2); // kick-off
  rate += 8 * bump(minute, 38.7, 1.2); // goal
  rate += 4 * bump(minute, 66, 2); // half-time
  rate += 8 * bump(minute, 91.7, 1.2); // goal
  rate += 8 * bump(minute, 117.7, 1.2); // goal
  rate += 6 * bump(minute, 126.5, 3); // final whistle
  rate += o * (100 + 40 * Math.sin((2 * Math.PI * minute) / 3)); // the outage storm
  if (mode === 'scripted' && minute >= OUTAGE_END_MIN && minute < OUTAGE_END_MIN + 12) {
    rate += 18 * Math.exp(-(minute - OUTAGE_END_MIN) / 3); // "it's back!"
  }
  return rate;
}
