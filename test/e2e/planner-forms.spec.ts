/**
 * The planner's forms for what used to be YAML-only, in Chromium against a real hub: a planner
 * creates a plan from the sports-final template, adds a partner (a bridge that is not http(s) is
 * named beside the field and refused on save, field by field), presses "Tested now", changes a
 * standby's secondary and an escalation step's delay, marks a pre-scale step scaled, saves,
 * reloads and finds all of it kept.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_TOKEN, minimalWorkspace, startHub } from './support/processes.ts';

/** A hub in a fresh folder, a planner acting as `person` with a new plan open in the editor; then `body`, then the hub stopped. */
async function withNewPlan(browser: Browser, plan: { person: string; template: string; name: string; start: string }, body: (page: Page) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-planner-forms-'));
  const hub = await startHub(['--workspace', await minimalWorkspace(join(dir, 'workspace.yaml'), 'Planner forms')]);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await expect(page.getByTestId('connection-state').first()).toHaveAttribute('data-state', 'connected');
    await page.goto(`${hub.url}/#/plans`);
    await page.getByTestId('planner-person').fill(plan.person);
    await page.getByTestId('new-plan-from').selectOption(`template:${plan.template}`);
    await page.getByTestId('new-plan-name').fill(plan.name);
    await page.getByTestId('new-plan-start').fill(plan.start);
    await page.getByTestId('new-plan-create').click();
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await body(page);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

test('partners, standby, escalation and pre-scale edited in forms are saved and kept', async ({ browser }) => {
  test.setTimeout(180_000);
  await withNewPlan(browser, { person: '@ops-manager', template: 'sports-final', name: 'Cup Final (forms)', start: '2027-05-29T19:00' }, async (page) => {
    // A new partner, its bridge first typed wrong: named beside the field, and refused on save.
    await page.getByTestId('partner-add').click();
    const partner = page.getByTestId('partner-partner');
    await page.getByTestId('partner-name-partner').fill('Backup CDN <b>bold</b>');
    await expect(partner.locator('legend')).toHaveText('Backup CDN <b>bold</b>');
    await page.getByTestId('partner-bridge-partner').fill('ftp://bridge.example.com/cup');
    await expect(partner).toContainText('expected an http(s) URL');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-issues')).toContainText(/Partners, row \d+, Bridge URL/);
    await page.getByTestId('partner-bridge-partner').fill('https://bridge.example.com/cup-final');
    // Typed key by key, as a person does: the space between two words stays.
    await page.getByTestId('partner-case-partner').pressSequentially('case 4711 open');
    await expect(page.getByTestId('partner-case-partner')).toHaveValue('case 4711 open');
    await expect(partner).not.toContainText('expected an http(s) URL');
    await expect(page.getByTestId('partner-last-test-partner')).toContainText('never');
    await page.getByTestId('partner-tested-partner').click();
    await expect(page.getByTestId('partner-last-test-partner')).toContainText('ago by @ops-manager');

    // Standby: the entitlement SME's secondary changes; the "*" path's second step waits 7 minutes.
    await expect(page.getByTestId('standby-service-0')).toHaveValue('entitlement');
    await page.getByTestId('standby-secondary-0').fill('@sre-lead');
    await page.getByTestId('escalation-after-0-1').fill('7');
    await expect(page.getByTestId('escalation-0')).toContainText('expected a duration');
    await page.getByTestId('escalation-after-0-1').fill('7m');
    await expect(page.getByTestId('escalation-0')).not.toContainText('expected a duration');

    // Pre-scale on the night: one click from planned to scaled.
    await expect(page.getByTestId('capacity-status-cdn-commit')).toHaveValue('planned');
    await page.getByTestId('capacity-next-cdn-commit').click();
    await expect(page.getByTestId('capacity-status-cdn-commit')).toHaveValue('scaled');
    await expect(page.getByTestId('capacity-next-cdn-commit')).toHaveText('Mark validated');

    // The walls of the event, typed key by key: the comma stays while the second id is typed.
    await page.getByTestId('plan-walls').pressSequentially('main, lobby');
    await expect(page.getByTestId('plan-walls')).toHaveValue('main, lobby');

    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(page.getByTestId('plan-issues')).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('plan-walls')).toHaveValue('main, lobby');
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await expect(page.getByTestId('partner-name-partner')).toHaveValue('Backup CDN <b>bold</b>');
    await expect(page.getByTestId('partner-bridge-partner')).toHaveValue('https://bridge.example.com/cup-final');
    await expect(page.getByTestId('partner-case-partner')).toHaveValue('case 4711 open');
    await expect(page.getByTestId('partner-last-test-partner')).toContainText('ago by @ops-manager');
    await expect(page.getByTestId('standby-secondary-0')).toHaveValue('@sre-lead');
    await expect(page.getByTestId('escalation-after-0-1')).toHaveValue('7m');
    await expect(page.getByTestId('capacity-status-cdn-commit')).toHaveValue('scaled');
  });
});

/**
 * The rest of what was YAML-only: a standby's window, a partner's status on the night, the
 * forecast's join ramp and headroom — typed in forms, a half-typed window named on save, kept
 * after a reload; and who changed the plan last, and who closed it, shown on the plan.
 */
test('standby windows, a partner status, the ramp and headroom are saved and kept; the plan says who changed and who closed it', async ({ browser }) => {
  test.setTimeout(180_000);
  await withNewPlan(browser, { person: '@duty-manager', template: 'weekend', name: 'Weekend (forms)', start: '2027-03-26T18:00' }, async (page) => {
    // Created by the person acting ("?by="), not the token's name ("admin (seeded)").
    await expect(page.getByTestId('plan-changed-by')).toContainText(/^last changed by @duty-manager, \w{3} \d+ \w{3} 20\d\d \d\d:\d\d$/);
    await expect(page.getByTestId('plan-closed-by')).toHaveCount(0);

    // Playback's standby covers Saturday evening only; the local time shows beside each end.
    await expect(page.getByTestId('standby-service-0')).toHaveValue('playback');
    await page.getByTestId('standby-from-0').pressSequentially('T+1d');
    await page.getByTestId('standby-to-0').pressSequentially('T+1d6h');
    await expect(page.getByTestId('standby-0')).toContainText('Sat 27 Mar 2027 18:00');
    await expect(page.getByTestId('standby-0')).toContainText('Sun 28 Mar 2027 00:00');
    // Half a window is named on save, field by field, and nothing is saved.
    await page.getByTestId('standby-from-1').fill('T+1d');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-issues')).toContainText('Standby, row 2, To: expected a T-offset');
    await page.getByTestId('standby-from-1').fill('');

    await page.getByTestId('partner-status-cdn').selectOption('amber');

    // The join ramp, added with a first guess and corrected; headroom in percent.
    await page.getByTestId('forecast-ramp-add').click();
    await expect(page.getByTestId('forecast-ramp-from')).toHaveValue('T-30m');
    await page.getByTestId('forecast-ramp-per-minute').fill('25000');
    await page.getByTestId('forecast-ramp-from').fill('T+1d1h30m');
    await page.getByTestId('forecast-ramp-to').fill('T+1d2h');
    await expect(page.getByTestId('forecast-ramp')).toContainText('Sat 27 Mar 2027 19:30');
    await page.getByTestId('forecast-headroom').fill('50');
    await expect(page.getByTestId('forecast-build-for')).toContainText('50% headroom');

    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(page.getByTestId('plan-issues')).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await expect(page.getByTestId('standby-from-0')).toHaveValue('T+1d');
    await expect(page.getByTestId('standby-to-0')).toHaveValue('T+1d6h');
    await expect(page.getByTestId('standby-from-1')).toHaveValue('');
    await expect(page.getByTestId('partner-status-cdn')).toHaveValue('amber');
    await expect(page.getByTestId('forecast-ramp-per-minute')).toHaveValue('25000');
    await expect(page.getByTestId('forecast-ramp-from')).toHaveValue('T+1d1h30m');
    await expect(page.getByTestId('forecast-ramp-to')).toHaveValue('T+1d2h');
    await expect(page.getByTestId('forecast-headroom')).toHaveValue('50');

    // Called off: the plan says who closed it, and when.
    await page.getByTestId('plan-to-closed').click();
    await expect(page.getByTestId('plan-state')).toContainText(/closed/i);
    await expect(page.getByTestId('plan-closed-by')).toContainText(/^closed by @duty-manager, \w{3} \d+ \w{3} 20\d\d \d\d:\d\d$/);
    await expect(page.getByTestId('plan-changed-by')).toContainText('last changed by @duty-manager');
    await page.screenshot({ path: 'test-results/planner-forms-closed.png', fullPage: false });
  });
});

test('a change from elsewhere whose reload lands after typing began keeps what was typed (a later save meets the conflict)', async ({ browser }) => {
  test.setTimeout(120_000);
  await withNewPlan(browser, { person: '@ops-manager', template: 'sports-final', name: 'Cup Final (race)', start: '2027-05-29T19:00' }, async (page) => {
    const id = decodeURIComponent(/#\/plans\/([^/?]+)/.exec(page.url())![1]!);
    const origin = new URL(page.url()).origin;
    // The editor's reload after the change is held until typing has begun.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reloads = 0;
    await page.route(`**/api/v1/plans/${encodeURIComponent(id)}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      reloads++;
      await held;
      await route.continue();
    });
    // Someone else marks it planned: the hub tells every planner, and this one (no edits yet) reloads.
    const moved = await fetch(`${origin}/api/v1/plans/${encodeURIComponent(id)}/state`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'planned', by: '@someone-else' }),
    });
    expect(moved.status, await moved.text()).toBe(200);
    await expect.poll(() => reloads).toBe(1);
    await page.getByTestId('plan-name').fill('Cup Final (race) — renamed');
    const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${encodeURIComponent(id)}`) && r.request().method() === 'GET');
    release();
    await reloaded;
    // The reload landed (and was read): what was typed stays, unsaved.
    await page.waitForTimeout(500);
    await expect(page.getByTestId('plan-name')).toHaveValue('Cup Final (race) — renamed');
    await expect(page.getByTestId('plan-save')).toBeEnabled();
  });
});
