/**
 * The review page's forms in Chromium against a real hub started through its CLI, on a workspace
 * with two teams: an ops manager adds a risk through "Add risk" (a blank title is refused in words
 * beside the field first), sees it in Top risks, raises its likelihood and sees the score change,
 * closes and reopens it, then logs toil and project work and sees the team's toil share. A
 * viewer's console shows the same tables without the forms.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

const workspace = `
version: 1
title: Review forms
timezone: UTC
sources:
  - { id: ops, type: push }
walls:
  - id: room
    title: Room
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
teams:
  - { id: identity, timezone: UTC, services: [entitlement] }
  - { id: streaming, timezone: UTC, services: [playback] }
`;

test('Esc in an open dropdown of a review form closes only the dropdown; Esc again cancels the form', async ({ browser }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-review-esc-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  const hub = await startHub(['--workspace', file]);
  try {
    const page = await (await browser.newContext({ timezoneId: 'UTC' })).newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/review`);
    await page.getByTestId('risk-add').click();
    const add = page.getByTestId('risk-add-form');
    await add.getByLabel('Title').fill('Half-typed risk');
    // A native dropdown, opened by a click and by the keyboard: its Esc closes it, the form stays as typed.
    await add.getByLabel('Category').click();
    await page.keyboard.press('Escape');
    await expect(add).toBeVisible();
    await add.getByLabel('Impact').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Escape');
    await expect(add).toBeVisible();
    await expect(add.getByLabel('Title')).toHaveValue('Half-typed risk');
    // A custom dropdown (a WAI-ARIA combobox that is open) gets its Esc too.
    await add.getByLabel('Owner').evaluate((el) => el.setAttribute('aria-expanded', 'true'));
    await add.getByLabel('Owner').press('Escape');
    await expect(add).toBeVisible();
    await add.getByLabel('Owner').evaluate((el) => el.removeAttribute('aria-expanded'));
    // With nothing open, Esc cancels the form.
    await add.getByLabel('Category').focus();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('risk-add-form')).toHaveCount(0);

    // The log-work form the same way: its team dropdown is open on Esc.
    await page.getByTestId('work-log-add').click();
    const log = page.getByTestId('work-log-form');
    await log.getByLabel('Team').click();
    await page.keyboard.press('Escape');
    await expect(log).toBeVisible();
    await log.getByLabel('Duration').press('Escape');
    await expect(page.getByTestId('work-log-form')).toHaveCount(0);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a risk added and rescored and work logged from the review page show in Top risks and Toil; a viewer sees no forms', async ({ browser }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-review-forms-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  const hub = await startHub(['--workspace', file]);
  try {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    // The console's identity, which the work log's person defaults to.
    await page.goto(`${hub.url}/#/incidents`);
    await page.getByTestId('identity-input').fill('ann');
    await page.getByTestId('identity-input').press('Enter');
    await expect(page.getByTestId('identity-name')).toHaveText('@ann');

    await page.goto(`${hub.url}/#/review`);
    const risks = page.locator('#review-risks');
    await expect(risks).toContainText('No open risks.');

    // Add a risk, by keyboard: Enter in a field saves. A blank title is refused beside the field.
    await page.getByTestId('risk-add').click();
    const add = page.getByTestId('risk-add-form');
    await expect(add.getByLabel('Title')).toBeFocused();
    await add.getByLabel('Title').press('Enter');
    await expect(add.getByTestId('risk-form-title-error')).toHaveText('✖ required: this cannot be left blank');
    await expect(add.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await add.getByLabel('Title').fill('Origin shield in one region <unverified>');
    await add.getByLabel('Category').selectOption('security');
    await expect(add.getByLabel('Likelihood').locator('option')).toHaveText(['1 rare', '2 unlikely', '3 possible', '4 likely', '5 almost certain']);
    await add.getByLabel('Likelihood').selectOption({ label: '2 unlikely' });
    await add.getByLabel('Impact').selectOption({ label: '5 severe' });
    await add.getByLabel('Effort').selectOption({ label: '2 days' });
    await add.getByLabel('Owner').fill('@bob');
    await add.getByLabel('Plan / mitigation').fill('Second origin region behind the shield');
    await add.getByLabel('Owner').press('Enter');

    const id = 'origin-shield-in-one-region-unverified';
    const row = page.getByTestId(`risk-row-${id}`);
    // The title is shown as text, not read as markup.
    await expect(row).toContainText('Origin shield in one region <unverified>');
    await expect(row).toContainText('security');
    await expect(page.getByTestId(`risk-score-${id}`)).toHaveText('2×5 = 10');
    await expect(row).toContainText('high');
    await expect(row).toContainText('@bob');
    await expect(page.getByTestId('risk-add-form')).toHaveCount(0);

    // Rescore it: likely, not unlikely.
    await page.getByTestId(`risk-edit-${id}`).click();
    const edit = page.getByTestId(`risk-edit-form-${id}`);
    await expect(edit.getByLabel('Likelihood')).toHaveValue('2');
    await expect(edit.getByLabel('Plan / mitigation')).toHaveValue('Second origin region behind the shield');
    await edit.getByLabel('Likelihood').selectOption({ label: '4 likely' });
    await edit.getByTestId('risk-form-save').click();
    await expect(page.getByTestId(`risk-score-${id}`)).toHaveText('4×5 = 20');
    await expect(row).toContainText('critical');

    // Closed, it leaves the backlog; reopened from "Out of the backlog", it is back.
    await page.getByTestId(`risk-edit-${id}`).click();
    await edit.getByLabel('Status').selectOption('closed');
    await edit.getByTestId('risk-form-save').click();
    await expect(risks).toContainText('No open risks.');
    await page.getByTestId('risk-closed').locator('summary').click();
    await page.getByTestId('risk-closed').getByTestId(`risk-edit-${id}`).click();
    await page.getByTestId(`risk-edit-form-${id}`).getByLabel('Status').selectOption('open');
    await page.getByTestId(`risk-edit-form-${id}`).getByTestId('risk-form-save').click();
    await expect(page.getByTestId(`risk-score-${id}`)).toHaveText('4×5 = 20');

    // Log an hour of toil and four of project work for identity: a 20% toil share, within the 25% target.
    const toil = page.locator('#review-toil');
    await expect(toil).toContainText('Nobody logged work this week');
    await page.getByTestId('work-log-add').click();
    let log = page.getByTestId('work-log-form');
    await expect(log.getByLabel('Person')).toHaveValue('ann');
    await log.getByLabel('Team').selectOption('identity');
    await log.getByLabel('Duration').fill('an hour');
    const kind = log.getByRole('radiogroup', { name: 'Kind' });
    await expect(kind).toHaveAttribute('aria-invalid', 'false');
    await log.getByLabel('Duration').press('Enter');
    await expect(log.getByTestId('work-log-duration-error')).toContainText('expected a duration such as');
    await log.getByLabel('Duration').fill('1h');
    // Toil or project is not chosen for you: saving without it says so, tied to the radios for a screen reader.
    await expect(log.getByTestId('work-log-kind-error')).toHaveText('✖ required: choose toil or project / engineering');
    await expect(kind).toHaveAttribute('aria-invalid', 'true');
    await expect(kind).toHaveAccessibleDescription(/^✖ required: choose toil or project \/ engineering Toil: manual, repetitive/);
    await expect(log.getByRole('radio', { name: 'toil', exact: true })).toHaveAccessibleDescription(/^✖ required: choose toil or project/);
    await log.getByLabel('toil', { exact: true }).check();
    await log.getByLabel('Note').fill('Restarted the packager by hand');
    await log.getByTestId('work-log-save').click();
    await expect(page.getByTestId('work-log-saved')).toHaveText('✓ Logged 1 h of toil for identity.');
    await expect(page.getByTestId('toil-row-identity')).toContainText('100%');

    await page.getByTestId('work-log-add').click();
    log = page.getByTestId('work-log-form');
    await log.getByLabel('Team').selectOption('identity');
    await log.getByLabel('Duration').fill('4h');
    await log.getByLabel('project / engineering').check();
    await log.getByTestId('work-log-save').click();
    const identity = page.getByTestId('toil-row-identity');
    await expect(identity).toContainText('20%');
    await expect(identity).toContainText('within target');
    await context.close();

    // A viewer reads the same tables, without the forms.
    const created = await fetch(`${hub.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ name: 'meeting room screen', role: 'viewer' }),
    });
    const { secret } = (await created.json()) as { secret: string };
    const viewerContext = await browser.newContext({ timezoneId: 'UTC' });
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${hub.url}/#/login?token=${secret}`);
    await viewer.goto(`${hub.url}/#/review`);
    await expect(viewer.getByTestId(`risk-score-${id}`)).toHaveText('4×5 = 20');
    await expect(viewer.getByTestId('toil-row-identity')).toContainText('20%');
    await expect(viewer.getByTestId('risk-add')).toHaveCount(0);
    await expect(viewer.getByTestId(`risk-edit-${id}`)).toHaveCount(0);
    await expect(viewer.getByTestId('work-log-add')).toHaveCount(0);
    await viewerContext.close();
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
