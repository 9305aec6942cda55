/**
 * The customer pulse as the room sees it, in Chromium against the real hub and demo platform: the
 * demo's outage brings angry posts about 403s and buffering onto the posts panel and a complaint
 * spike banner that explains itself; posts carrying markup, script, `javascript:` links, bidi
 * overrides and 10 KB of text render as inert text (no element made, no dialog, no navigation,
 * no console error).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, freePort, startDemo, startHub } from './support/processes.ts';

const root = join(import.meta.dirname, '..', '..');

/**
 * The demo workspace against a demo platform on `demoPort`; the spike detector's warm-up shortened
 * to a minute, and the rotating room wall held by nothing but the spike (not the 403 panel).
 */
async function pulseWorkspace(dir: string, demoPort: number): Promise<string> {
  const text = (await readFile(join(root, 'assets', 'demo', 'workspace.yaml'), 'utf8'))
    .replaceAll('${MC_DEMO_URL:-http://127.0.0.1:4821}', `http://127.0.0.1:${demoPort}`)
    .replace('warmup: 10m', 'warmup: 1m')
    .replace('holdOn: [room-403]', 'holdOn: []');
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, text);
  return file;
}

async function openCustomersWall(page: Page, hubUrl: string): Promise<void> {
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hubUrl}/#/wall/customers`);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

test('the demo outage: angry posts about 403s and buffering reach the posts panel, and a spike banner explains itself', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const demoPort = await freePort();
  // Speed 2 from minute 94: the outage (minutes 95–103) starts 30 s in and lasts 4 minutes.
  const demo = await startDemo(demoPort, 2, 94);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-pulse-'));
  const hub = await startHub(['--workspace', await pulseWorkspace(dir, demoPort)]);
  try {
    await openCustomersWall(page, hub.url);
    // A fresh hub learns its baseline first: the panel says so, not "No value", while posts come in.
    await expect(page.getByTestId('panel-state-pulse')).toHaveText(/Learning/);
    const posts = page.getByTestId('posts-posts');
    await expect(posts.getByTestId('post').first()).toBeVisible({ timeout: 30_000 });
    const angry = posts.locator('[data-testid="post"][data-label="negative"]').filter({ hasText: /403|buffering|log in|spinning|forbidden/i });
    await expect(angry.first()).toBeVisible({ timeout: 90_000 });
    await expect(angry.first().getByTestId('post-sentiment')).toHaveText(/negative/);
    await expect(posts.getByTestId('post-topic').first()).toHaveText(/access|playback|errors/, { timeout: 30_000 });
    await expect(page.getByTestId('pulse-topics')).toContainText(/access|playback/);

    const banner = page.getByTestId('spike-banner');
    await expect(banner).toBeVisible({ timeout: 200_000 });
    await expect(page.getByTestId('spike-headline')).toHaveText(/complaints\/min about (access|playback|errors).*× normal/);
    await expect(page.getByTestId('spike-explanation')).toContainText(/baseline/);
    await expect(page.getByTestId('pulse-spike-state')).toHaveAttribute('data-spike', 'true');
    await page.screenshot({ path: testInfo.outputPath('pulse-spike.png') });

    // The rotating room wall brings up its customers page and holds it while the spike lasts.
    const room = await page.context().newPage();
    await room.goto(`${hub.url}/#/wall/room`);
    await expect(room.getByTestId('spike-banner')).toBeVisible({ timeout: 30_000 });
    await expect(room.getByTestId('rotation-page')).toContainText('Customers and canaries');
    await expect(room.getByTestId('rotation-held')).toContainText('complaint spike');
    await room.screenshot({ path: testInfo.outputPath('room-held-by-spike.png') });
  } finally {
    await hub.stop();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('hostile posts through the ingest API render as inert text', async ({ page }) => {
  const demoPort = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-xss-'));
  // No demo platform: the feeds fail (and say so); only the ingested posts are shown.
  const hub = await startHub(['--workspace', await pulseWorkspace(dir, demoPort)]);
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    // The refused feed connections are the hub's business; anything the page itself logs as an error is not.
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  try {
    const hostile = [
      '<img src=x onerror="alert(1)">',
      '<script>alert("xss")</script>',
      '<svg onload=alert(2)><circle r=5 /></svg>',
      '<a href="javascript:alert(3)">click me</a>',
      '<iframe src="javascript:alert(4)"></iframe>',
      'Refund \u202Egnp.exe\u202C now \u200Bplease',
      `Too long: ${'buffering again '.repeat(630)}`,
    ];
    const now = new Date().toISOString();
    const res = await fetch(`${hub.url}/api/v1/ingest/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        posts: hostile.map((text, i) => ({ id: `h${i}`, source: 'x', author: i === 0 ? '<b onmouseover=alert(5)>eve</b>' : `@eve${i}`, text, url: null, created_at: now })),
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: hostile.length });
    // A javascript: link is refused at the door, naming the field.
    const bad = await fetch(`${hub.url}/api/v1/ingest/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ posts: [{ id: 'j1', source: 'x', author: 'a', text: 'hi', url: 'javascript:alert(6)', created_at: now }] }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('posts[0].url');

    await openCustomersWall(page, hub.url);
    const url = page.url();
    const posts = page.getByTestId('posts-posts');
    await expect(posts.getByTestId('post')).toHaveCount(hostile.length, { timeout: 20_000 });
    // The markup is there as characters, not as elements.
    await expect(posts).toContainText('<img src=x onerror="alert(1)">');
    await expect(posts).toContainText('<script>alert("xss")</script>');
    await expect(posts).toContainText('<b onmouseover=alert(5)>eve</b>');
    expect(await posts.locator('img, script, svg, iframe, b, a[href]').count()).toBe(0);
    // Hover every post (drivers tooltip) and open every "why".
    for (const item of await posts.getByTestId('post').all()) {
      await item.hover();
      await item.locator('summary').click();
    }
    // Bidi override and zero-width space neutralised; the 10 KB post cut short.
    const texts = await posts.getByTestId('post-text').allTextContents();
    expect(texts.some((t) => t.includes('Refund'))).toBe(true);
    expect(texts.join('')).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
    const longest = Math.max(...texts.map((t) => t.length));
    expect(longest).toBeLessThanOrEqual(300);
    await page.waitForTimeout(1000);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
    // No demo platform: each feed's failure is on the pulse panel, in words.
    await expect(page.getByTestId('pulse-feeds')).toContainText('demo-mastodon failing', { timeout: 20_000 });
    await expect(page.getByTestId('panel-error-pulse')).toContainText('demo-mastodon:');
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
