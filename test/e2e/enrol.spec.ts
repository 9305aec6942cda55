/**
 * Wall enrolment in Chromium: a wall screen with no token shows "Not enrolled: code …" full
 * screen (never a login form); an admin enters the code in Settings → Wall devices; the wall
 * starts with a viewer token of its own, reports its health to Settings, and when that token is
 * revoked it goes back to showing a (new) code. The other way round: an admin creates a code in
 * Settings and it is typed on the wall's #/enrol page. An admin converts a Grafana dashboard there too.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

test('a wall enrols with a code entered in Settings, reports its health, and shows a new code when revoked', async ({ browser }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-enrol-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(
    file,
    `
version: 1
title: Enrol
sources:
  - { id: ops, type: push }
walls:
  - id: lobby
    title: Lobby
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
`,
  );
  const hub = await startHub(['--workspace', file]);
  const wallContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const wall = await wallContext.newPage();
    await wall.goto(`${hub.url}/#/wall/lobby`);
    await expect(wall.getByTestId('not-enrolled')).toBeVisible();
    await expect(wall.getByTestId('sign-in')).toHaveCount(0);
    const code = (await wall.getByTestId('enrol-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
    await wall.screenshot({ path: testInfo.outputPath('not-enrolled.png') });

    const admin = await adminContext.newPage();
    await admin.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await admin.goto(`${hub.url}/#/settings`);
    await admin.getByTestId('enrol-code-input').fill(code);
    await admin.getByTestId('enrol-name-input').fill('Lobby screen');
    await admin.getByTestId('enrol-submit').click();
    await expect(admin.getByTestId('enrol-result')).toHaveAttribute('data-ok', 'true');

    await expect(wall.getByTestId('wall')).toBeVisible({ timeout: 15_000 });
    await expect(wall.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await expect(admin.getByTestId('wall-health-lobby')).toContainText('wall: Lobby screen', { timeout: 15_000 });
    await expect(admin.getByTestId('wall-health-lobby')).toHaveAttribute('data-connected', 'true');

    // Revoked in Settings: the wall shows a new code, full screen, by itself.
    const tokens = (await (await fetch(`${hub.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { tokens: { id: string; name: string }[] };
    const id = tokens.tokens.find((t) => t.name === 'wall: Lobby screen')!.id;
    expect((await fetch(`${hub.url}/api/v1/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    await expect(wall.getByTestId('not-enrolled')).toBeVisible({ timeout: 15_000 });
    await expect(wall.getByTestId('enrol-code')).not.toHaveText(code);
    await expect(admin.getByTestId('wall-health-lobby')).toHaveAttribute('data-connected', 'false', { timeout: 15_000 });
  } finally {
    await wallContext.close();
    await adminContext.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

const pushWorkspace = `
version: 1
title: Enrol
sources:
  - { id: ops, type: push }
walls:
  - id: lobby
    title: Lobby
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
`;

test('a browser wall enrols with a code created in Settings; a wrong code is refused in words; the token stays on the device', async ({ browser }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-enrol-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, pushWorkspace);
  const hub = await startHub(['--workspace', file]);
  const wallContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await admin.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await admin.goto(`${hub.url}/#/settings`);
    await admin.getByTestId('enrol-create-name').fill('Lobby browser');
    await admin.getByTestId('enrol-create-submit').click();
    const code = (await admin.getByTestId('enrol-created-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
    await expect(admin.getByTestId('enrol-created-url')).toHaveText(`${hub.url}/#/enrol`);

    const wall = await wallContext.newPage();
    await wall.goto(`${hub.url}/#/enrol`);
    await expect(wall.getByTestId('not-enrolled')).toBeVisible();
    await wall.getByTestId('enrol-redeem-input').fill('ZZZ ZZZ');
    await wall.getByTestId('enrol-redeem-submit').click();
    await expect(wall.getByTestId('enrol-redeem-error')).toContainText('no enrolment code ZZZZZZ exists');
    await wall.getByTestId('enrol-redeem-input').fill(code.toLowerCase());
    await wall.getByTestId('enrol-redeem-submit').click();
    await expect(wall.getByTestId('enrolled')).toContainText('wall: Lobby browser', { timeout: 15_000 });
    await wall.screenshot({ path: testInfo.outputPath('enrolled-with-settings-code.png') });
    // Stored on the device: still enrolled after a reload.
    await wall.reload();
    await expect(wall.getByTestId('enrolled')).toContainText('wall: Lobby browser', { timeout: 15_000 });
  } finally {
    await wallContext.close();
    await adminContext.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an admin converts a Grafana dashboard in Settings and sees the YAML and the panels not imported', async ({ browser }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-grafana-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, pushWorkspace);
  const hub = await startHub(['--workspace', file]);
  const context = await browser.newContext();
  try {
    const admin = await context.newPage();
    await admin.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await admin.goto(`${hub.url}/#/settings`);
    await admin.getByTestId('grafana-json').fill('{"title": "x"}');
    await admin.getByTestId('grafana-convert').click();
    await expect(admin.getByTestId('grafana-error')).toContainText('expected an object with "panels"');
    await admin.getByTestId('grafana-file').setInputFiles('test/fixtures/grafana/platform-grafana6.json');
    await expect(admin.getByTestId('grafana-json')).not.toHaveValue('{"title": "x"}');
    await admin.getByTestId('grafana-convert').click();
    await expect(admin.getByTestId('grafana-yaml')).toContainText('type: prometheus');
    const fixture = JSON.parse(await readFile('test/fixtures/grafana/platform-grafana6.json', 'utf8')) as { title: string };
    await expect(admin.getByTestId('grafana-yaml')).toContainText(fixture.title);
    await expect(admin.getByTestId('grafana-skipped').locator('li').first()).toBeVisible();
    await admin.getByTestId('settings-grafana').screenshot({ path: testInfo.outputPath('grafana-import.png') });
    const download = admin.waitForEvent('download');
    await admin.getByTestId('grafana-download').click();
    expect((await download).suggestedFilename()).toBe('platform-grafana6.yaml');
  } finally {
    await context.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
