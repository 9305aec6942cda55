/**
 * Soak, reduced: the 24-panel wall updating every second for SOAK_MINUTES (default 3; the
 * issue's run is 30), JS heap (after a forced GC) and DOM node count sampled every SAMPLE_S
 * seconds. Prints the trend and the heap growth extrapolated to an hour. Target: < 5 MB/hour.
 */
import { figure, type Figure } from './report.ts';
import { openBenchWall, slope } from './wall-browser.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 3);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 15);

export async function run(): Promise<Figure[]> {
  const wall = await openBenchWall();
  try {
    await new Promise((r) => setTimeout(r, 10_000)); // warm up: charts filled to their windows
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
    console.log(`  heap trend: ${mbPerHour.toFixed(2)} MB/hour over the run, ${lateMbPerHour.toFixed(2)} MB/hour over its second half (target < 5; buffers fill for the first 15 min)`);
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
