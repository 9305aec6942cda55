/**
 * Settings → Hub as a war-room operator joins the shared hub with the token the admin gave them.
 * The Electron binary is not available here, so the page gets the desktop bridge as
 * electron/preload exposes it, and behind it the main process's own Hub-card logic
 * (electron/main/hub-choice.ts) runs in this test: it checks the real hub over loopback and writes
 * a real settings.json in a temporary folder; only the restart is counted instead of done.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { HubChoice, HubSettingsState } from '../../shared/bridge.ts';
import { createHubChoice } from '../../electron/main/hub-choice.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { ADMIN_TOKEN, startHub, type Hub } from './support/processes.ts';

/** Runs in the page before the app: the bridge, its Hub card calls handed to the test. */
function installDesktopBridge(): void {
  const call = (window as unknown as { hubSettingsCall: (op: string, choice?: unknown) => Promise<unknown> }).hubSettingsCall;
  Object.assign(window, {
    missionControl: {
      kind: 'desktop',
      hubConnection: async () => null, // the hub that served the page, with the token signed in
      displays: async () => [],
      keepAwake: async () => false,
      notify: async () => undefined,
      openExternal: async () => false,
      printToPdf: async () => null,
      hubSettings: { get: () => call('get'), set: (choice: unknown) => call('set', choice) },
    },
  });
}

let hub: Hub;
let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-e2e-hub-settings-'));
  await writeFile(join(dir, 'workspace.yaml'), minimalWorkspaceYaml());
  hub = await startHub(['--workspace', join(dir, 'workspace.yaml')]);
});
test.afterAll(async () => {
  await hub?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function token(role: string): Promise<string> {
  const res = await fetch(`${hub.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ name: `laptop ${role}`, role }),
  });
  return ((await res.json()) as { secret: string }).secret;
}

test('a viewer token: the card says what it can and cannot do before joining, and joins with it once asked', async ({ page }, testInfo) => {
  const file = join(dir, 'settings.json');
  await writeFile(file, JSON.stringify({ hub: { mode: 'embedded', workspace: '/rooms/match.yaml' } }));
  let restarts = 0;
  const choice = createHubChoice({ file, inUse: () => ({ mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: '/rooms/match.yaml', demo: false }), restart: () => restarts++, log: () => undefined });
  await page.exposeFunction('hubSettingsCall', (op: string, arg?: HubChoice): Promise<HubSettingsState> | Promise<unknown> => (op === 'get' ? Promise.resolve(choice.state()) : choice.choose(arg!)));
  await page.addInitScript(installDesktopBridge);
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/settings`);

  const card = page.getByTestId('settings-hub');
  await expect(card.getByTestId('hub-in-use')).toHaveText('the hub inside this app, at http://127.0.0.1:45678, with the workspace /rooms/match.yaml');
  const viewer = await token('viewer');
  await card.getByLabel('URL').fill(hub.url);
  await card.getByLabel('Token').fill(viewer);
  await card.getByTestId('hub-join-submit').click();

  // Said plainly, before anything is saved; the way on is one button, focused.
  const limited = card.getByTestId('hub-limited');
  await expect(limited).toContainText(`The hub at ${hub.url} took the token. This is a viewer token: it can show walls`);
  await expect(limited).toContainText('but it cannot log incidents or act on canaries (acknowledge, snooze)');
  await expect(limited).toContainText("ask the hub's admin for a responder token");
  await expect(card.getByTestId('hub-join-limited')).toBeFocused();
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ hub: { mode: 'embedded', workspace: '/rooms/match.yaml' } });
  await page.screenshot({ path: testInfo.outputPath('hub-viewer-token.png') });

  await page.keyboard.press('Enter');
  await expect(card.getByTestId('hub-result')).toHaveText(/^✓ The hub at .* took the token: saved; the app restarts now to join it\.$/);
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ hub: { mode: 'remote', url: hub.url, token: viewer, embedded: { workspace: '/rooms/match.yaml' } } });
  await expect.poll(() => restarts).toBe(1);
});

test('a new operator: mistakes are said beside the field at fault, focus stays where they are, and the way back names its workspace', async ({ page }) => {
  const file = join(dir, 'settings-new.json');
  await writeFile(file, JSON.stringify({ hub: { mode: 'remote', url: hub.url, token: ADMIN_TOKEN, embedded: { workspace: '/rooms/match.yaml' } } }));
  const choice = createHubChoice({ file, inUse: () => ({ mode: 'remote', url: hub.url, tokenSaved: true }), restart: () => undefined, log: () => undefined });
  await page.exposeFunction('hubSettingsCall', (op: string, arg?: HubChoice) => (op === 'get' ? Promise.resolve(choice.state()) : choice.choose(arg!)));
  await page.addInitScript(installDesktopBridge);
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/settings`);
  const card = page.getByTestId('settings-hub');
  await expect(card.getByRole('heading', { name: 'Join another shared hub' })).toBeVisible();
  await expect(card.getByTestId('hub-embedded-return')).toHaveText('with the workspace /rooms/match.yaml');

  // A URL left out: the URL field is focused, marked invalid and described by the words.
  await card.getByLabel('Token').fill('mc_room-token');
  await card.getByTestId('hub-join-submit').click();
  const urlField = card.getByLabel('URL');
  await expect(urlField).toBeFocused();
  await expect(urlField).toHaveAttribute('aria-invalid', 'true');
  await expect(urlField).toHaveAccessibleDescription(/^✖ enter the hub's URL/);

  // A token the hub refuses: said in words, and the keyboard focus is still on the button pressed.
  await urlField.fill(hub.url);
  await card.getByTestId('hub-join-submit').press('Enter');
  await expect(card.getByTestId('hub-result')).toHaveText(/refused the token: it is not one of its tokens, or it was revoked$/);
  await expect(card.getByTestId('hub-join-submit')).toBeFocused();

  // The sign-in link the admin sent is enough: the token is read from it.
  const viewer = await token('viewer');
  await card.getByLabel('Token').fill('');
  await urlField.fill(`${hub.url}/#/login?token=${viewer}`);
  await card.getByTestId('hub-join-submit').click();
  await expect(card.getByTestId('hub-limited')).toContainText('This is a viewer token');
});

test('a responder token joins at once, with no warning', async ({ page }) => {
  const file = join(dir, 'settings-responder.json');
  const choice = createHubChoice({ file, inUse: () => ({ mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: null, demo: true }), restart: () => undefined, log: () => undefined });
  await page.exposeFunction('hubSettingsCall', (op: string, arg?: HubChoice) => (op === 'get' ? Promise.resolve(choice.state()) : choice.choose(arg!)));
  await page.addInitScript(installDesktopBridge);
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/settings`);
  const card = page.getByTestId('settings-hub');
  await card.getByLabel('URL').fill(hub.url);
  await card.getByLabel('Token').fill(await token('responder'));
  await card.getByTestId('hub-join-submit').click();
  await expect(card.getByTestId('hub-result')).toContainText('took the token: saved');
  await expect(card.getByTestId('hub-limited')).toHaveCount(0);
});
