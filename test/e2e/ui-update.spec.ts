/**
 * A wall left open across a hub upgrade: the restarted hub serves another build of the UI, so the
 * wall says so and reloads itself onto it; a console offers a reload instead of taking the page
 * from under someone typing. The "upgrade" is the built UI copied to a folder of its own and its
 * entry script renamed, as a rebuild renames it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, freePort, minimalWorkspace, removeHubDir, startHub, type Hub } from './support/processes.ts';

const root = join(import.meta.dirname, '..', '..');

/** The page's own entry script, as the hub names its build (null while it is reloading). */
const entryOf = (page: Page) => page.evaluate(() => document.querySelector('script[type="module"][src]')?.getAttribute('src') ?? null).catch(() => null);

/** Give the served build a new entry script name, as a rebuild does; returns the new name. */
async function rebuild(uiDir: string): Promise<string> {
  const indexFile = join(uiDir, 'index.html');
  const html = await readFile(indexFile, 'utf8');
  const entry = /src="\.\/assets\/(index-[^"]+\.js)"/.exec(html)![1]!;
  const renamed = entry.replace(/\.js$/, '-next.js');
  await cp(join(uiDir, 'assets', entry), join(uiDir, 'assets', renamed));
  await writeFile(indexFile, html.replace(entry, renamed));
  return renamed;
}

test('after an upgrade of the hub, a wall reloads onto the new build by itself and a console offers to', async ({ browser }) => {
  test.setTimeout(90_000);
  const uiDir = await mkdtemp(join(tmpdir(), 'mc-e2e-ui-'));
  await cp(join(root, 'dist', 'renderer'), uiDir, { recursive: true });
  const workspace = await minimalWorkspace(join(uiDir, '..', `${uiDir.split('/').pop()}.yaml`), 'Upgrade');
  const port = await freePort();
  const env = { MC_UI_DIR: uiDir };
  const args = ['--workspace', workspace];
  let hub: Hub = await startHub(args, env, { port, keepData: true });
  const dir = hub.dir;
  try {
    const context = await browser.newContext();
    const wall = await context.newPage();
    await wall.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await wall.goto(`${hub.url}/#/wall/main`);
    await expect(wall.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    const console = await context.newPage();
    await console.goto(`${hub.url}/#/console`);
    await expect(console.getByTestId('connection-state').first()).toHaveAttribute('data-state', 'connected');
    const before = await entryOf(wall);
    // Same build: nothing to say.
    await expect(wall.getByTestId('update-notice')).toHaveCount(0);
    await expect(console.getByTestId('update-notice')).toHaveCount(0);

    await hub.stop();
    const renamed = await rebuild(uiDir);
    hub = await startHub(args, env, { dir, port });

    // The wall says why it is about to go blank, then comes back on the new build, calm again.
    await expect(wall.getByTestId('update-notice')).toContainText('reloads', { timeout: 30_000 });
    await expect.poll(() => entryOf(wall), { timeout: 30_000 }).toBe(`./assets/${renamed}`);
    expect(before).not.toBe(`./assets/${renamed}`);
    await expect(wall.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
    await expect(wall.getByTestId('update-notice')).toHaveCount(0);

    // The console only offers: still the old build until someone clicks.
    await expect(console.getByTestId('update-notice')).toBeVisible({ timeout: 30_000 });
    await console.waitForTimeout(1000);
    expect(await entryOf(console)).toBe(before);
    await console.getByTestId('update-reload').click();
    await expect.poll(() => entryOf(console), { timeout: 15_000 }).toBe(`./assets/${renamed}`);
    await expect(console.getByTestId('update-notice')).toHaveCount(0);
    await context.close();
  } finally {
    await hub.stop();
    await removeHubDir(dir);
    await rm(uiDir, { recursive: true, force: true });
    await rm(workspace, { force: true });
  }
});
