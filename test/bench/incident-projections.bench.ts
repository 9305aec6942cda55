/**
 * What reading incidents' projections costs as they pile up, with the projection cache off (every
 * read projects the log afresh, as before) and on, in one run on the same store of 200, 1,000 and
 * 5,000 incidents (12 entries each, seeded as in review.bench.ts):
 * - one incident's timeline and postmortem (GET /api/v1/incidents/{id}/timeline, .../postmortem);
 * - the plan reports' incident records (incidentRecordsFor: every incident);
 * - the weekend sources (fixes and the platform's state: every incident, twice for the fixes).
 * Figures are p50 ms per call after one warm-up call; the ratio is cache on beside cache off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/hub/store/db.ts';
import { IncidentRepository } from '../../electron/hub/store/incidents.ts';
import { DEFAULT_PROJECTIONS_KEPT, IncidentService } from '../../electron/hub/incidents/service.ts';
import { incidentRecordsFor } from '../../electron/hub/planning/incident-records.ts';
import { weekendSources } from '../../electron/hub/planning/weekend-sources.ts';
import type { ReviewService } from '../../electron/hub/review/service.ts';
import type { Plan } from '../../shared/model/plan.ts';
import { seed } from './review.bench.ts';
import { figure, percentile, type Figure } from './report.ts';

const SIZES = (process.env.PROJECTION_BENCH_SIZES ?? '200,1000,5000').split(',').map(Number);
const REPEATS = Number(process.env.PROJECTION_BENCH_REPEATS ?? 7);
/** One incident's reads are quick: this many, over different incidents, per figure. */
const SINGLE_READS = 200;

type Timings = { timelineMs: number; recordsMs: number; weekendMs: number };

function p50(run: () => void, repeats: number): number {
  run(); // warm-up: what a cache keeps, it keeps from here
  const xs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    run();
    xs.push(performance.now() - started);
  }
  return percentile(xs.sort((a, b) => a - b), 50);
}

function measure(dbPath: string, projectionsKept: number): Timings {
  const db = openDatabase(dbPath);
  try {
    const incidents = new IncidentService(new IncidentRepository(db), {
      timeZone: () => 'UTC',
      events: { entry() {}, summary() {}, change() {}, changeWithdrawn() {} },
      projectionsKept,
    });
    const ids = incidents.list().map((s) => s.id);
    const some = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / SINGLE_READS)) === 0).slice(0, SINGLE_READS);
    // The weekend sources' incident reads only; the canaries and SLOs are not what is measured.
    const weekend = weekendSources({ review: {} as ReviewService, incidents, canaries: { board: () => ({ entries: [] }) as never }, slos: { list: () => [] }, workspace: () => null });
    const plan = { event: { timezone: 'UTC', start: '2026-12-05T00:00', end: '2026-12-07T00:00' } } as Plan;
    const timelineMs =
      p50(() => {
        for (const id of some) {
          incidents.timeline(id);
          incidents.postmortem(id);
        }
      }, REPEATS) / some.length;
    const recordsMs = p50(() => incidentRecordsFor(incidents), REPEATS);
    const weekendMs = p50(() => {
      const now = Date.now();
      weekend.fixes(plan, now);
      weekend.platform(now);
    }, REPEATS);
    return { timelineMs, recordsMs, weekendMs };
  } finally {
    db.close();
  }
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const n of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'mc-bench-projections-'));
    try {
      seed(join(dir, 'data'), n);
      const dbPath = join(dir, 'data', 'mission-control.sqlite');
      const off = measure(dbPath, 0);
      const on = measure(dbPath, DEFAULT_PROJECTIONS_KEPT);
      const line = (name: string, key: keyof Timings) => {
        console.log(`  ${n} incidents, ${name}: ${off[key].toFixed(2)} ms → ${on[key].toFixed(2)} ms (×${(off[key] / on[key]).toFixed(1)} faster)`);
        figures.push(figure('incident-projections', `${name} at ${n} incidents, cache on`, on[key], 'ms', off[key]));
      };
      line('timeline + postmortem of one incident', 'timelineMs');
      line('incidentRecordsFor (plan reports)', 'recordsMs');
      line('weekend fixes + platform', 'weekendMs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}
