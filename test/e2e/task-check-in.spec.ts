/**
 * A task's time box ends: its owner's console asks for a check-in — done, or more time — and the
 * answer is logged on the hub like any entry (a new version of the task).
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

interface RestEntry {
  id: string;
  kind: string;
  text: string;
  supersedes?: string;
  data: { owner?: string; dueAt?: number; done?: boolean; acknowledgedAt?: number };
}

async function log(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('scribe-input');
  await expect(input).toBeFocused();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('');
}

test('the owner is asked to check in when a time box ends, and answers with more time or done', async ({ page }) => {
  const hub = await startHub(['--demo', '--demo-port', '0']);
  try {
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/incidents`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await page.getByTestId('identity-input').fill('ann');
    await page.getByTestId('identity-input').press('Enter');
    await page.getByTestId('andon-title').fill('Playback errors in af-south');
    await page.getByTestId('andon-pull').click();
    await expect(page.getByTestId('incident-view')).toBeVisible();
    const incidentId = new URL(page.url()).hash.split('/').pop()!;

    // Given 15 minutes ago with a 5-minute time box: it ended 10 minutes ago.
    await log(page, '-15m @ann 5m verify the rollback on the af-south edge');
    const prompt = page.getByTestId('task-check-in');
    await expect(prompt).toContainText('Your time box ended 10 min ago');
    await expect(prompt).toContainText('verify the rollback on the af-south edge');
    // Someone else's ended time box is not ann's to answer.
    await log(page, '-15m @bob 5m check the CDN logs');
    await expect(page.getByTestId('task-check-in')).toHaveCount(1);

    await prompt.getByTestId('task-check-in-extend-10').click();
    await expect(page.getByTestId('task-check-in')).toHaveCount(0);
    const mine = page.getByTestId('task').filter({ hasText: 'verify the rollback' });
    await expect(mine).toContainText(/due in (9:\d\d|10:00)/);
    await expect(mine).toHaveAttribute('data-acknowledged', 'true');

    const timeline = async () =>
      ((await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { entries: RestEntry[] }).entries;
    const versions = (await timeline()).filter((e) => e.kind === 'task' && e.text === 'verify the rollback on the af-south edge');
    expect(versions).toHaveLength(2);
    expect(versions[1]!.data.dueAt! - Date.now()).toBeGreaterThan(8 * 60_000);

    // Another ended time box: done.
    await log(page, '-20m @ann 5m page the CDN vendor');
    await page.getByTestId('task-check-in').getByTestId('task-check-in-done').click();
    await expect(page.getByTestId('task-check-in')).toHaveCount(0);
    await expect.poll(async () => (await timeline()).filter((e) => e.kind === 'task' && e.text === 'page the CDN vendor').at(-1)?.data.done).toBe(true);
  } finally {
    await hub.stop();
  }
});
