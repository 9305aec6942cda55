/** A wall in the tests: the workspace of a war-room wall, and a screen in Chromium showing a wall. */
import type { Page } from '@playwright/test';
import { ADMIN_TOKEN } from './processes.ts';

/**
 * A workspace of one wall, `room` ("War room"), read from far away (the demo's room wall), its
 * `panels` (YAML list items, indented as under `panels:`) on the push source `ops`. `sections`:
 * more top-level YAML before the walls (a `pulse:` or `canaries:` block).
 */
export const farRoomWorkspace = (panels: string, sections = ''): string => `
version: 1
title: Room
sources:
  - { id: ops, type: push }
${sections}walls:
  - id: room
    title: War room
    viewingDistance: far
    panels:
${panels}`;

/**
 * The demo's room wall (far, rotating, held on the 403s), its first page on the push source `ops`:
 * two stats (`viewers`, `e403`) over the one chart, "Requests per second by status" (`requests`,
 * a series a status code). The playback errors' stat (`playback`) is on the second page, for the
 * sports-final plan's trigger on it.
 */
export const ROOM_WALL_WORKSPACE = `
version: 1
title: Room
sources:
  - { id: ops, type: push }
walls:
  - id: room
    title: War room (rotating)
    viewingDistance: far
    pages:
      - { id: health, title: Platform health, panels: [streams, entitlement-403, requests] }
      - { id: other, title: Other, panels: [playback-errors] }
    rotation: { interval: 30s, holdOn: [entitlement-403] }
    panels:
      - { id: streams, title: Users streaming now, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 4 }, source: ops, query: { series: viewers }, unit: short }
      - id: entitlement-403
        title: Entitlement 403s per second
        type: stat
        gridPos: { x: 12, y: 0, w: 12, h: 4 }
        source: ops
        query: { series: e403 }
        unit: reqps
        thresholds:
          - { value: null, state: ok }
          - { value: 5, state: warning }
          - { value: 50, state: critical }
      - { id: requests, title: Requests per second by status, type: timeseries, gridPos: { x: 0, y: 4, w: 24, h: 8 }, source: ops, query: { series: requests }, unit: reqps, span: 15m }
      - { id: playback-errors, title: Playback errors per second, type: stat, gridPos: { x: 0, y: 0, w: 24, h: 12 }, source: ops, query: { series: playback }, unit: reqps }
`;

/** A `walls:` entry to append: a near wall `platform` with one push stat, for the event strip at desk distance. */
export const NEAR_PLATFORM_WALL = `  - id: platform
    title: Platform
    viewingDistance: near
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 24, h: 6 }, source: ops, query: { series: viewers } }
`;

/** The event strip as the room reads it: the sections shown, stacked or not, "+N more" if shown, the countdown's words. */
export const eventStripState = (page: Page) =>
  page.getByTestId('event-strip').evaluate((strip) => {
    const more = strip.querySelector<HTMLElement>('[data-testid="event-more"]');
    return {
      shown: [...strip.querySelectorAll<HTMLElement>('[data-section]')].filter((s) => s.dataset.shown === 'true').map((s) => s.dataset.section ?? ''),
      stacked: strip.getAttribute('data-stacked') === 'true',
      more: more?.dataset.shown === 'true' ? (more.textContent ?? '') : null,
      countdown: strip.querySelector('[data-testid="event-countdown"]')?.textContent ?? '',
    };
  });

/** The `sections` of a wall with a Customer pulse panel: the hub keeps a day of posts. */
export const PULSE_SECTION = 'pulse: { retention: 1d }\n';

/** A 1080p screen, the size most walls are checked at. */
export const FULL_HD = { width: 1920, height: 1080 } as const;

/**
 * Size the page as the screen, sign it in with the admin's token and open `wall` as a kiosk (no
 * console chrome). What the wall should show first is for the test to wait for.
 */
export async function openWall(page: Page, hubUrl: string, wall: string, screen: { width: number; height: number } = FULL_HD): Promise<void> {
  await page.setViewportSize(screen);
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  // The app signs in and moves on by itself: go to the wall only after, or it may move over it.
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
  await page.goto(`${hubUrl}/#/wall/${wall}?kiosk`);
}
