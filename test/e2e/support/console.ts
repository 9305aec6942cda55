/** A person at an incident console in Chromium: signed in, named, typing on the scribe line. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN_TOKEN } from './processes.ts';

const UI_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };

export async function signedIn(browser: Browser, hubUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  return { context, page };
}

export async function openConsole(page: Page, hubUrl: string, name: string): Promise<void> {
  await page.goto(`${hubUrl}/#/incidents`);
  await expect(page.getByTestId('identity-input')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('identity-input').fill(name);
  await page.getByTestId('identity-input').press('Enter');
  await expect(page.getByTestId('identity-name')).toHaveText(`@${name}`);
}

/** Type a line into the scribe line and log it (Ctrl+Enter: as a key moment). */
export async function log(page: Page, line: string, pinned = false): Promise<void> {
  const input = page.getByTestId('scribe-input');
  await expect(input).toBeFocused();
  await page.keyboard.type(line);
  await page.keyboard.press(pinned ? 'Control+Enter' : 'Enter');
  await expect(input).toHaveValue('');
}

/**
 * The UI as the desktop app has it (bundled, not fetched from the hub): the page still loads
 * while the hub is down. Socket and API requests go to the hub as usual.
 */
export async function serveUiLocally(page: Page, hubUrl: string): Promise<void> {
  await page.route(`${hubUrl}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/socket.io') || path.startsWith('/api/')) return route.continue();
    const file = join(UI_DIR, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!file.startsWith(UI_DIR) || !(await stat(file).catch(() => null))?.isFile()) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: await readFile(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
}

/** Pull the andon cord from the incidents page: declared, its console open; returns the incident's id. */
export async function pullAndon(page: Page, title: string, severity: 1 | 2 | 3 | 4): Promise<string> {
  await page.getByTestId('andon-title').fill(title);
  await page.getByTestId(`andon-sev-${severity}`).check({ force: true });
  await page.getByTestId('andon-pull').click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  return (await page.getByTestId('incident-view').getAttribute('data-incident-id'))!;
}

/** Attach the live "requests by code" chart as an impact snapshot with this caption. */
export async function attachSnapshot(page: Page, caption: string): Promise<void> {
  await page.getByTestId('snapshot-panel').selectOption('requests-by-code');
  await expect(page.getByTestId('snapshot-card').getByTestId('panel-requests-by-code')).toHaveAttribute('data-waiting', 'false', { timeout: 15_000 });
  await page.getByTestId('snapshot-caption').fill(caption);
  await page.getByTestId('snapshot-attach').click();
  await expect(page.getByTestId('snapshot-error')).toHaveCount(0);
}
