/**
 * The incident's record and the postmortem's own sections, written in the console, in Chromium
 * against a real hub (`--demo`, whose workspace has teams) started through its CLI.
 *
 * Ann pulls the andon cord with the affected service picked from the teams' services and a
 * priority; fills the Record card (root-cause category, impact, region) and bob's console shows
 * the values and who set them; she writes a five-whys item (then corrects it) and a "went well"
 * item holding HTML, shown as text. The downloaded postmortem.md and the REST one hold all of it,
 * and the weekly review counts the incident under that cause and service, for that service's team.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_TOKEN, startHub, type Hub } from './support/processes.ts';

async function consoleOf(browser: Browser, hub: Hub, name: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hub.url}/#/incidents`);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('identity-input').fill(name);
  await page.getByTestId('identity-input').press('Enter');
  await expect(page.getByTestId('identity-name')).toHaveText(`@${name}`);
  return page;
}

interface WeeklyJson {
  incidents: { id: string; service: string | null; cause: string | null; team: string | null }[];
  trends: { weeks: { byCause: Record<string, number>; byService: Record<string, number> }[] };
}

test('declare with a service, fill the record and the postmortem sections: the postmortem and the weekly review show them', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const hub = await startHub(['--demo', '--demo-port', '0']);
  try {
    const ann = await consoleOf(browser, hub, 'ann');
    const bob = await consoleOf(browser, hub, 'bob');

    // ---- the andon cord: the teams' services are offered; a service and a priority go with it ----
    const offered = await ann.locator('datalist#andon-services option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining(['entitlement', 'login', 'playback', 'cdn']));
    await ann.getByTestId('andon-title').fill('Paying viewers denied playback');
    await ann.getByTestId('andon-sev-1').check({ force: true });
    await ann.getByTestId('andon-service').fill('entitlement');
    await ann.getByTestId('andon-priority').selectOption('P1');
    await ann.getByTestId('andon').screenshot({ path: testInfo.outputPath('andon.png') });
    await ann.getByTestId('andon-pull').click();
    await expect(ann.getByTestId('incident-view')).toBeVisible();
    const incidentId = (await ann.getByTestId('incident-view').getAttribute('data-incident-id'))!;

    const record = ann.getByTestId('record-card');
    await expect(record.getByTestId('record-input-service')).toHaveValue('entitlement');
    await expect(record.getByTestId('record-input-priority')).toHaveValue('P1');
    await expect(record.getByTestId('record-by-service')).toHaveText(/^set by @ann at \d\d:\d\d$/);
    await expect(record.getByTestId('record-by-region')).toHaveText('not set');
    await expect(record.getByTestId('record-save')).toBeDisabled();

    // ---- the record: root cause, impact, region; one save, one bookkeeping entry ----------------
    await record.getByTestId('record-input-rootCauseCategory').fill('change');
    await record.getByTestId('record-input-impact').fill('EU viewers on paid plans could not start playback');
    await record.getByTestId('record-input-region').fill(' eu-west ');
    await expect(record.getByTestId('record-region')).toHaveAttribute('data-edited', 'true');
    await record.getByTestId('record-save').click();
    await expect(record.getByTestId('record-by-rootCauseCategory')).toHaveText(/^set by @ann at \d\d:\d\d$/);
    await expect(record.getByTestId('record-input-region')).toHaveValue('eu-west');
    await expect(record.getByTestId('record-save')).toBeDisabled();
    await expect(record.locator('[data-pending="true"]')).toHaveCount(0);
    await expect(ann.getByTestId('entry').filter({ hasText: 'Record — region: eu-west; root cause category: change; impact: EU viewers' })).toHaveCount(1);

    // Broadcast: bob's console shows the same record, and who set it.
    await bob.goto(`${hub.url}/#/incidents/${incidentId}`);
    const bobRecord = bob.getByTestId('record-card');
    await expect(bobRecord.getByTestId('record-input-region')).toHaveValue('eu-west');
    await expect(bobRecord.getByTestId('record-input-rootCauseCategory')).toHaveValue('change');
    await expect(bobRecord.getByTestId('record-by-region')).toHaveText(/^set by @ann/);

    // ---- the postmortem's sections: a five-whys item (corrected), a "went well" item -------------
    const pm = ann.getByTestId('postmortem-card');
    await pm.getByTestId('pm-section').selectOption('five_whys');
    await pm.getByTestId('pm-text').fill('The entitlement config push denied every plan');
    await pm.getByTestId('pm-add').click();
    await expect(pm.getByTestId('pm-section-five_whys').getByTestId('pm-item-text')).toHaveText(['The entitlement config push denied every plan']);
    await pm.getByTestId('pm-item-edit').click();
    await pm.getByTestId('pm-item-input').fill('The entitlement config push denied every paid plan');
    await pm.getByTestId('pm-item-save').click();
    await expect(pm.getByTestId('pm-section-five_whys').getByTestId('pm-item-text')).toHaveText(['The entitlement config push denied every paid plan']);

    await pm.getByTestId('pm-section').selectOption('went_well');
    await pm.getByTestId('pm-text').fill('The canary <b>caught</b> it within a minute');
    await pm.getByTestId('pm-text').press('Control+Enter');
    await expect(pm.getByTestId('pm-text')).toHaveValue('');
    const wentWell = pm.getByTestId('pm-section-went_well').getByTestId('pm-item-text');
    await expect(wentWell).toHaveText('The canary <b>caught</b> it within a minute');
    await expect(pm.locator('b')).toHaveCount(0);
    await expect(pm).toContainText('Not written yet: Root causes, Contributing factors');
    await expect(bob.getByTestId('postmortem-card').getByTestId('pm-section-went_well')).toContainText('The canary <b>caught</b> it within a minute');
    await ann.getByTestId('record-card').screenshot({ path: testInfo.outputPath('record-card.png') });
    await pm.screenshot({ path: testInfo.outputPath('postmortem-card.png') });

    // ---- the postmortem, downloaded from the console and over REST ------------------------------
    const [download] = await Promise.all([ann.waitForEvent('download'), ann.getByTestId('postmortem-md').click()]);
    const md = await readFile((await download.path())!, 'utf8');
    const rest = await fetch(`${hub.url}/api/v1/incidents/${incidentId}/postmortem.md`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(rest.status).toBe(200);
    const expected = [
      '| Priority | P1 |',
      '| Impact | EU viewers on paid plans could not start playback |',
      '| Affected service | entitlement |',
      '| Affected region | eu-west |',
      '| Root-cause category | change |',
      // The section has the corrected item only (the timeline keeps the first version as history).
      '## Five whys\n\n1. The entitlement config push denied every paid plan\n\n## ',
      '## What went well\n\n- The canary \\<b\\>caught\\</b\\> it within a minute\n',
    ];
    const restMd = await rest.text();
    for (const part of expected) {
      expect(md).toContain(part);
      expect(restMd).toContain(part);
    }

    // ---- the weekly review counts it under that cause and service, for the service's team -------
    const weekly = await fetch(`${hub.url}/api/v1/review/weekly.json`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(weekly.status).toBe(200);
    const review = (await weekly.json()) as WeeklyJson;
    expect(review.incidents.find((i) => i.id === incidentId)).toMatchObject({ service: 'entitlement', cause: 'change', team: 'identity' });
    const thisWeek = review.trends.weeks.at(-1)!;
    expect(thisWeek.byCause.change).toBe(1);
    expect(thisWeek.byService.entitlement).toBe(1);
  } finally {
    await hub.stop();
  }
});
