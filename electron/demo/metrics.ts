// Prometheus text exposition format 0.0.4 for the current state of the scenario.
// The simulated counters are fractional integrals; we expose whole numbers like a real exporter,
// chosen so that everything stays consistent and monotonic:
// - request counters are floor(exact value);
// - a histogram's _count is the sum of that service's exposed request counters (so _count equals
//   the related requests exactly), its +Inf bucket equals _count, and every other bucket is
//   min(floor(exact bucket), _count) — cumulative, and monotonic over time.

import { FAMILIES, IDX, SERIES, SERVICES, seriesKey } from './model.ts';
import type { MetricFamily } from './model.ts';
import { PHASES } from './phases.ts';
import type { Scenario } from './scenario.ts';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface Sample {
  readonly family: MetricFamily;
  /** Sample name (e.g. with _bucket). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** name{labels}, labels sorted: the key used by /demo/state. */
  readonly key: string;
}

/** Every sample of /metrics at `nowMs`, grouped by family, in exposition order. */
export function collectSamples(scenario: Scenario, nowMs: number, processStartSeconds: number): Sample[] {
  const exact = scenario.counters(nowMs);
  const exposed = new Float64Array(exact.length);
  for (const s of SERIES) exposed[s.index] = s.kind === 'gauge' ? Math.round(exact[s.index]!) : Math.floor(exact[s.index]!);

  SERVICES.forEach((_service, s) => {
    let count = 0;
    for (const byCode of IDX.http[s]!) for (const i of byCode) count += exposed[i]!;
    exposed[IDX.count[s]!] = count;
    for (const i of IDX.bucket[s]!) exposed[i] = Math.min(exposed[i]!, count);
    exposed[IDX.bucket[s]![IDX.bucket[s]!.length - 1]!] = count;
    exposed[IDX.sum[s]!] = Math.round(exact[IDX.sum[s]!]! * 1000) / 1000;
  });

  const samples: Sample[] = [];
  const push = (family: MetricFamily, name: string, labels: Record<string, string>, value: number): void => {
    samples.push({ family, name, labels, value, key: seriesKey(name, labels) });
  };

  const byFamily = (family: MetricFamily): void => {
    for (const s of SERIES) if (s.family === family) push(family, s.name, { ...s.labels }, exposed[s.index]!);
  };
  byFamily(FAMILIES.streams);
  byFamily(FAMILIES.http);
  byFamily(FAMILIES.cdn);
  byFamily(FAMILIES.errors);
  // Histogram: per service, its buckets then _sum and _count (as client libraries write them).
  SERVICES.forEach((service, s) => {
    for (const i of IDX.bucket[s]!) push(FAMILIES.latency, SERIES[i]!.name, { ...SERIES[i]!.labels }, exposed[i]!);
    push(FAMILIES.latency, `${FAMILIES.latency.name}_sum`, { service }, exposed[IDX.sum[s]!]!);
    push(FAMILIES.latency, `${FAMILIES.latency.name}_count`, { service }, exposed[IDX.count[s]!]!);
  });

  const current = scenario.phase(nowMs).name;
  push(FAMILIES.scenarioTime, FAMILIES.scenarioTime.name, {}, Math.round(scenario.scenarioTimeMs(nowMs)) / 1000);
  for (const phase of PHASES) push(FAMILIES.scenarioPhase, FAMILIES.scenarioPhase.name, { phase: phase.name }, phase.name === current ? 1 : 0);
  push(FAMILIES.scenarioOutage, FAMILIES.scenarioOutage.name, {}, scenario.isOutage(nowMs) ? 1 : 0);
  push(FAMILIES.processStart, FAMILIES.processStart.name, {}, processStartSeconds);
  return samples;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Render samples (grouped by family) as exposition text, with # HELP and # TYPE per family. */
export function renderExposition(samples: readonly Sample[]): string {
  const lines: string[] = [];
  let family: MetricFamily | undefined;
  for (const sample of samples) {
    if (sample.family !== family) {
      family = sample.family;
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    }
    lines.push(`${sample.key} ${formatValue(sample.value)}`); // labels sorted, = the /demo/state key
  }
  return `${lines.join('\n')}\n`;
}

/** The /metrics body at `nowMs`. */
export function renderMetrics(scenario: Scenario, nowMs: number, processStartSeconds: number): string {
  return renderExposition(collectSamples(scenario, nowMs, processStartSeconds));
}
