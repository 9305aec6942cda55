/**
 * Lists that show whole rows only (the canaries, the pulse's topics, a table, each with its "+N more" line)
 * on a far wall in Chromium against a real hub, while the window is resized: no frame draws a row
 * past its list's bottom. The rows were refitted a task after the frame that showed the new size, so
 * that frame drew the last row cut off; and a list showing all its rows was not refitted at all when
 * its room shrank (the topics' last row stayed cut while the new root font made the rows taller).
 * Sampled where the page is painted from: in a ResizeObserver made after the wall's (it runs after
 * theirs, just before the paint) and on each animation frame. On a wall of tables alone, 11 of
 * about 230 samples showed the "+N more rows" line cut as the wall grew: the wall's new root font
 * came a task after the new size, so tables refitted at the old type were drawn at the new.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { COMPLAINTS_ON_EVERY_TOPIC, postComplaints } from './support/pulse.ts';
import { farRoomWorkspace, openWall, PULSE_SECTION } from './support/wall.ts';

// Checks of a closed port, run rarely: on the board from the start, listed (show: all) and waiting.
const checks = Array.from({ length: 14 }, (_, i) => `    - { id: check-${i + 1}, name: Checkout step ${i + 1}, interval: 1h, request: { url: "http://127.0.0.1:9/health" } }`).join('\n');

const workspace = farRoomWorkspace(
  `
      - { id: room-canaries, title: Canaries, type: canaries, gridPos: { x: 0, y: 0, w: 12, h: 8 }, show: all }
      - { id: regions, title: Viewers by region, type: table, gridPos: { x: 0, y: 8, w: 12, h: 4 }, source: ops, query: { series: viewers } }
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 12, y: 0, w: 12, h: 8 }, span: 1h }
      - { id: notes, title: Notes, type: text, gridPos: { x: 12, y: 8, w: 12, h: 4 }, content: "Bridge: #war-room" }
`,
  `${PULSE_SECTION}canaries:
  checks:
${checks}
`,
);

// A wall of tables alone: no other panel's fit runs beside the tables' in the same frame.
const tablesWorkspace = `
version: 1
title: Tables
sources:
  - { id: ops, type: push }
walls:
  - id: tables
    title: Tables
    viewingDistance: far
    panels:
      - { id: regions, title: Viewers by region, type: table, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
      - { id: regions-errors, title: Errors by region, type: table, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: errors } }
      - { id: regions-short, title: Viewers (short), type: table, gridPos: { x: 0, y: 6, w: 12, h: 4 }, source: ops, query: { series: viewers } }
      - { id: regions-errors-short, title: Errors (short), type: table, gridPos: { x: 12, y: 6, w: 12, h: 4 }, source: ops, query: { series: errors } }
`;

const LISTS = [
  { list: '.canary-panel-list', row: ':scope > .canary-panel-item, :scope > .canary-panel-more' },
  { list: '[data-testid="pulse-topics"]', row: ':scope > .pulse-topic, :scope > .pulse-topic-more' },
  { list: '.table-panel', row: 'tr, .table-more' },
];

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east', 'af-south', 'me-central', 'ca-central', 'eu-south', 'ap-north'];

/** Every list's rows checked against its bottom while the window is resized; the cuts seen. */
async function cutsWhileResizing(page: Page, lists: typeof LISTS): Promise<{ cuts: string[]; samples: number; heights: number[] }> {
  // The sampler: every list's rows against its bottom, in a ResizeObserver made after the wall's
  // (its callback runs after theirs, before the paint) and on every animation frame.
  await page.evaluate((lists) => {
    const w = window as unknown as { __cuts: string[]; __samples: number };
    w.__cuts = [];
    w.__samples = 0;
    const check = (when: string) => {
      w.__samples += 1;
      for (const { list, row } of lists) {
        for (const el of document.querySelectorAll(list)) {
          const bottom = el.getBoundingClientRect().bottom;
          for (const r of el.querySelectorAll(row)) {
            const b = r.getBoundingClientRect().bottom;
            if (b > bottom + 0.5) w.__cuts.push(`${when} ${innerWidth}×${innerHeight}: ${list} row "${(r.textContent ?? '').slice(0, 30)}" ${(b - bottom).toFixed(1)} px past the list`);
          }
        }
      }
    };
    // Made again before each resize, so that it is the newest observer: observers are called in
    // the order they were made, so it runs after the wall's (a panel's may be made anew at any time).
    let observer: ResizeObserver | null = null;
    (window as unknown as { __watch: () => void }).__watch = () => {
      observer?.disconnect();
      observer = new ResizeObserver(() => check('before paint'));
      observer.observe(document.documentElement);
      for (const { list } of lists) for (const el of document.querySelectorAll(list)) observer.observe(el);
    };
    // A frame's callback runs before its layout: in the first frame at a new size it sees the new
    // room with rows not yet refitted (as the wall's observer does, before it refits them). What
    // that frame paints is sampled by the observer above; later frames here.
    let size = '';
    const frame = () => {
      if (`${innerWidth}×${innerHeight}` === size) check('frame');
      size = `${innerWidth}×${innerHeight}`;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, lists);

  // Shorter and taller, a row's height or so at a time, then by a third of the screen; each size held for a few frames.
  const heights = [1040, 990, 940, 880, 820, 760, 820, 900, 1000, 1080, 1000, 930, 860, 1080, 760, 1080];
  for (const height of heights) {
    await page.evaluate(() => (window as unknown as { __watch: () => void }).__watch());
    await page.setViewportSize({ width: 1920, height });
    await page.waitForTimeout(250);
  }
  const { cuts, samples } = await page.evaluate(() => {
    const w = window as unknown as { __cuts: string[]; __samples: number };
    return { cuts: w.__cuts, samples: w.__samples };
  });
  return { cuts, samples, heights };
}

async function pushRegions(hubUrl: string, series: string, scale: number): Promise<void> {
  await pushPoints(hubUrl, REGIONS.map((region, i) => ({ series, labels: { region }, value: scale * (i + 1) })));
}

test('resizing the wall never draws a frame with a cut row in a whole-row list', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await postComplaints(hub.url, COMPLAINTS_ON_EVERY_TOPIC);
    await pushRegions(hub.url, 'viewers', 1000);
    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('canaries-more')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('pulse-topics-more')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('table-more-regions')).toBeVisible({ timeout: 20_000 });

    const { cuts, samples, heights } = await cutsWhileResizing(page, LISTS);
    console.log(`samples: ${samples}, cut: ${cuts.length}`);
    expect(samples).toBeGreaterThan(heights.length * 5);
    expect(cuts).toEqual([]);
    // Nor did a refit in an observer's callback resize what another observer watches too late to be told ("ResizeObserver loop").
    expect(await pageErrors()).toEqual([]);
    // And settled: the lists still show rows and their "+N more" lines.
    await expect(page.getByTestId('canaries-more')).toBeVisible();
    await expect(page.getByTestId('pulse-topics-more')).toBeVisible();
    await expect(page.getByTestId('table-more-regions')).toBeVisible();
  } finally {
    await hub.stop();
  }
});

test('resizing a wall of tables alone never draws a frame with a cut row or a cut "+N more rows" line', async ({ page }) => {
  const hub = await startWorkspaceHub(tablesWorkspace);
  try {
    await pushRegions(hub.url, 'viewers', 1000);
    await pushRegions(hub.url, 'errors', 3);
    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'tables');
    for (const id of ['regions', 'regions-errors', 'regions-short', 'regions-errors-short']) await expect(page.getByTestId(`table-more-${id}`)).toBeVisible({ timeout: 20_000 });

    const { cuts, samples, heights } = await cutsWhileResizing(page, LISTS.filter((l) => l.list === '.table-panel'));
    console.log(`tables alone: samples: ${samples}, cut: ${cuts.length}\n${cuts.join('\n')}`);
    expect(samples).toBeGreaterThan(heights.length * 5);
    expect(cuts).toEqual([]);
    expect(await pageErrors()).toEqual([]);
    for (const id of ['regions', 'regions-errors', 'regions-short', 'regions-errors-short']) await expect(page.getByTestId(`table-more-${id}`)).toBeVisible();
  } finally {
    await hub.stop();
  }
});
