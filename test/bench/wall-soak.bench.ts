/**
 * Soak, reduced: the 24-panel wall updating every second for SOAK_MINUTES (default 3; the
 * issue's run is 30) after SOAK_WARMUP_S (default 10), JS heap (after a forced GC) and DOM node
 * count sampled every SOAK_SAMPLE_S seconds. Prints the trend and the heap growth extrapolated to
 * an hour, over the whole run and over its second half. Target: < 5 MB/hour.
 *
 * What fills legitimately: stat sparklines keep 15 min of points (8 frames × 4 series × 900),
 * timeseries 5 min; gauges, grids and tables only the latest point. So the steady state starts
 * 15 min in: a short run measures it only with SOAK_WARMUP_S=900 (e.g. SOAK_WARMUP_S=900
 * SOAK_MINUTES=6); a 30-min run's second half is steady by itself.
 */
import { figure, type Figure } from './report.ts';
import { openBenchWall, slope } from './wall-browser.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 3);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 15);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 10);

export async function run(): Promise<Figure[]> {
  const wall = await openBenchWall();
  try {
    console.log(`soak: warming up ${WARMUP_S} s`);
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    const t: number[] = [];
    const heap: number[] = [];
    const nodes: number[] = [];
    const end = Date.now() + MINUTES * 60_000;
    const start = Date.now();
    console.log(`soak: ${MINUTES} min, a sample every ${SAMPLE_S} s`);
    while (Date.now() < end) {
      await wall.cdp.send('HeapProfiler.collectGarbage');
      const m = await wall.metrics();
      t.push((Date.now() - start) / 3_600_000);
      heap.push(m.JSHeapUsedSize! / 1048576);
      nodes.push(m.Nodes!);
      console.log(`  ${((Date.now() - start) / 1000).toFixed(0).padStart(4)} s  heap ${heap.at(-1)!.toFixed(2)} MB  DOM nodes ${nodes.at(-1)}`);
      await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
    }
    const mbPerHour = slope(t, heap);
    const nodesPerHour = slope(t, nodes);
    // The wall's buffers fill for 15 min (stat frames keep 15 min of points): until then heap
    // growth is the windows filling, not a leak. The second half of a long run shows the trend.
    const half = Math.floor(t.length / 2);
    const lateMbPerHour = slope(t.slice(half), heap.slice(half));
    const steady = WARMUP_S + (t[half] ?? 0) * 3600 >= 900 ? 'steady state' : 'still filling: sparklines fill for 15 min';
    console.log(`  heap trend: ${mbPerHour.toFixed(2)} MB/hour over the run, ${lateMbPerHour.toFixed(2)} MB/hour over its second half (${steady}; target < 5)`);
    console.log(`  DOM nodes: ${nodes[0]} → ${nodes.at(-1)} (${nodesPerHour.toFixed(0)}/hour)`);
    return [
      figure('wall-soak', 'JS heap growth (extrapolated)', mbPerHour, 'MB/hour'),
      figure('wall-soak', 'JS heap growth, second half (extrapolated)', lateMbPerHour, 'MB/hour'),
      figure('wall-soak', 'DOM node growth (extrapolated)', nodesPerHour, 'nodes/hour'),
      figure('wall-soak', 'JS heap at end', heap.at(-1)!, 'MB', heap[0]),
    ];
  } finally {
    await wall.close();
  }
}
