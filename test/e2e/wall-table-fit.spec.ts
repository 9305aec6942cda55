/**
 * A wall's table panels in Chromium against a real hub show whole rows only, and only as few as
 * they must: the last row shown and the "+N more rows" line lie within the panel's body, the line
 * counts exactly the rows left out, and no further row would fit. The fit took every body row to
 * be as tall as the header row and kept 0.7 of one for the line. Body rows are half a px taller
 * (the collapsed border under them; with a state icon, a unit, a long cell alike), and the line
 * with its gap needs more: on a desk-distance wall 1920×760 a state table's line ran 5 px past
 * its panel's body, and a far wall's table whose two rows fitted showed one and "+1 more row".
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { openWall } from './support/wall.ts';

// A state column: each value with its state's icon and colour, in larger type, and its unit.
const states = `, unit: reqps, thresholds: [{ value: null, state: ok }, { value: 5000, state: warning }, { value: 9000, state: critical }]`;
const table = (id: string, series: string, x: number, y: number, w: number, h: number, more = states) =>
  `      - { id: ${id}, title: Requests by region, type: table, gridPos: { x: ${x}, y: ${y}, w: ${w}, h: ${h} }, source: ops, query: { series: ${series} }${more} }\n`;

const workspace = `
version: 1
title: Tables
sources:
  - { id: ops, type: push }
walls:
  - id: far
    title: Far
    viewingDistance: far
    panels:
${table('two', 'two', 0, 0, 8, 4, '')}${table('many', 'many', 8, 0, 8, 6)}${table('many-tall', 'many', 0, 6, 12, 6, `${states}, maxRows: 30`)}      - { id: far-notes, title: Notes, type: text, gridPos: { x: 16, y: 0, w: 8, h: 12 }, content: "Bridge: #war-room" }

  - id: desk
    title: Desk
    viewingDistance: desk
    panels:
${table('desk-many', 'many', 0, 0, 8, 5)}      - { id: desk-notes, title: Notes, type: text, gridPos: { x: 8, y: 0, w: 16, h: 5 }, content: "Bridge: #war-room" }
${table('desk-many-tall', 'many', 0, 5, 12, 7, `${states}, maxRows: 30`)}${table('long', 'long', 12, 5, 12, 7, `${states}, maxRows: 30`)}
`;

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east', 'af-south', 'me-central', 'ca-central', 'eu-south', 'ap-north', 'ap-west', 'us-central', 'sa-west', 'af-north', 'eu-east', 'me-south'];

interface Fit {
  shown: number;
  more: string | null;
  /** How far the last row's and the note's bottoms lie past the panel's body (its content box), px. */
  rowPast: number;
  notePast: number | null;
  /** How far one more row would lie past the panel's body: with the note under it, and as the last row (no note), px. */
  nextPast: number;
  lastPast: number;
}

/** Each table's rows against its panel's body, as drawn. */
async function tableFits(page: Page): Promise<Record<string, Fit>> {
  return page.evaluate(() => {
    const fits: Record<string, Fit> = {};
    for (const box of document.querySelectorAll<HTMLElement>('.table-panel')) {
      const bottom = box.getBoundingClientRect().top + box.clientTop + box.clientHeight - parseFloat(getComputedStyle(box).paddingBottom);
      const rows = [...box.querySelectorAll('tbody tr')].map((tr) => tr.getBoundingClientRect());
      const last = rows[rows.length - 1]!;
      const note = box.querySelector('.table-more');
      const noteBottom = note?.getBoundingClientRect().bottom ?? null;
      fits[box.dataset.testid!.replace(/^table-/, '')] = {
        shown: rows.length,
        more: note?.textContent ?? null,
        rowPast: last.bottom - bottom,
        notePast: noteBottom === null ? null : noteBottom - bottom,
        nextPast: (noteBottom ?? last.bottom) + last.height - bottom,
        lastPast: last.bottom + last.height - bottom,
      };
    }
    return fits;
  });
}

async function pushRows(hubUrl: string, series: string, count: number, labels: (region: string) => Record<string, string> = (region) => ({ region })): Promise<void> {
  await pushPoints(hubUrl, REGIONS.slice(0, count).map((region, i) => ({ series, labels: labels(region), value: 1000 * (i + 1) })));
}

/** Every table whole, its note counting exactly the rows left out, and no room left for one more (below its maxRows). */
function expectWholeTables(fits: Record<string, Fit>, rows: Record<string, { total: number; maxRows: number }>, where: string): void {
  for (const [id, { total, maxRows }] of Object.entries(rows)) {
    const fit = fits[id]!;
    const hidden = total - fit.shown;
    expect(fit.more, `${where} ${id}: the rows left out`).toBe(hidden === 0 ? null : `+ ${hidden} more ${hidden === 1 ? 'row' : 'rows'}`);
    expect(fit.rowPast, `${where} ${id}: the last row's bottom past the panel's body`).toBeLessThanOrEqual(0.5);
    if (fit.notePast !== null) expect(fit.notePast, `${where} ${id}: the "+N more rows" line's bottom past the panel's body`).toBeLessThanOrEqual(0.5);
    // One more row shown, the note stays, unless that row was the one it counted.
    if (hidden > 0 && fit.shown < maxRows) expect(hidden === 1 ? fit.lastPast : fit.nextPast, `${where} ${id}: one more row would fit`).toBeGreaterThan(0.5);
  }
}

test('a wall table shows whole rows, as many as fit, and counts exactly the rest', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await pushRows(hub.url, 'two', 2);
    await pushRows(hub.url, 'many', 18);
    // Cells far wider than their column: cut short with an ellipsis, on one line.
    await pushRows(hub.url, 'long', 18, (region) => ({ region, note: `failover of ${region} to its secondary site in progress, traffic drained` }));
    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'far');
    await expect(page.getByTestId('table-row-two').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('table-more-many')).toBeVisible({ timeout: 20_000 });
    // Two rows in a tile with room for two but not for two and a note: both, no note.
    expectWholeTables(await tableFits(page), { two: { total: 2, maxRows: 10 }, many: { total: 18, maxRows: 10 }, 'many-tall': { total: 18, maxRows: 30 } }, 'far 1920×1080');

    await page.goto(`${hub.url}/#/wall/desk?kiosk`);
    await expect(page.getByTestId('table-row-long').first()).toBeVisible({ timeout: 20_000 });
    for (const [width, height] of [[1920, 760], [1920, 1080], [3840, 2160], [1280, 720]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      // Sampled after the new size's frame (its resize event, its root font and refits) is drawn.
      await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
      expectWholeTables(await tableFits(page), { 'desk-many': { total: 18, maxRows: 10 }, 'desk-many-tall': { total: 18, maxRows: 30 }, long: { total: 18, maxRows: 30 } }, `desk ${width}×${height}`);
    }
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
