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
