/**
 * The planner's gates, in Chromium against a real hub: the new-plan form says which zone its start
 * is in and names a mistyped zone; a go/no-go decision never throws away unsaved edits (the
 * buttons wait, saying why); "Go" with something open needs a reason and its time reads in words;
 * a refused save speaks the form's words, once; the risk register is filled in and emptied in
 * forms; "Go live" days early is refused in words; closing a live plan before its window ends asks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_TOKEN, minimalWorkspace, startHub } from './support/processes.ts';

/** Now minus `minutes`, as a London wall-clock time, the template's zone. */
function londonLocal(minutesAgo: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - minutesAgo * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function create(page: Page, name: string, start: string, zone = ''): Promise<void> {
  await page.getByTestId('new-plan-from').selectOption('template:sports-final');
  await page.getByTestId('new-plan-name').fill(name);
  if (zone) await page.getByTestId('new-plan-zone').fill(zone);
  await page.getByTestId('new-plan-start').fill(start);
  await page.getByTestId('new-plan-create').click();
}

test.use({ actionTimeout: 15_000 });

/** A hub in a fresh folder and a planner acting as @ops-anna on the plans page; then `body`, then the hub stopped. */
async function withPlanner(browser: Browser, body: (page: Page, url: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-planner-gates-'));
  const hub = await startHub(['--workspace', await minimalWorkspace(join(dir, 'workspace.yaml'), 'Planner gates')]);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await expect(page.getByTestId('connection-state').first()).toHaveAttribute('data-state', 'connected');
    await page.goto(`${hub.url}/#/plans`);
    await page.getByTestId('planner-person').fill('@ops-anna');
    await body(page, hub.url);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A new plan for the final in May 2027, open in the editor. */
async function finalIn2027(page: Page): Promise<void> {
  await create(page, 'Cup Final (gates)', '2027-05-29T19:00');
  await expect(page.getByTestId('plan-editor')).toBeVisible();
}

test('the new-plan form says which zone the start is in, and names a mistyped zone', async ({ browser }) => {
  await withPlanner(browser, async (page) => {
    await page.getByTestId('new-plan-from').selectOption('template:sports-final');
    await expect(page.getByTestId('new-plan-start-zone')).toHaveText('Europe/London');
    // The caption reads as one line, "Starts (local, Europe/London)", not "Europe/London" and ")" on lines of their own.
    const caption = await page.getByTestId('new-plan-start').evaluate((input) => {
      const whole = document.createRange();
      whole.setStartBefore(input.parentElement!.firstChild!);
      whole.setEndBefore(input);
      const firstWord = document.createRange();
      firstWord.selectNodeContents(document.evaluate('.//text()[contains(., "Starts")]', input.parentElement!, null, XPathResult.FIRST_ORDERED_NODE_TYPE).singleNodeValue!);
      return { height: whole.getBoundingClientRect().height, lineHeight: firstWord.getBoundingClientRect().height };
    });
    expect(caption.height).toBeLessThan(caption.lineHeight * 1.5);
    await create(page, 'Cup Final (gates)', '2027-05-29T19:00', 'Europe/Londn');
    await expect(page.getByTestId('new-plan-error')).toHaveText('Time zone: expected an IANA time zone such as "Europe/London" or "UTC", got "Europe/Londn"');
    await page.getByTestId('new-plan-zone').fill('');
    await finalIn2027(page);
    await expect(page.getByTestId('new-plan-error')).toHaveCount(0);
  });
});

test('a go/no-go decision waits for unsaved edits, and "Go" with something open needs a reason', async ({ browser }) => {
  await withPlanner(browser, async (page) => {
    await finalIn2027(page);
    // Unsaved edits: the decision buttons wait, saying why; nothing typed is lost.
    const gonogo = page.locator('section[aria-labelledby=plan-gonogo]');
    await page.getByTestId('readiness-evidence-prescale-validated').fill('https://grafana.example.com/d/prescale');
    await page.getByTestId('readiness-verify-prescale-validated').click();
    // A new owner takes over the template's decider.
    await expect(page.getByTestId('gonogo-decider')).toHaveValue('@ops-manager');
    await page.getByTestId('plan-owner').fill('@ops-anna');
    await expect(page.getByTestId('gonogo-decider')).toHaveValue('@ops-anna');
    await expect(page.getByTestId('gonogo-unsaved')).toBeVisible();
    await expect(page.getByTestId('plan-unsaved')).toBeVisible();
    await expect(page.getByTestId('decide-go-with-conditions')).toBeDisabled();
    await expect(page.getByTestId('decide-no-go')).toBeDisabled();
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(page.getByTestId('gonogo-unsaved')).toHaveCount(0);

    // Nothing signed off: "Go" needs a reason; "Go with conditions" names what is open.
    await expect(page.getByTestId('gonogo-open')).toContainText('not signed off: No red readiness items');
    await expect(page.getByTestId('decide-go')).toBeDisabled();
    await page.getByTestId('decide-go-with-conditions').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Decision recorded: go with conditions.');
    const decision = page.getByTestId('go-no-go-decision');
    await expect(decision).toContainText('conditions: not signed off: No red readiness items');
    await expect(decision).toContainText(/by @ops-anna, \w{3} \d+ \w{3} \d{4} \d\d:\d\d \(Europe\/London\)/);
    await expect(decision).not.toContainText(/\d{4}-\d\d-\d\dT/);
    await expect(page.getByTestId('readiness-verified-prescale-validated')).toContainText('ago');
    await expect(page.getByTestId('gonogo-decider')).toHaveValue('@ops-anna');
    await page.getByTestId('gonogo-override').fill('the board accepts the open items');
    await page.getByTestId('decide-go').click();
    await expect(decision).toContainText('override: the board accepts the open items');
    await expect(gonogo.getByTestId('decide-go')).toHaveText('✔ Go (override)');

  });
});

test('with nobody named, state moves and decisions wait for a name instead of recording the owner', async ({ browser }) => {
  await withPlanner(browser, async (page) => {
    await finalIn2027(page);
    await page.getByTestId('planner-person').fill('');
    // The plan's owner is @ops-manager: nothing may be recorded in their name by whoever clicks.
    for (const id of ['plan-to-planned', 'decide-go-with-conditions', 'decide-no-go']) {
      await expect(page.getByTestId(id)).toBeDisabled();
      await expect(page.getByTestId(id)).toHaveAttribute('title', /"Acting as"/);
    }
    await expect(page.getByTestId('plan-needs-person')).toContainText('recorded with a name');
    await page.getByTestId('plan-name-yourself').click();
    await expect(page.getByTestId('planner-person')).toBeFocused();
    await page.keyboard.type('@olivia');
    await expect(page.getByTestId('plan-needs-person')).toHaveCount(0);
    await page.getByTestId('plan-to-planned').click();
    await expect(page.getByTestId('plan-state')).toContainText('planned');
    await expect(page.getByTestId('plan-changed-by')).toContainText('last changed by @olivia');
    await page.getByTestId('decide-no-go').click();
    await expect(page.getByTestId('go-no-go-decision')).toContainText('no go by @olivia');
    // A save names the same person as the moves: the header does not flip to the token's name.
    await page.getByTestId('plan-name').fill('Cup Final (gates, renamed)');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(page.getByTestId('plan-changed-by')).toContainText('last changed by @olivia');
  });
});

test('with "Acting as" empty, the planner acts as the name the console signs incident entries with', async ({ browser }) => {
  await withPlanner(browser, async (page, url) => {
    await page.goto(`${url}/#/incidents`);
    await page.getByTestId('identity-input').fill('olga');
    await page.getByTestId('identity-input').press('Enter');
    await expect(page.getByTestId('identity-name')).toHaveText('@olga');
    await page.goto(`${url}/#/plans`);
    await page.getByTestId('planner-person').fill('');
    await expect(page.getByTestId('planner-person-console')).toContainText('you act as @olga');
    await finalIn2027(page);
    await expect(page.getByTestId('plan-needs-person')).toHaveCount(0);
    await page.getByTestId('plan-to-planned').click();
    await expect(page.getByTestId('plan-changed-by')).toContainText('last changed by @olga');
  });
});

test('a refused save names each field once, in the form\'s words', async ({ browser }) => {
  await withPlanner(browser, async (page) => {
    await finalIn2027(page);
    // A refused save: each field once, in the form's words.
    await page.locator('section[aria-labelledby=plan-moments]').getByLabel('At', { exact: true }).nth(1).fill('T+banana');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-issue')).toHaveCount(1);
    await expect(page.getByTestId('plan-issue')).toContainText('Key moments, row 2, At:');
    await expect(page.getByTestId('plan-issues')).not.toContainText('keyMoments');
    // Said the same beside the field: a T-offset was meant, not only a date-time.
    const moments = page.locator('section[aria-labelledby=plan-moments]');
    await expect(moments.getByTestId('moment-kick-off')).toContainText('expected a T-offset such as "T-7d", "T-1h30m", "T+15m", or a local date-time');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    // An end before the start: that one error, not every check-in and key moment measured against the window.
    await page.getByTestId('plan-end').fill('2027-05-28T21:30');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-issues')).toContainText('Not saved: one field needs a change.');
    await expect(page.getByTestId('plan-issue')).toContainText('expected the end to be after the start');
    await expect(moments.getByText('outside the event window')).toHaveCount(0);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    // A kick-off a month after the final, typed as a date: said beside it before any save.
    await page.locator('section[aria-labelledby=plan-moments]').getByLabel('At', { exact: true }).nth(1).fill('2027-06-29T20:00');
    await expect(page.getByTestId('moment-concern-kick-off')).toContainText('outside the event window (T+31d1h; the window is T0 to T+2h30m)');

  });
});

test('the risk register is filled in and emptied in forms', async ({ browser }) => {
  await withPlanner(browser, async (page) => {
    await finalIn2027(page);
    // The risk register: add one, with its mitigation and a contingency; a level out of 1–5 is named.
    await page.getByTestId('plan-risk-add').click();
    await page.getByTestId('risk-title-risk').fill('Stadium Wi-Fi floods the login service');
    await page.getByTestId('risk-mitigation-risk').fill('Rate-limit logins per venue IP');
    await page.getByTestId('risk-likelihood-risk').fill('7');
    await expect(page.getByTestId('risk-risk')).toContainText('a whole number from 1 to 5');
    await page.getByTestId('risk-likelihood-risk').fill('4');
    await expect(page.getByTestId('risk-risk')).not.toContainText('a whole number from 1 to 5');
    await page.getByTestId('risk-add-contingency-risk').click();
    await page.getByTestId('risk-contingency-plan-risk').fill('Shed the venue IP range to the queue page');
    await page.getByTestId('risk-trigger-text-risk').fill('Logins above 500 per second');
    await page.getByTestId('risk-trigger-panel-risk').fill('logins');
    await expect(page.getByTestId('risk-risk')).toContainText('no panel "logins" on any wall of this workspace');
    await page.getByTestId('risk-trigger-panel-risk').fill('viewers');
    await expect(page.getByTestId('risk-risk')).not.toContainText('no panel');
    await page.getByTestId('risk-trigger-value-risk').fill('500');
    await page.getByTestId('risk-decides-risk').fill('@event-commander');
    await page.getByTestId('risk-notify-risk').pressSequentially('@ops-anna, @login-sme');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByTestId('risk-title-risk')).toHaveValue('Stadium Wi-Fi floods the login service');
    await expect(page.getByTestId('risk-mitigation-risk')).toHaveValue('Rate-limit logins per venue IP');
    await expect(page.getByTestId('risk-likelihood-risk')).toHaveValue('4');
    await expect(page.getByTestId('risk-trigger-panel-risk')).toHaveValue('viewers');
    await expect(page.getByTestId('risk-notify-risk')).toHaveValue('@ops-anna, @login-sme');
    await expect(page.getByTestId('risk-decides-risk')).toHaveValue('@event-commander');
    await page.getByTestId('risk-remove-risk').click();
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(page.getByTestId('risk-risk')).toHaveCount(0);

  });
});

test('"Go live" days early is refused in words; closing a live plan before its window ends asks first', async ({ browser }) => {
  await withPlanner(browser, async (page, url) => {
    await finalIn2027(page);
    // Days before its start: ready, but not live; and back to planned.
    await page.getByTestId('plan-to-planned').click();
    await page.getByTestId('plan-to-ready').click();
    await expect(page.getByTestId('plan-state')).toContainText('ready');
    await expect(page.getByTestId('plan-to-live')).toBeDisabled();
    await expect(page.getByTestId('plan-not-yet-live')).toContainText('may go live from Sat 29 May 2027 16:00 (Europe/London), 3 h before its start');
    await page.getByTestId('plan-to-planned').click();
    await expect(page.getByTestId('plan-state')).toContainText('planned');

    // Kicked off ten minutes ago: live; closing before the window ends asks first.
    await page.goto(`${url}/#/plans`);
    await create(page, 'Cup Final (tonight)', londonLocal(10));
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await page.getByTestId('plan-to-planned').click();
    await expect(page.getByTestId('plan-ready-red')).toContainText(/readiness items are red \(.*Load test at 1\.5× the forecast peak/);
    for (const to of ['ready', 'live']) {
      await page.getByTestId(`plan-to-${to}`).click();
      await expect(page.getByTestId('plan-state')).toContainText(to === 'live' ? 'LIVE' : to);
    }
    const declared = await fetch(`${url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Entitlement errors <b>spiking</b>', severity: 1 }),
    });
    expect(declared.status).toBeLessThan(300);
    await page.getByTestId('plan-to-closed').click();
    await expect(page.getByTestId('plan-close-confirm')).toContainText(/the event window runs until .* \(2 h 1\d min from now\)/);
    await expect(page.getByTestId('plan-close-confirm')).toContainText('1 incident is still open: SEV1 Entitlement errors <b>spiking</b> (declared)');
    await page.getByTestId('plan-close-keep').click();
    await expect(page.getByTestId('plan-close-confirm')).toHaveCount(0);
    await expect(page.getByTestId('plan-state')).toContainText('LIVE');
    await page.getByTestId('plan-to-closed').click();
    await page.getByTestId('plan-close-anyway').click();
    await expect(page.getByTestId('plan-state')).toContainText('closed');
  });
});
