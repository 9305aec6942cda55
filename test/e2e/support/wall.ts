/** A wall screen in Chromium: signed in, on one wall, at a screen's size. */
import type { Page } from '@playwright/test';
import { ADMIN_TOKEN } from './processes.ts';

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
