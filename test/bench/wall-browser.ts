/**
 * A 24-panel wall in Chromium (Debian's, through playwright-core) against an in-process hub
 * polling a fake Prometheus every second: every data panel type, every panel updating. The
 * wall-scripting and wall-soak benchmarks read the DevTools Performance metrics through CDP.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { benchWorkspace, startFakePrometheus, type FakePrometheus } from './fake-prometheus.ts';

const root = join(import.meta.dirname, '..', '..');
export const UI_DIR = join(root, 'dist', 'renderer');
export const PANELS = 24;

export interface BenchWall {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly hub: TestHub;
  /** Stop and restart the hub's polling (the "paused" wall: same screen, no updates). */
  pause(): void;
  resume(): void;
  metrics(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function openBenchWall(): Promise<BenchWall> {
  if (!existsSync(join(UI_DIR, 'index.html'))) throw new Error('build the UI first: npm run build');
  const prom: FakePrometheus = await startFakePrometheus();
  const hub = await startTestHub(
    benchWorkspace(prom.url, { panels: PANELS, queries: PANELS, types: ['stat', 'timeseries', 'gauge', 'status-grid', 'table', 'stat'] }),
    { uiDir: UI_DIR },
  );
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${hub.hub.url}/#/login?token=${hub.adminToken}`);
  await page.goto(`${hub.hub.url}/#/wall/bench`);
  await page.getByTestId('panel-p23').waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    page,
    cdp,
    hub,
    pause: () => hub.hub.scheduler.stop(),
    resume: () => hub.hub.scheduler.apply(hub.hub.workspace().workspace),
    metrics: async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
    close: async () => {
      await browser.close();
      await hub.close();
      await prom.close();
    },
  };
}

/** Main-thread scripting per second of wall time over `ms` (ScriptDuration is cumulative seconds). */
export async function scriptingMsPerSecond(wall: BenchWall, ms: number): Promise<number> {
  const a = await wall.metrics();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  const b = await wall.metrics();
  return ((b.ScriptDuration! - a.ScriptDuration!) * 1000) / ((Date.now() - t0) / 1000);
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
