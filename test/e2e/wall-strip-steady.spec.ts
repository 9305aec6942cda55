/**
 * The event strip holds its layout while the countdown runs: its text changes width each time it
 * gains or loses a digit ("10:00" → "9:59", "1:00:00" → "59:59") and when the next key moment
 * changes ("Kick-off" → "Half-time 45:00"), and the choice of sections shown (and with one trigger
 * fired, whether the event stacks above "+N more") follows the widths. This samples the strip
 * second by second across those moments at the common wall sizes, far and near, with one trigger
 * fired, and counts every switch of a section shown or hidden and of the stacked layout.
 *
 * The plan's start is moved so each moment falls half a minute or so after the real time (a
 * faked page clock would drift from the hub's when the socket reconnects, and re-time it).
 */
import { expect, test, type Page } from '@playwright/test';
import { keyMomentTimes } from '../../shared/domain/planning/timeline.ts';
import type { Plan } from '../../shared/model/plan.ts';
import { liveFinal } from './support/event-plan.ts';
import { hubApi, pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { eventStripState, farRoomWorkspace, FULL_HD, NEAR_PLATFORM_WALL, openWall } from './support/wall.ts';

const MIN = 60_000;
const HD = { width: 1280, height: 720 } as const;
const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

const workspace =
  farRoomWorkspace(`      - { id: entitlement-403, title: Entitlement 403s, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: e403 } }
`) + NEAR_PLATFORM_WALL;

/** The strip's layout as the room sees it: stacked or not, and the sections shown. */
const layout = async (page: Page) => {
  const { stacked, shown, countdown } = await eventStripState(page);
  return { layout: `${stacked ? 'stacked ' : ''}${shown.join(',')}`, countdown };
};

/** Counts every change of the strip's stacked flag or of a section's shown flag, renders between samples included. */
const watchSwitches = (page: Page) =>
  page.getByTestId('event-strip').evaluate((strip) => {
    const w = window as unknown as { stripSwitches: number; stripObserver?: MutationObserver };
    w.stripObserver?.disconnect();
    w.stripSwitches = 0;
    w.stripObserver = new MutationObserver((records) => (w.stripSwitches += records.length));
    w.stripObserver.observe(strip, { attributes: true, subtree: true, attributeFilter: ['data-stacked', 'data-shown'] });
  });
const switches = (page: Page) => page.evaluate(() => (window as unknown as { stripSwitches: number }).stripSwitches);

test('the strip keeps its layout as the countdown changes width: switches counted across a countdown moment at four wall sizes', async ({ browser }) => {
  test.setTimeout(180_000);
  const hub = await startWorkspaceHub(workspace);
  const call = hubApi(hub.url);
  try {
    await pushPoints(hub.url, [{ series: 'e403', value: 1 }, { series: 'viewers', value: 1000 }]);
    const id = await liveFinal(hub.url, Date.now() - 5 * MIN, { triggerAtOnce: true });
    await pushPoints(hub.url, [{ series: 'e403', value: 500 }]);

    // A page per wall and size, all watched at once through each moment.
    const pages = [];
    for (const wall of ['room', 'platform']) {
      for (const screen of [FULL_HD, HD]) {
        const page = await browser.newPage();
        await openWall(page, hub.url, wall, screen);
        await expect(page.getByTestId('trigger-fired')).toHaveCount(1, { timeout: 20_000 });
        pages.push({ where: `${wall} ${screen.width}×${screen.height}`, page });
      }
    }

    // Each moment falls on a whole minute soon after now: the plan's start moved so that the key
    // moment, less `before`, is then.
    // One moment, the widest change: the template's longest label comes next. (Kick-off "10:00 →
    // 9:59" and kick-off → "Half-time 45:00" were measured too, 0 changes each; each costs a
    // minute of real time, so they are not run every time.)
    const moments = [{ what: 'final whistle → exit surge 2:00', moment: 'final-whistle', before: 0 }];
    const counts: string[] = [];
    let total = 0;
    let worst = 0;
    for (const { what, moment, before } of moments) {
      const stored = await call('GET', `/api/v1/plans/${id}`);
      const plan = stored.plan as Plan;
      const start = Date.parse(`${plan.event.start}Z`);
      const fromStart = keyMomentTimes(plan).find((m) => m.moment.id === moment)!.at - start - before;
      const boundary = Math.ceil((Date.now() + 25_000) / MIN) * MIN;
      const shift = boundary - fromStart - start;
      plan.event = { ...plan.event, start: utcMinute(start + shift), ...(plan.event.end ? { end: utcMinute(Date.parse(`${plan.event.end}Z`) + shift) } : {}) };
      await call('POST', `/api/v1/plans/${id}?revision=${String(stored.revision)}`, plan);
      await new Promise((r) => setTimeout(r, Math.max(0, boundary - 15_000 - Date.now())));
      for (const { page } of pages) await watchSwitches(page);
      const seen = pages.map(() => ({ layouts: new Map<string, number>(), texts: [] as string[], changes: 0, last: '' }));
      while (Date.now() < boundary + 15_000) {
        const tick = Date.now();
        for (const [i, { page }] of pages.entries()) {
          const now = await layout(page);
          const strip = seen[i]!;
          strip.layouts.set(now.layout, (strip.layouts.get(now.layout) ?? 0) + 1);
          if (strip.last !== '' && strip.last !== now.layout) strip.changes++;
          strip.last = now.layout;
          strip.texts.push(now.countdown);
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
      }
      for (const [i, { where, page }] of pages.entries()) {
        const n = await switches(page);
        const { layouts, texts, changes } = seen[i]!;
        // It saw the moment: enough samples, and the countdown's words changed across them.
        expect(texts.length, where).toBeGreaterThanOrEqual(15);
        expect(texts[0], where).not.toBe(texts.at(-1));
        total += changes;
        worst = Math.max(worst, changes);
        counts.push(`${where}, ${what} (${texts[0]} … ${texts.at(-1)}): ${changes} layout changes in ${texts.length} samples, ${n} flags flipped; ${[...layouts].map(([l, c]) => `${l} ×${c}`).join(' | ')}`);
      }
    }
    console.log(`${counts.join('\n')}\n${total} layout changes in all`);
    // At most one change per moment and wall: the strip never switches back and forth.
    expect(worst).toBeLessThanOrEqual(1);
  } finally {
    await hub.stop();
  }
});
