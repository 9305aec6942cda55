/**
 * The errors a page reports on its window, gathered in the test. Chromium reports "ResizeObserver
 * loop completed with undelivered notifications" as an error event with no exception thrown, so
 * Playwright's `pageerror` never sees it: a listener on the window, made before the page's own
 * scripts run (and again in every document it loads), does.
 */
import type { Page } from '@playwright/test';

/**
 * Record every error event on the page's window (the ResizeObserver loop's among them, uncaught
 * exceptions too) and every unhandled promise rejection, from the next navigation on. Returns a
 * reader of the messages so far: it waits for the page to draw two frames first, so that the
 * errors of a resize just made are in.
 */
export async function watchPageErrors(page: Page): Promise<() => Promise<string[]>> {
  const errors: string[] = [];
  await page.exposeFunction('__mcTestPageError', (message: string) => {
    errors.push(message);
  });
  await page.addInitScript(() => {
    const report = (message: string) => void (window as unknown as { __mcTestPageError: (message: string) => Promise<void> }).__mcTestPageError(message);
    window.addEventListener('error', (e) => report(`error: ${e.message}`));
    window.addEventListener('unhandledrejection', (e) => report(`unhandled rejection: ${String(e.reason)}`));
  });
  return async () => {
    await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
    return [...errors];
  };
}
