/**
 * A 24-panel wall updating every second: main-thread scripting time per second of wall time in
 * Chromium (DevTools Performance metrics), beside the same wall with the hub's polling paused, in
 * one run. Target: under 100 ms of scripting per second.
 */
import { figure, type Figure } from './report.ts';
import { openBenchWall, PANELS, scriptingMsPerSecond } from './wall-browser.ts';

const SAMPLE_MS = Number(process.env.WALL_SAMPLE_MS ?? 30_000);

export async function run(): Promise<Figure[]> {
  const wall = await openBenchWall();
  try {
    await new Promise((r) => setTimeout(r, 5000)); // charts drawn, history filled
    const live = await scriptingMsPerSecond(wall, SAMPLE_MS);
    wall.pause();
    await new Promise((r) => setTimeout(r, 2000));
    const paused = await scriptingMsPerSecond(wall, SAMPLE_MS);
    console.log(`${PANELS}-panel wall, ${SAMPLE_MS / 1000} s each:`);
    console.log(`  scripting while updating every second: ${live.toFixed(1)} ms/s (target < 100)`);
    console.log(`  scripting with updates paused:         ${paused.toFixed(1)} ms/s (clocks and ages still tick)`);
    return [figure('wall-scripting', 'scripting per second, 24 panels updating', live, 'ms/s', paused)];
  } finally {
    await wall.close();
  }
}
