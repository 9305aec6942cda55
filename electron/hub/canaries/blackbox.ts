/**
 * Prometheus blackbox_exporter probes as canaries. Per Prometheus source, every (shortest) probe
 * interval, instant queries over the probed instances: the sample time of probe_success
 * (timestamp()) at Prometheus's own clock, then, at that same time, probe_success,
 * probe_duration_seconds, probe_http_duration_seconds{phase} and probe_http_status_code. A probe's
 * result is recorded only when its sample is newer than the last one recorded: a probe Prometheus
 * stopped scraping sends nothing and goes stale. A source that does not answer records nothing
 * either (and says why in the log, once per change).
 *
 * The hub's clock is not Prometheus's, and may step (an NTP correction, a VM resumed). Asked at
 * the hub's clock, a hub stepped back an hour would ask for the samples of an hour ago and hold
 * every probe until its clock caught up. So Prometheus is asked at its own clock, samples are told
 * apart on that clock, and a result is dated on the hub's clock as it now reads, by the sample's
 * age: like the checks' times, which move back with a step (CanaryService), never ahead of now.
 */
import type { CanaryResult } from '../../../shared/model/canary.ts';
import type { ResolvedProbe } from '../../../shared/model/canary-checks.ts';
import type { SourceConfig } from '../../../shared/model/workspace.ts';
import type { CanaryRunDetail, CanaryTimings } from '../../../shared/protocol/canaries.ts';
import type { QueryResultSeries } from '../sources/adapter.ts';
import { PrometheusAdapter } from '../sources/prometheus/adapter.ts';

type PrometheusSource = Extract<SourceConfig, { type: 'prometheus' }>;

export interface ProbeReading {
  result: CanaryResult;
  timings: CanaryTimings | null;
  detail: CanaryRunDetail;
}

export interface BlackboxOptions {
  /** The hub's clock: results are dated on it. */
  readonly now: () => number;
  readonly log: (message: string) => void;
  readonly record: (id: string, reading: ProbeReading) => void;
}

/** blackbox_exporter's phase label → our phase. */
const PHASES = { resolve: 'dnsMs', connect: 'connectMs', tls: 'tlsMs', processing: 'firstByteMs', transfer: 'transferMs' } as const;

/** A PromQL selector matching exactly these instances (regex-escaped, then string-escaped). */
export function instanceSelector(instances: readonly string[]): string {
  const alternatives = [...new Set(instances)].map((i) => i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return `{instance=~"${alternatives.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"}`;
}


/** The series of one probe: its instance, and its job when the probe names one. */
function pick(series: readonly QueryResultSeries[], probe: ResolvedProbe): QueryResultSeries[] {
  return series.filter((s) => s.labels.instance === probe.instance && (probe.job === null || s.labels.job === probe.job));
}

/** One probe's reading from the five answers, or null when Prometheus holds no sample for it. */
export function readingOf(probe: ResolvedProbe, answers: { success: QueryResultSeries[]; at: QueryResultSeries[]; duration: QueryResultSeries[]; phases: QueryResultSeries[]; status: QueryResultSeries[] }): (ProbeReading & { sampleAt: number }) | null {
  const success = pick(answers.success, probe)[0];
  const at = pick(answers.at, probe)[0];
  if (!success || !at || !Number.isFinite(at.value)) return null;
  const sampleAt = Math.round(at.value * 1000);
  const duration = pick(answers.duration, probe)[0]?.value;
  const totalMs = duration !== undefined && Number.isFinite(duration) ? Math.round(duration * 1000 * 10) / 10 : null;
  const phaseSeries = pick(answers.phases, probe);
  let timings: CanaryTimings | null = null;
  if (totalMs !== null) {
    timings = { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, transferMs: null, totalMs };
    for (const s of phaseSeries) {
      const field = PHASES[s.labels.phase as keyof typeof PHASES];
      // blackbox reports 0 for phases that did not happen (no TLS on http://).
      if (field && Number.isFinite(s.value) && s.value > 0) timings[field] = (timings[field] ?? 0) + Math.round(s.value * 1000 * 10) / 10;
    }
  }
  const status = pick(answers.status, probe)[0]?.value;
  const ok = success.value === 1;
  const result: CanaryResult = { type: 'result', outcome: ok ? 'pass' : 'fail', at: sampleAt };
  if (totalMs !== null) result.latencyMs = totalMs;
  if (!ok) {
    if (status !== undefined && status > 0) {
      result.classification = 'http-status';
      result.message = `probe_success 0 (HTTP ${status})`;
    } else {
      result.classification = 'error';
      result.message = 'probe_success 0 (no HTTP answer: DNS, connection, TLS or timeout)';
    }
  }
  return { result, timings, sampleAt, detail: { steps: [{ name: 'probe', method: 'GET', url: probe.instance, status: status !== undefined && status > 0 ? status : null, ok, timings: timings ?? { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, transferMs: null, totalMs: 0 } }] } };
}

interface SourceGroup {
  adapter: PrometheusAdapter;
  probes: ResolvedProbe[];
  timer: NodeJS.Timeout;
  busy: boolean;
  lastError: string | null;
}

export class BlackboxProbes {
  readonly #o: BlackboxOptions;
  #groups: SourceGroup[] = [];
  /** The last sample time recorded per probe (across reconfigurations). */
  readonly #seen = new Map<string, number>();
  #abort = new AbortController();

  constructor(options: BlackboxOptions) {
    this.#o = options;
  }

  /** Poll these probes through these sources (replaces what was polled before). */
  set(probes: readonly ResolvedProbe[], sources: readonly SourceConfig[]): void {
    this.stop();
    this.#abort = new AbortController();
    const bySource = new Map<string, ResolvedProbe[]>();
    for (const p of probes) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p]);
    for (const [sourceId, list] of bySource) {
      const source = sources.find((s): s is PrometheusSource => s.id === sourceId && s.type === 'prometheus');
      if (!source) continue; // the workspace schema refuses this
      const intervalMs = Math.min(...list.map((p) => p.intervalMs));
      const group: SourceGroup = { adapter: new PrometheusAdapter(source), probes: list, busy: false, lastError: null, timer: setInterval(() => void this.#poll(group), intervalMs) };
      group.timer.unref();
      this.#groups.push(group);
      void this.#poll(group);
    }
    const ids = new Set(probes.map((p) => p.id));
    for (const id of this.#seen.keys()) if (!ids.has(id)) this.#seen.delete(id);
  }

  async #poll(group: SourceGroup): Promise<void> {
    if (group.busy) return;
    group.busy = true;
    const signal = this.#abort.signal;
    try {
      const selector = instanceSelector(group.probes.map((p) => p.instance));
      const at = await group.adapter.instantAtServer(`timestamp(probe_success${selector})`, signal);
      const heardAt = this.#o.now();
      // When Prometheus evaluated it, on its clock (none: no probe has a sample); the other
      // answers are read at that same time, so all five speak of the same samples.
      const evaluatedAt = at[0]?.at;
      const q = (expr: string) => (evaluatedAt === undefined ? Promise.resolve([]) : group.adapter.instant(expr, { signal, now: () => evaluatedAt }));
      const [success, duration, phases, status] = await Promise.all([
        q(`probe_success${selector}`),
        q(`probe_duration_seconds${selector}`),
        q(`probe_http_duration_seconds${selector}`),
        q(`probe_http_status_code${selector}`),
      ]);
      if (signal.aborted) return;
      if (group.lastError !== null) this.#o.log(`blackbox probes: ${group.probes[0]!.source} answers again`);
      group.lastError = null;
      for (const probe of group.probes) {
        const reading = readingOf(probe, { success, at, duration, phases, status });
        if (!reading || reading.sampleAt <= (this.#seen.get(probe.id) ?? 0)) continue;
        this.#seen.set(probe.id, reading.sampleAt);
        // Its age, on Prometheus's clock, taken from the hub's clock when the answer came.
        const age = Math.max(0, (evaluatedAt ?? reading.sampleAt) - reading.sampleAt);
        this.#o.record(probe.id, { ...reading, result: { ...reading.result, at: heardAt - age } });
      }
    } catch (error) {
      if (signal.aborted) return;
      const message = (error as Error).message;
      if (message !== group.lastError) this.#o.log(`blackbox probes: ${group.probes[0]!.source}: ${message}`);
      group.lastError = message;
    } finally {
      group.busy = false;
    }
  }

  stop(): void {
    this.#abort.abort();
    for (const g of this.#groups) {
      clearInterval(g.timer);
      g.adapter.close();
    }
    this.#groups = [];
  }
}

