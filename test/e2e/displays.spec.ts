/**
 * Settings → Displays against the real hub and the built UI. The Electron binary is not available
 * here, so the desktop case gets a fake desktop bridge (as electron/preload exposes it) with two
 * displays and one saved assignment to a display that is unplugged; it records what Save sends.
 * The main process's side (persisting, re-placing the windows, refusals) is tested in
 * electron/main/ipc.test.ts. A plain browser has nothing to assign: the card says walls open by URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DisplayInfo, WallAssignment, WallAssignmentsState } from '../../shared/bridge.ts';
import { ADMIN_TOKEN, startHub, type Hub } from './support/processes.ts';

interface FakeDesktop {
  saves: WallAssignment[][];
}

const LEFT: DisplayInfo = { id: 2779098405, label: 'DELL U2720Q', bounds: { x: 0, y: 0, width: 3840, height: 2160 }, primary: true };
const RIGHT: DisplayInfo = { id: 2779098406, label: 'LG TV', bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, primary: false };
/** Saved before, for a projector not plugged in now. */
const PROJECTOR = 731;

/** Runs in the page before the app: `window.missionControl` as electron/preload exposes it, recording saves. */
function installFakeDesktopBridge(init: { displays: DisplayInfo[]; saved: WallAssignment[] }): void {
  const fake: FakeDesktop = { saves: [] };
  let assignments = init.saved;
  const state = (): WallAssignmentsState => {
    const connected = new Set(init.displays.map((d) => d.id));
    const open = assignments.filter((a) => connected.has(a.displayId));
    return { assignments, displays: init.displays, open, file: '/home/ops/.config/Mission Control/settings.json' };
  };
  Object.assign(window, {
    fakeDesktop: fake,
    missionControl: {
      kind: 'desktop',
      hubConnection: async () => null, // the hub that served the page, with the token signed in
      displays: async () => init.displays,
      keepAwake: async () => false,
      notify: async () => undefined,
      openExternal: async () => false,
      printToPdf: async () => null,
      wallAssignments: {
        get: async () => state(),
        set: async (next: WallAssignment[]) => {
          fake.saves.push(structuredClone(next));
          assignments = structuredClone(next);
          return { ok: true, state: state(), note: null };
        },
      },
    },
  });
}

const saves = (page: Page) => page.evaluate(() => (window as unknown as { fakeDesktop: FakeDesktop }).fakeDesktop.saves);

async function workspace(dir: string): Promise<string> {
  const file = join(dir, 'workspace.yaml');
  const panel = (id: string) => `{ id: ${id}, title: ${id}, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: ops, query: { series: a } }`;
  await writeFile(
    file,
    `
version: 1
title: Displays
sources:
  - { id: ops, type: push, interval: 1m }
walls:
  - { id: platform, title: Platform, panels: [${panel('a')}] }
  - { id: cdn, title: CDN health, panels: [${panel('b')}] }
  - { id: ops, title: Ops room, panels: [${panel('c')}] }
`,
  );
  return file;
}

let hub: Hub;
let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-e2e-displays-'));
  hub = await startHub(['--workspace', await workspace(dir)]);
});
test.afterAll(async () => {
  await hub?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('desktop: the Displays card lists the displays, assigns walls and saves exactly those assignments', async ({ page }, testInfo) => {
  await page.addInitScript(installFakeDesktopBridge, { displays: [LEFT, RIGHT], saved: [{ wallId: 'ops', displayId: PROJECTOR }] });
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/settings`);
  const card = page.getByTestId('settings-displays');
  await expect(card).toBeVisible();

  // Each display: its label, size and position, its id; the primary one marked.
  await expect(card.getByTestId(`display-${LEFT.id}`)).toContainText('DELL U2720Q · ★ primary');
  await expect(card.getByTestId(`display-${LEFT.id}`)).toContainText('3840×2160 at (0, 0)');
  await expect(card.getByTestId(`display-${LEFT.id}`)).toContainText(String(LEFT.id));
  await expect(card.getByTestId(`display-${RIGHT.id}`)).toContainText('LG TV');
  await expect(card.getByTestId(`display-${RIGHT.id}`)).toContainText('1920×1080 at (3840, 0)');
  await expect(card.getByTestId(`display-primary-${RIGHT.id}`)).toHaveCount(0);
  // Nothing on them yet; the workspace's walls to choose from.
  await expect(card.getByTestId(`display-wall-${LEFT.id}`)).toHaveValue('');
  await expect(card.getByTestId(`display-wall-${LEFT.id}`).locator('option')).toHaveText(['none', 'Platform (platform)', 'CDN health (cdn)', 'Ops room (ops)']);
  // The saved assignment to the projector is kept and said to be not connected.
  await expect(card.getByTestId(`absent-${PROJECTOR}`)).toContainText(`Ops room (ops) on display ${PROJECTOR}: ⊘ not connected — kept`);
  await expect(card.getByTestId('displays-save')).toBeDisabled(); // nothing changed yet

  await card.getByTestId(`display-wall-${LEFT.id}`).selectOption('platform');
  await card.getByTestId(`display-wall-${RIGHT.id}`).selectOption('cdn');
  await card.getByTestId('displays-save').click();
  await expect(card.getByTestId('displays-result')).toHaveText(
    '✓ Saved to /home/ops/.config/Mission Control/settings.json: 2 wall windows open now.',
  );
  expect(await saves(page)).toEqual([
    [
      { wallId: 'platform', displayId: LEFT.id },
      { wallId: 'cdn', displayId: RIGHT.id },
      { wallId: 'ops', displayId: PROJECTOR },
    ],
  ]);
  await expect(card.getByTestId(`display-open-${LEFT.id}`)).toHaveText('● showing Platform');
  await expect(card.getByTestId(`display-open-${RIGHT.id}`)).toHaveText('● showing CDN health');
  await expect(card.getByTestId('displays-save')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('displays.png') });

  // Take the wall off the TV and forget the projector's: only the left display's is sent.
  await card.getByTestId(`display-wall-${RIGHT.id}`).selectOption('');
  await card.getByTestId(`absent-forget-${PROJECTOR}`).click();
  await expect(card.getByTestId(`absent-${PROJECTOR}`)).toContainText('forgotten when you save');
  await card.getByTestId('displays-save').click();
  await expect(card.getByTestId('displays-result')).toContainText('1 wall window open now.');
  expect((await saves(page)).at(-1)).toEqual([{ wallId: 'platform', displayId: LEFT.id }]);
  await expect(card.getByTestId('displays-absent')).toHaveCount(0);
  await expect(card.getByTestId(`display-open-${RIGHT.id}`)).toHaveText('–');
});

test('browser: the Displays card says walls are opened by URL, with their links', async ({ page }) => {
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/settings`);
  const line = page.getByTestId('displays-browser');
  await expect(line).toHaveText('In a browser, a wall is opened by its URL, one browser window per screen: Platform, CDN health, Ops room.');
  await expect(page.getByTestId('displays-wall-link-cdn')).toHaveAttribute('href', `${hub.url}/#/wall/cdn`);
  await expect(page.getByTestId('displays-table')).toHaveCount(0);
  await page.getByTestId('displays-wall-link-platform').click();
  await expect(page).toHaveURL(`${hub.url}/#/wall/platform`);
});
