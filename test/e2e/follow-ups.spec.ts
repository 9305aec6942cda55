/**
 * Follow-ups from the console in Chromium, against a real hub started through its CLI (a small
 * workspace whose room is in Tokyo): the lead logs a bare `todo:` and one with its owner and due
 * date on the scribe line (`todo: @bob 7d …`, previewed as such), resolves the incident and tries
 * to close it. The console says which follow-up stops it and what it needs, sends no close, and
 * opens the editor right there: a due date it cannot read is refused in words, then owner and
 * due date go in from the keyboard, and Enter on the close that is offered next closes the
 * incident. Type, priority and ticket are set from the Follow-ups card, the due instant kept.
 * Every step is checked in the hub's own timeline over REST.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { pullAndon } from './support/console.ts';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

const DAY = 86_400_000;
const ZONE = 'Asia/Tokyo'; // UTC+9 all year

interface RestTodo {
  kind: string;
  text: string;
  supersedes?: string;
  data: { owner?: string; dueAt?: number; type?: string; priority?: string; ticketUrl?: string; closedAt?: number };
}
interface Timeline {
  entries: RestTodo[];
  projection: { status: string; followUps: { id: string; text: string; owner?: string; dueAt?: number; type?: string; priority?: string; ticketUrl?: string; pending: boolean }[] };
}

/** Type a line into the scribe line and log it. */
async function log(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('scribe-input');
  await input.focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('');
}

test('a lead told what a follow-up needs before closing sets owner and due date in place, then closes the incident', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-follow-ups-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(
    file,
    `
version: 1
title: Follow-ups
timezone: ${ZONE}
sources:
  - { id: ops, type: push }
walls:
  - id: room
    title: Room
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
`,
  );
  const hub = await startHub(['--workspace', file]);
  const context = await browser.newContext();
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  try {
    const timeline = async (id: string): Promise<Timeline> => {
      const response = await fetch(`${hub.url}/api/v1/incidents/${id}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as Timeline;
    };
    const c = await context.newPage();
    await c.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await c.goto(`${hub.url}/#/incidents`);
    await expect(c.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await c.getByTestId('identity-input').fill('ann');
    await c.getByTestId('identity-input').press('Enter');
    await expect(c.getByTestId('identity-name')).toHaveText('@ann');

    const incidentId = await pullAndon(c, '403s on the EU edge', 2);

    // ---- two follow-ups: one bare, one owned and dated on the scribe line --------------------------
    await log(c, 'todo: alert on the 403 rate per edge');
    await c.getByTestId('scribe-input').focus();
    await c.keyboard.type('todo: @bob 7d canary the CDN config');
    await expect(c.getByTestId('scribe-preview')).toContainText(/^Follow-up at [\d:]+, owner @bob, due \w{3} \d{1,2} \w{3} — canary the CDN config$/);
    const typedAt = Date.now();
    await c.keyboard.press('Enter');
    await expect(c.getByTestId('scribe-input')).toHaveValue('');

    const card = c.getByTestId('follow-ups');
    const bare = card.getByTestId('follow-up').filter({ hasText: 'alert on the 403 rate per edge' });
    const owned = card.getByTestId('follow-up').filter({ hasText: 'canary the CDN config' });
    await expect(bare.getByTestId('follow-up-needs')).toHaveText('▲ needs owner, due date');
    await expect(bare.getByTestId('follow-up-edit')).toHaveText('✎ Set owner & due date');
    await expect(owned.getByTestId('follow-up-needs')).toHaveCount(0);
    await expect(owned.getByTestId('follow-up-owner-name')).toHaveText('@bob');
    await expect(card.getByTestId('follow-ups-blocking')).toHaveText('▲ 1 needs an owner and a due date before the incident can close');
    await expect.poll(async () => (await timeline(incidentId)).projection.followUps.length).toBe(2);
    const logged = (await timeline(incidentId)).projection.followUps.find((f) => f.text === 'canary the CDN config')!;
    expect(logged.owner).toBe('bob');
    // Seven days from Enter, on the hub's clock (which is this machine's).
    expect(Math.abs(logged.dueAt! - (typedAt + 7 * DAY))).toBeLessThan(5000);

    // ---- resolve, then try to close: told which follow-up and what it needs, nothing sent ----------
    await log(c, '!status resolved');
    await expect(c.getByTestId('incident-view')).toHaveAttribute('data-status', 'resolved');
    await c.getByTestId('incident-close').click();
    const check = c.getByTestId('closing-check');
    await expect(check.getByTestId('closing-check-head')).toHaveText(/The incident cannot close yet: 1 follow-up needs an owner and a due date/);
    const blocker = check.getByTestId('closing-blocker');
    await expect(blocker).toHaveCount(1);
    await expect(blocker.getByTestId('follow-up-text')).toHaveText('alert on the 403 rate per edge');
    await expect(blocker.getByTestId('follow-up-needs')).toHaveText('needs owner, due date');
    await shot(c, 'closing-refused.png');
    await expect(c.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0');
    expect((await timeline(incidentId)).projection.status).toBe('resolved');

    // ---- fix it right there, from the keyboard: the editor is open on the owner ---------------------
    const editor = blocker.getByTestId('follow-up-editor');
    await expect(editor.getByTestId('follow-up-owner')).toBeFocused();
    await c.keyboard.type('@carol');
    await c.keyboard.press('Tab');
    await expect(editor.getByTestId('follow-up-due')).toBeFocused();
    await c.keyboard.type('soon');
    await c.keyboard.press('Enter');
    await expect(editor.getByTestId('follow-up-error-due')).toHaveText('"soon" is not a due date: write 7d, 2w or a date (2026-12-20)');
    const dueDate = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + 10 * DAY);
    const [y, m, d] = dueDate.split('-').map(Number) as [number, number, number];
    const dueAt = Date.UTC(y, m - 1, d, 23 - 9, 59, 59, 999); // the end of that day in Tokyo
    const dueWords = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short' }).format(dueAt);
    await editor.getByTestId('follow-up-due').fill(dueDate);
    await expect(editor.getByTestId('follow-up-due-hint')).toHaveText(`→ ${dueWords}`);
    await editor.getByTestId('follow-up-due').press('Enter');

    // Nothing stops the close now; it is offered, focused, and Enter does it.
    await expect(check.getByTestId('closing-check-head')).toContainText('Every follow-up has an owner and a due date.');
    await expect(bare.getByTestId('follow-up-needs')).toHaveCount(0);
    await expect(bare.getByTestId('follow-up-owner-name')).toHaveText('@carol');
    await expect(bare.getByTestId('follow-up-due-day')).toHaveText(`due ${dueWords}`);
    await expect(card.getByTestId('follow-ups-blocking')).toHaveCount(0);
    await expect
      .poll(async () => (await timeline(incidentId)).projection.followUps.find((f) => f.text === 'alert on the 403 rate per edge'))
      .toMatchObject({ owner: 'carol', dueAt, pending: false });
    await expect(check.getByTestId('closing-check-close')).toBeFocused();
    await c.keyboard.press('Enter');
    await expect(c.getByTestId('incident-view')).toHaveAttribute('data-status', 'closed');
    await expect(check).toHaveCount(0);
    await expect.poll(async () => (await timeline(incidentId)).projection.status).toBe('closed');
    await expect(c.getByTestId('outbox-refused')).toHaveCount(0);

    // ---- after the close: type, priority and ticket from the card; its due instant is kept --------
    await owned.getByTestId('follow-up-edit').click();
    const cardEditor = owned.getByTestId('follow-up-editor');
    await expect(cardEditor.getByTestId('follow-up-owner')).toBeFocused();
    await cardEditor.getByTestId('follow-up-type').selectOption('prevent');
    await cardEditor.getByTestId('follow-up-priority').selectOption('P2');
    await cardEditor.getByTestId('follow-up-ticket').fill('javascript:alert(1)');
    await cardEditor.getByTestId('follow-up-save').click();
    await expect(cardEditor.getByTestId('follow-up-error-ticketUrl')).toContainText('is not a link');
    await cardEditor.getByTestId('follow-up-ticket').fill('https://tickets.example/OPS-403');
    await cardEditor.getByTestId('follow-up-ticket').press('Enter');
    await expect(owned.getByTestId('follow-up-ticket-link')).toHaveAttribute('href', 'https://tickets.example/OPS-403');
    await expect(owned).toContainText('prevent');
    await expect
      .poll(async () => (await timeline(incidentId)).projection.followUps.find((f) => f.text === 'canary the CDN config'))
      .toMatchObject({ owner: 'bob', dueAt: logged.dueAt, type: 'prevent', priority: 'P2', ticketUrl: 'https://tickets.example/OPS-403' });
    // Each change is a new version of the todo entry: the log keeps the bare one too.
    const todos = (await timeline(incidentId)).entries.filter((e) => e.kind === 'todo' && e.text === 'alert on the 403 rate per edge');
    expect(todos.map((e) => e.data.owner ?? null)).toEqual([null, 'carol']);
    expect(todos[1]!.supersedes).toBeDefined();
    await shot(c, 'closed.png');
  } finally {
    await context.close();
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
