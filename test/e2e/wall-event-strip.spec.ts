/**
 * The event strip at 1920×1080 as a room reads it: a fired trigger is shown whole (what fired,
 * what to do, who decides) even on the compact strip beside an incident; sections that do not fit
 * are named in "+N more" and one in trouble is shown before calm ones; the plan whose window is
 * running takes the strip; times are in the room's zone like the header's first clock; a change
 * recorded during the freeze is flagged, and raises the header's radiator.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { inside } from './support/boxes.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

// The minimal workspace in the room's zone (Johannesburg, UTC+2) for a venue in London, with the panel
// the sports-final template's entitlement trigger watches.
const workspace =
  minimalWorkspaceYaml('Strip').replace('sources:', 'timezone: Africa/Johannesburg\nvenueTimezone: Europe/London\nsources:') +
  '      - { id: entitlement-403, title: Entitlement 403s, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: e403 } }\n';

/**
 * Every section is shown whole or named in "+N more" (those in trouble marked ✖), and no calm
 * section is shown while one in trouble is not.
 */
async function shownOrNamed(strip: Locator, more: Locator): Promise<void> {
  const sections = await strip.locator('.strip-section').evaluateAll((els) =>
    els.map((e) => ({ key: (e as HTMLElement).dataset.section!, shown: (e as HTMLElement).dataset.shown === 'true', trouble: (e as HTMLElement).dataset.trouble === 'true' })),
  );
  const dropped = sections.filter((s) => !s.shown);
  expect(dropped.length).toBeGreaterThan(0);
  await expect(more).toBeVisible();
  await expect(more.locator('h2')).toHaveText(`+${dropped.length} more`);
  const names = await more.locator('.strip-more-names > span').allInnerTexts();
  expect(names.length).toBe(dropped.length);
  expect(names.filter((n) => n.includes('✖')).length).toBe(dropped.filter((s) => s.trouble).length);
  if (dropped.some((s) => s.trouble)) expect(sections.filter((s) => s.shown && !s.trouble && !['event', 'triggers', 'next'].includes(s.key))).toEqual([]);
  for (const s of sections) if (s.shown) await inside(strip.locator(`[data-section="${s.key}"]`), strip, `${s.key} shown whole`);
}

interface Setup {
  readonly strip: Locator;
  readonly more: Locator;
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
}

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** A hub on this file's workspace, the wall open at 1920×1080 once `prepare` has made its plans; no page error by the end of `run`. */
async function withHub(page: Page, prepare: (call: Call) => Promise<void>, run: (call: Call) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-strip-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  const hub = await startHub(['--workspace', file]);
  const call: Call = async (method, path, body) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    await prepare(call);
    const pageErrors = await watchPageErrors(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/main?kiosk`);
    await run(call);
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A hub with the final under way (started 30 minutes ago in London, its entitlement trigger firing
 * as soon as the 403s pass 50/s) and a later event, ready within an hour of its start, on the wall.
 */
async function withEvent(page: Page, run: (s: Setup) => Promise<void>): Promise<void> {
  const poster = (call: Call) => (path: string, body: unknown) => call('POST', path, body);
  await withHub(
    page,
    async (call) => {
      const post = poster(call);
      await post('/api/v1/ingest/push', { source: 'ops', points: [{ series: 'viewers', value: 1000 }, { series: 'e403', value: 1 }] });
      const final = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(Date.now() - 30 * 60_000), timezone: 'Europe/London' } });
      const stored = await call('GET', `/api/v1/plans/${String(final.id)}`);
      const plan = stored.plan as { risks: { id: string; contingency?: { trigger?: { for?: string } } }[] };
      delete plan.risks.find((r) => r.id === 'entitlement-saturation')!.contingency!.trigger!.for;
      await post(`/api/v1/plans/${String(final.id)}?revision=${String(stored.revision)}`, plan);
      for (const state of ['planned', 'ready', 'live']) await post(`/api/v1/plans/${String(final.id)}/state`, { state, by: '@ops' });
      // Created after the final and starting later: the hub lists it first.
      const later = await post('/api/v1/plans', { template: 'premiere', event: { name: 'Late Premiere', start: utcMinute(Date.now() + 50 * 60_000), timezone: 'Europe/London' } });
      for (const state of ['planned', 'ready']) await post(`/api/v1/plans/${String(later.id)}/state`, { state, by: '@ops' });
    },
    async (call) => {
      const strip = page.getByTestId('event-strip');
      await expect(strip).toBeVisible({ timeout: 15_000 });
      await run({ strip, more: page.getByTestId('event-more'), post: poster(call) });
    },
  );
}

test('the event under way has the strip, not a later one that also runs', async ({ page }) => {
  await withEvent(page, async ({ strip }) => {
    await expect(strip.locator('.event-name')).toContainText('Cup Final');
    await expect(strip.locator('.event-name')).toContainText('(+1 more)');
  });
});

test("the strip's times are in the room's zone, as its first clock", async ({ page }) => {
  await withEvent(page, async () => {
    // "Half-time at 07:35 28:00" beside the Johannesburg clock, not the venue's 05:35.
    const next = await page.getByTestId('event-countdown').innerText();
    const at = /at (\d\d):(\d\d)/.exec(next);
    const left = /(\d+):(\d\d)(?::(\d\d))?\s*$/.exec(next);
    expect(at, next).not.toBeNull();
    expect(left, next).not.toBeNull();
    const clock = /(\d\d):(\d\d)/.exec(await page.getByTestId('clock-local').innerText())!;
    const leftMin = left![3] === undefined ? Number(left![1]) : Number(left![1]) * 60 + Number(left![2]);
    const gap = (Number(at![1]) * 60 + Number(at![2]) - (Number(clock[1]) * 60 + Number(clock[2])) + 1440) % 1440;
    expect(Math.abs(gap - leftMin), `${next} beside the room clock ${clock[0]}`).toBeLessThanOrEqual(1);
  });
});

test('sections that do not fit are named in "+N more", and one in trouble is shown before calm ones', async ({ page }) => {
  await withEvent(page, async ({ strip, more }) => {
    // Readiness: nothing verified yet, so not ready; it is the seventh section, but shown.
    await expect(page.getByTestId('event-readiness')).toContainText('not ready');
    await inside(page.getByTestId('event-readiness'), strip, 'readiness');
    await shownOrNamed(strip, more);
    // The countdown to the next key moment is what event mode is for: shown with the event, before
    // the sections in trouble (overdue check-ins and readiness had pushed it into "+N more"), also
    // on a narrower screen.
    await page.setViewportSize({ width: 1100, height: 800 });
    await expect(page.getByTestId('event-countdown')).toHaveAttribute('data-shown', 'true');
    // Taken again until the strip has settled at its new width (one pass may see the old layout).
    await expect(async () => shownOrNamed(strip, more)).toPass({ timeout: 10_000 });
    await inside(page.getByTestId('event-countdown'), strip, 'countdown');
  });
});

test('a fired trigger is shown whole, in large type, on the compact strip beside a SEV1', async ({ page }) => {
  await withEvent(page, async ({ strip, more, post }) => {
    await post('/api/v1/ingest/push', { source: 'ops', points: [{ series: 'e403', value: 500 }] });
    await expect(page.getByTestId('trigger-fired')).toBeVisible({ timeout: 20_000 });
    await post('/api/v1/incidents', { title: 'Entitlement 403s during the Cup Final', severity: 1 });
    await expect(page.getByTestId('incident-banner')).toBeVisible();
    await expect(page.getByTestId('key-moments')).toBeHidden();

    const fired = page.getByTestId('trigger-fired');
    await expect(fired).toContainText('Entitlement 403s above 50/s');
    await expect(fired).toContainText('→ Switch entitlement to cached grants (fail open for paid subscribers for 30 minutes); post the status update.');
    await expect(page.getByTestId('trigger-fired-who')).toContainText('decides: @event-commander');
    // Whole: every line inside the strip and none cut short; in large type.
    for (const part of [fired.locator('.fired-what'), fired.locator('.fired-do'), page.getByTestId('trigger-fired-who')]) {
      await inside(part, strip, 'the fired trigger');
      expect(await part.evaluate((e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)).toBe(true);
    }
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(parseFloat(await fired.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(1.15 * rem - 0.5);
    // No chip cut in half: every chip on the strip that is shown lies inside it.
    for (const chip of await strip.locator('.state-chip:visible').all()) await inside(chip, strip, `chip ${await chip.innerText()}`);
    // What dropped is named, those in trouble marked; none of them gave way to a calm one.
    await shownOrNamed(strip, more);

    // The panels keep most of the wall.
    const panels = (await page.getByTestId('wall-page').boundingBox())!;
    expect(panels.height).toBeGreaterThan(0.55 * 1080);
    await page.screenshot({ path: 'test-results/wall-event-strip.png' });
  });
});

test("a trigger on a panel the workspace lacks says so plainly, in the warning colour, not as a quiet \"no data\"", async ({ page }) => {
  await withEvent(page, async ({ strip }) => {
    // The sports-final template's CDN and playback triggers name panels this workspace has not.
    const missing = page.getByTestId('trigger-no-panel');
    await expect(missing).toHaveText("▲ no panel 'cdn-misses' on this workspace (+1 more)", { timeout: 15_000 });
    await expect(page.getByTestId('event-triggers')).not.toContainText('without data');
    // One line, in place of "nothing fired" (the strip keeps a line per section); the heading counts them.
    await expect(page.getByTestId('event-triggers')).toContainText('2 without a panel');
    await expect(page.getByTestId('event-triggers')).not.toContainText('nothing fired');
    await expect(page.getByTestId('event-triggers')).toHaveAttribute('data-shown', 'true');
    await inside(missing, strip, 'the missing panel');
    const [colour, warning] = await missing.evaluate((e) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--mc-warning)';
      e.append(probe);
      const words = [getComputedStyle(e).color, getComputedStyle(probe).color];
      probe.remove();
      return words;
    });
    expect(colour).toBe(warning);
  });
});

test('a deploy recorded during the freeze is flagged on the strip, by icon and words in large type, its summary as text, and raises the radiator', async ({ page }) => {
  await withEvent(page, async ({ strip, post }) => {
    const freeze = page.getByTestId('event-freeze');
    await expect(freeze).toContainText('FREEZE ON');
    await expect(page.getByTestId('radiator-level')).toHaveText('Stable');
    await expect(freeze).toHaveAttribute('data-trouble', 'false');
    await expect(page.getByTestId('freeze-changes')).toHaveCount(0);

    await post('/api/v1/ingest/changes', { service: 'entitlement', description: '<b>Hotfix</b> pool to 48 pods', author: '@ann', kind: 'deploy' });
    // Told by the hub (plan:changed), not left to the 15 s poll.
    await expect(page.getByTestId('freeze-changes')).toHaveText('⚠ 1 change during the freeze', { timeout: 10_000 });
    await expect(freeze).toHaveAttribute('data-trouble', 'true');
    await expect(freeze).toHaveAttribute('data-shown', 'true');
    await expect(page.getByTestId('freeze-latest')).toContainText('entitlement: <b>Hotfix</b> pool to 48 pods');
    await expect(freeze.locator('b')).toHaveCount(0);
    // The header's radiator counts it too: a warning, named on its reason line.
    await expect(page.getByTestId('radiator')).toHaveAttribute('data-tone', 'warning');
    await expect(page.getByTestId('radiator-reasons')).toHaveText('1 change during the freeze');
    const breach = page.getByTestId('freeze-changes');
    await inside(breach, strip, 'the freeze warning');
    expect(await breach.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(parseFloat(await breach.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(1.15 * rem - 0.5);
    await page.screenshot({ path: 'test-results/wall-event-strip-freeze.png' });
  });
});

test("days ahead, the header's countdown gives the start in the room's zone too", async ({ page }) => {
  const startMs = Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000;
  await withHub(
    page,
    async (call) => {
      const semi = await call('POST', '/api/v1/plans', { template: 'sports-final', event: { name: 'Semi-final', start: utcMinute(startMs), timezone: 'Europe/London' } });
      await call('POST', `/api/v1/plans/${String(semi.id)}/state`, { state: 'planned', by: '@ops' });
    },
    async () => {
      const room = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Johannesburg', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startMs);
      await expect(page.getByTestId('next-event')).toContainText(new RegExp(`Semi-final in 2 d .* ${room}$`), { timeout: 15_000 });
    },
  );
});
