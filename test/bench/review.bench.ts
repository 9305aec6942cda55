/**
 * The weekly review's cost as incidents pile up: `GET /api/v1/review/weekly.json` and `.md` on a
 * real hub whose SQLite holds 200, 1,000 and 5,000 past incidents (each declared, recorded, with a
 * note, a task, a follow-up, mitigated and resolved: 12 entries). Every review reads the
 * follow-ups of every incident so far, so its time grows with the history; the ratio per size
 * beside 200 shows how (linear is ×5 and ×25). The first request after start and the repeats are
 * reported apart: the repeats are what a room reloading the page pays.
 *
 * Seeding goes through the hub's own incident service into the real store (with the store's own
 * durability settings), then the hub starts on that folder and replays it as after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { openDatabase } from '../../electron/hub/store/db.ts';
import { IncidentRepository } from '../../electron/hub/store/incidents.ts';
import { IncidentService } from '../../electron/hub/incidents/service.ts';
import { startTestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { figure, percentile, type Figure } from './report.ts';

const SIZES = (process.env.REVIEW_BENCH_SIZES ?? '200,1000,5000').split(',').map(Number);
const REPEATS = Number(process.env.REVIEW_BENCH_REPEATS ?? 7);
const MIN = 60_000;
const DAY = 86_400_000;
const causes = ['change', 'Change', 'capacity', 'dependency', 'config change', 'third party'];
const services = ['entitlement', 'login', 'playback', 'cdn'];

/** `n` incidents, one every few hours back from now, written through the incident service. */
export function seed(dataDir: string, n: number): void {
  const db = openDatabase(join(dataDir, 'mission-control.sqlite'));
  const end = Date.now() - DAY;
  const spacing = Math.max(MIN, Math.floor((365 * DAY) / n));
  let clock = end - n * spacing;
  const incidents = new IncidentService(new IncidentRepository(db), {
    now: () => clock,
    timeZone: () => 'UTC',
    events: { entry() {}, summary() {}, change() {}, changeWithdrawn() {} },
  });
  const actor = { tokenId: null, tokenName: 'bench' };
  for (let i = 0; i < n; i++) {
    clock += spacing;
    const id = ulid(clock);
    const at = clock;
    const who = { author: 'ann', console: 'bench' };
    incidents.declare({ id, title: `Incident ${i}: 403s on ${services[i % services.length]}`, severity: 2, ...who, occurredAt: at }, actor);
    const log = (kind: string, offset: number, data: Record<string, unknown>, text = '') =>
      incidents.command({ id: ulid(at + offset), incidentId: id, kind, text, data, occurredAt: at + offset, ...who } as never, actor);
    log('marker', -10 * MIN, { marker: 'impact_started' });
    log('bookkeeping', MIN, { service: services[i % services.length], rootCauseCategory: causes[i % causes.length], impact: 'viewers could not start playback' });
    log('note', 2 * MIN, {}, 'CDN origin returns 403 for the entitlement path');
    log('task', 3 * MIN, { owner: 'bob', timeboxMs: 10 * MIN }, 'check the CDN logs');
    log('todo', 4 * MIN, { owner: 'bob', dueAt: at + 14 * DAY }, 'alert on the 403 rate');
    log('marker', 20 * MIN, { marker: 'mitigated' });
    log('marker', 40 * MIN, { marker: 'resolved' });
  }
  db.close();
}

async function measure(n: number): Promise<{ firstMs: number; jsonMs: number; mdMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-review-'));
  try {
    const dataDir = join(dir, 'data');
    const seeded = Date.now();
    seed(dataDir, n);
    console.log(`  ${n} incidents seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const t = await startTestHub(minimalWorkspaceYaml('Bench'), { dataDir });
    try {
      const time = async (path: string): Promise<number> => {
        const started = performance.now();
        const res = await t.http(path, { token: t.adminToken });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        return performance.now() - started;
      };
      const firstMs = await time('/api/v1/review/weekly.json');
      const json: number[] = [];
      const md: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        json.push(await time('/api/v1/review/weekly.json'));
        md.push(await time('/api/v1/review/weekly.md'));
      }
      const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
      return { firstMs, jsonMs: p50(json), mdMs: p50(md) };
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
  for (const n of SIZES) {
    const r = await measure(n);
    results.set(n, r);
    console.log(`  ${n} incidents: weekly.json first ${r.firstMs.toFixed(1)} ms, then p50 ${r.jsonMs.toFixed(1)} ms; weekly.md p50 ${r.mdMs.toFixed(1)} ms`);
  }
  const base = results.get(SIZES[0]!)!;
  const figures: Figure[] = [];
  for (const [n, r] of results) {
    // Beside the smallest size: the ratio says how the cost grows.
    const against = (b: number) => (n === SIZES[0] ? undefined : b);
    figures.push(figure('review', `weekly.json p50 at ${n} incidents`, r.jsonMs, 'ms', against(base.jsonMs)));
    figures.push(figure('review', `weekly.md p50 at ${n} incidents`, r.mdMs, 'ms', against(base.mdMs)));
    figures.push(figure('review', `weekly.json first after start at ${n} incidents`, r.firstMs, 'ms', against(base.firstMs)));
  }
  return figures;
}
