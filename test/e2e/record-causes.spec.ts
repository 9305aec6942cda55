/**
 * The Record card's root-cause suggestions in Chromium, against a real hub started through its
 * CLI: the workspace names its causes (`incidents.causes`), an earlier incident used another one
 * ("vendor outage"). The card offers both; a cause typed another way ("Vendor-Outage ") is saved in
 * the known spelling, so the weekly review counts one bucket; a new cause may still be typed.
 * A responder who is not the commander, deputy or scribe finds cause and impact closed to them,
 * saying who writes them, and the rest of the record open.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ulid } from 'ulid';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { ADMIN_TOKEN, startHub, type Hub } from './support/processes.ts';

/** A hub started through its CLI on the smallest workspace, plus `extra` YAML. */
async function hubWith(extra: string): Promise<{ hub: Hub; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-record-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, `${minimalWorkspaceYaml('Record')}timezone: Europe/London\n${extra}`);
  return { hub: await startHub(['--workspace', file]), dir };
}

/** JSON over REST with the admin token. */
const adminApi =
  (hub: Hub) =>
  (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

test("the Record card offers the room's causes and saves a known one in its known spelling", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { hub, dir } = await hubWith('incidents:\n  causes: [Change, Config change, Capacity]\n');
  const api = adminApi(hub);
  const declare = async (title: string): Promise<string> => ((await (await api('/api/v1/incidents', { method: 'POST', body: JSON.stringify({ title, severity: 2 }) })).json()) as { incident: { id: string } }).incident.id;
  try {
    const earlier = await declare('CDN origin 403s');
    const entry = await api(`/api/v1/incidents/${earlier}/entries`, {
      method: 'POST',
      headers: { 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'bookkeeping', occurredAt: Date.now(), data: { rootCauseCategory: 'vendor outage' } }),
    });
    expect(entry.status).toBe(200);
    const id = await declare('Playback errors in the EU');

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/incidents/${id}`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await page.getByTestId('identity-input').fill('ann');
    await page.getByTestId('identity-input').press('Enter');
    const record = page.getByTestId('record-card');
    await expect(record).toBeVisible();

    // the workspace's causes first, then the one used before
    const offered = () => page.locator(`datalist#record-causes-${id} option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await expect.poll(offered).toEqual(['Change', 'Config change', 'Capacity', 'vendor outage']);
    await expect(record.getByTestId('record-input-rootCauseCategory')).toHaveAttribute('list', `record-causes-${id}`);

    // typed another way: saved as the room knows it
    await record.getByTestId('record-input-rootCauseCategory').fill('Vendor-Outage ');
    await record.getByTestId('record-save').click();
    await expect(record.getByTestId('record-by-rootCauseCategory')).toHaveText(/^set by @ann/);
    await expect(record.getByTestId('record-input-rootCauseCategory')).toHaveValue('vendor outage');
    await record.screenshot({ path: testInfo.outputPath('record-causes.png') });

    const weekly = (await (await api('/api/v1/review/weekly.json')).json()) as { trends: { byCause: Record<string, number> } };
    expect(weekly.trends.byCause).toEqual({ 'vendor outage': 2 });

    // a new cause is still free text, and is offered from then on
    await record.getByTestId('record-input-rootCauseCategory').fill('cosmic ray');
    await record.getByTestId('record-save').click();
    await expect(record.getByTestId('record-input-rootCauseCategory')).toHaveValue('cosmic ray');
    await expect.poll(offered).toContain('cosmic ray');
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a responder who is not the commander sees who writes the cause and impact, and fills the rest of the record', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { hub, dir } = await hubWith('');
  const api = adminApi(hub);
  try {
    const { secret } = (await (await api('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'bob seat', role: 'responder' }) })).json()) as { secret: string };
    const { incident } = (await (await api('/api/v1/incidents', { method: 'POST', body: JSON.stringify({ title: 'EU playback 403s', severity: 2, author: 'ann' }) })).json()) as { incident: { id: string } };

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/#/login?token=${secret}`);
    await page.goto(`${hub.url}/#/incidents/${incident.id}`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await page.getByTestId('identity-input').fill('bob');
    await page.getByTestId('identity-input').press('Enter');
    const record = page.getByTestId('record-card');
    await expect(record.getByTestId('record-input-rootCauseCategory')).toBeDisabled();
    await expect(record.getByTestId('record-input-impact')).toBeDisabled();
    await expect(record.getByTestId('record-kept')).toHaveText('Root cause and impact are set by the commander (ann), the deputy or the scribe; propose yours with a note or a follow-up.');
    await record.getByTestId('record-input-region').fill('eu-west');
    await record.getByTestId('record-save').click();
    await expect(record.getByTestId('record-by-region')).toHaveText(/^set by @bob/);
    await record.screenshot({ path: testInfo.outputPath('record-kept.png') });
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
