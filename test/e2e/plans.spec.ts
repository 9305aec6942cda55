/**
 * Event-planning mode in Chromium against a real hub and the demo platform: a planner creates a
 * plan from the sports-final template (starting ten minutes ago, so the match night is on), links
 * and verifies a readiness item's evidence, moves the plan to live; the wall shows the event
 * strip (countdown to kick-off, an overdue check-in flagged); a responder checks in from the
 * console and the wall shows it; the demo's entitlement outage fires a risk trigger on the hub and
 * the wall and the planner offer its contingency plan, declared as an incident from there; the post-event report downloads with the check-in and
 * the fired risk in it. Screenshots of the planner and the wall are kept.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_TOKEN, demoWorkspace, freePort, startDemo, startHub } from './support/processes.ts';

async function signedIn(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(`${url}/#/login?token=${ADMIN_TOKEN}`);
  await expect(page.getByTestId('connection-state').first()).toHaveAttribute('data-state', 'connected');
  return page;
}

/** Now minus `minutes`, as a London wall-clock time ("2026-12-06T04:20"), the template's zone. */
function londonLocal(minutesAgo: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - minutesAgo * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('plan a final from the template, go live, run it on the wall, check in, download the report', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(name), fullPage: false });
  // The demo a minute before its entitlement outage (scenario minutes 95–103), at double speed.
  const demoPort = await freePort();
  const demo = await startDemo(demoPort, 2, 94);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-plans-'));
  const hub = await startHub(['--workspace', await demoWorkspace(dir, demoPort)]);
  try {
    const planner = await signedIn(browser, hub.url);
    await planner.goto(`${hub.url}/#/plans`);

    // A malformed plan file is refused whole, each bad field named with its line.
    const template = await readFile(join(import.meta.dirname, '..', '..', 'assets', 'templates', 'sports-final.yaml'), 'utf8');
    const broken = template.replace('tier: 1', 'tier: 7').replace('timezone: Europe/London', 'timezone: Mars/Olympus');
    await planner.getByTestId('import-plan').setInputFiles({ name: 'final.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
    await expect(planner.getByTestId('import-issues')).toContainText('final.yaml was refused; nothing was imported');
    await expect(planner.getByTestId('import-issues')).toContainText(/line \d+: event\.tier/);
    await expect(planner.getByTestId('import-issues')).toContainText('event.timezone');
    await expect(planner.getByTestId('plan-list')).toContainText('No plans yet');
    await planner.getByTestId('planner-person').fill('@ops-manager');
    await planner.getByTestId('new-plan-from').selectOption('template:sports-final');
    await planner.getByTestId('new-plan-name').fill('Cup Final (e2e)');
    await planner.getByTestId('new-plan-start').fill(londonLocal(10));
    await planner.getByTestId('new-plan-create').click();
    await expect(planner.getByTestId('plan-editor')).toBeVisible();
    await expect(planner.getByTestId('plan-state')).toContainText('draft');
    expect(planner.url()).toMatch(/#\/plans\/cup-final-e2e-/);

    // Pre-scale was due at T-30m: not done, it is red ("not ready") until its evidence is in.
    await expect(planner.getByTestId('readiness-state-prescale-validated')).toContainText('not ready');
    await planner.getByTestId('readiness-evidence-prescale-validated').fill('https://grafana.example.com/d/prescale?from=now-1h');
    await planner.getByTestId('readiness-verify-prescale-validated').click();
    await expect(planner.getByTestId('readiness-state-prescale-validated')).toContainText('ready');
    await expect(planner.getByTestId('readiness-verified-prescale-validated')).toContainText('ago');
    await planner.getByTestId('plan-save').click();
    await expect(planner.getByTestId('plan-message')).toHaveText('Saved.');
    await shot(planner, 'planner.png');

    for (const to of ['planned', 'ready', 'live']) {
      await planner.getByTestId(`plan-to-${to}`).click();
      await expect(planner.getByTestId('plan-state')).toContainText(to === 'live' ? 'LIVE' : to);
    }

    // The wall: the strip with the countdown to kick-off (T+20m) and the T0 check-ins overdue.
    const wall = await signedIn(browser, hub.url);
    await wall.goto(`${hub.url}/#/wall/platform`);
    const strip = wall.getByTestId('event-strip');
    await expect(strip).toBeVisible({ timeout: 20_000 });
    await expect(strip).toContainText('Cup Final (e2e)');
    await expect(wall.getByTestId('event-countdown')).toContainText('Kick-off');
    await expect(wall.getByTestId('event-countdown')).toContainText(/\d+:\d\d/);
    await expect(wall.getByTestId('event-on-duty')).toContainText('@event-commander');
    // Key moments are marked on every time-series panel: the stream opened (T0) 10 minutes ago.
    await expect(wall.getByTestId('chart-streams-by-region')).toHaveAttribute('data-marks', /Stream opens \(pre-match show\)/);
    await expect(wall.getByTestId('check-in-overdue').first()).toBeVisible();
    await expect(wall.getByTestId('check-in-overdue').first()).toHaveClass(/overdue/);
    // The event SLOs: the demo room's Prometheus is not running in this test, and the strip says so in words.
    await expect(wall.getByTestId('event-slo').first()).toContainText('NO DATA', { timeout: 45_000 });
    await expect(wall.getByTestId('event-slo').first()).toContainText('connect ECONNREFUSED');

    // A responder checks in from the planner's console.
    await planner.getByTestId('planner-person').fill('@cdn-lead');
    await planner.getByTestId('check-in-schedule').selectOption('cdn');
    await planner.getByTestId('check-in-amber').check();
    await planner.getByTestId('check-in-note').fill('Steering 60/40 to CDN-B, rebuffer 0.8%');
    await planner.getByTestId('check-in-send').click();
    await expect(planner.getByTestId('check-in-sent')).toBeVisible();
    await expect(wall.getByTestId('event-last-check-in')).toContainText('@cdn-lead cdn amber', { timeout: 20_000 });
    await expect(wall.getByTestId('event-last-check-in')).toContainText('Steering 60/40');

    // The console's prompt answers the slot due for the person at it: @playback-sme's, not the
    // plan's first schedule (cdn).
    const planUrl = planner.url();
    await planner.getByTestId('planner-person').fill('@playback-sme');
    await planner.goto(`${hub.url}/#/console`);
    const checkInPrompt = planner.getByTestId('check-in-prompt');
    await expect(checkInPrompt).toContainText('@playback-sme');
    await expect(checkInPrompt.getByTestId('check-in-schedule')).toHaveValue('playback');
    await planner.goto(planUrl);
    await planner.getByTestId('planner-person').fill('@cdn-lead');

    // The outage: the entitlement 403s trigger fires on the hub and the wall offers the plan.
    await expect(wall.getByTestId('trigger-fired').first()).toContainText('Entitlement 403s above 50/s', { timeout: 200_000 });
    // Who decides is on the wall at once, beside what to do.
    await expect(wall.getByTestId('trigger-fired-who').first()).toContainText('decides: @event-commander');
    await shot(wall, 'wall-event-mode.png');

    // The planner offers the contingency plan and declares the incident in one action.
    const prompt = planner.getByTestId('trigger-prompt-entitlement-saturation');
    await expect(prompt).toContainText('Switch entitlement to cached grants', { timeout: 30_000 });
    await expect(planner.getByTestId('trigger-people-entitlement-saturation')).toContainText('@event-commander');
    await expect(planner.getByTestId('trigger-people-entitlement-saturation')).toContainText('@comms-lead');
    await planner.getByTestId('trigger-declare-entitlement-saturation').click();
    await expect(planner).toHaveURL(/#\/incidents\/[0-9A-Z]{26}$/);
    await expect(wall.getByTestId('incident-banner')).toContainText('Entitlement API saturates', { timeout: 20_000 });
    const incidentId = /#\/incidents\/([0-9A-Z]{26})$/.exec(planner.url())![1]!;
    await shot(wall, 'wall-event-and-incident.png');

    // The post-event report, downloaded from the planner.
    await planner.goBack();
    await planner.reload();
    const [download] = await Promise.all([planner.waitForEvent('download'), planner.getByTestId('download-report.md').click()]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const report = await readFile(saved, 'utf8');
    expect(report).toContain('# Post-event report: Cup Final (e2e)');
    expect(report).toMatch(/## Check-ins[\s\S]*@cdn-lead/);
    expect(report).toMatch(/## Risks that fired[\s\S]*Entitlement API saturates/);
    expect(report).toContain(`declared as incident ${incidentId}`);
    await planner.getByTestId('preview-report.md').click();
    await expect(planner.getByTestId('report-preview')).toContainText('Risks that fired');
    await planner.getByTestId('report-preview').scrollIntoViewIfNeeded();
    await shot(planner, 'planner-report.png');
  } finally {
    await hub.stop();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('edit a plan as YAML (a bad field is named with its line) and push a lesson into its template', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startHub(['--demo', '--demo-port', '0']);
  try {
    const planner = await signedIn(browser, hub.url);
    await planner.goto(`${hub.url}/#/plans`);
    await planner.getByTestId('planner-person').fill('@ops-manager');
    await planner.getByTestId('new-plan-from').selectOption('template:weekend');
    // Without a start the form refuses (the template's own date is long past).
    await planner.getByTestId('new-plan-create').click();
    expect(await planner.getByTestId('new-plan-start').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    await expect(planner.getByTestId('plan-editor')).toHaveCount(0);
    await planner.getByTestId('new-plan-start').fill(londonLocal(-3 * 24 * 60)); // in three days
    await planner.getByTestId('new-plan-create').click();
    await expect(planner.getByTestId('plan-editor')).toBeVisible();

    await planner.getByTestId('yaml-open').click();
    const yaml = planner.getByTestId('yaml-text');
    const text = await yaml.inputValue();
    await yaml.fill(text.replace(/tier: \d/, 'tier: 9'));
    await planner.getByTestId('yaml-save').click();
    // Said beside the button that was pressed, in sight and focused, not at the top of the page.
    const refusal = planner.getByRole('alert').filter({ hasText: /line \d+: event\.tier/ });
    await expect(refusal).toBeInViewport();
    await expect(refusal).toBeFocused();
    await expect(planner.getByTestId('yaml-save')).toBeInViewport();
    await expect(planner.getByTestId('plan-issues')).toHaveCount(0);
    await yaml.fill(text.replace(/notes: .*|$/, '').concat('\nnotes: Checked by the YAML editor\n'));
    await planner.getByTestId('yaml-save').click();
    await expect(planner.getByTestId('yaml-saved')).toHaveText('Saved.');
    await expect(planner.getByTestId('plan-message')).toHaveText('Saved.');
    await expect(refusal).toHaveCount(0);

    // A lesson: an action item ticked for the template, saved, pushed: the template's next version.
    await planner.getByRole('button', { name: 'Add an action' }).click();
    await planner.getByRole('textbox', { name: 'Action' }).last().fill('Rotate the DRM keys before the weekend, not during it');
    await planner.getByRole('checkbox', { name: 'Lesson for the template' }).last().check();
    await planner.getByTestId('plan-save').click();
    await expect(planner.getByTestId('plan-message')).toHaveText('Saved.');
    await planner.getByRole('button', { name: /Push lessons into template weekend/ }).click();
    await expect(planner.getByTestId('plan-message')).toHaveText('Template weekend is now version 2 (1 lesson added).');
    await planner.goto(`${hub.url}/#/plans`);
    await expect(planner.getByTestId('new-plan-from')).toContainText('template weekend v2');
  } finally {
    await hub.stop();
  }
});
