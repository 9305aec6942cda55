/**
 * Every panel type in Chromium against the real hub: the demo's "Every panel type" wall renders
 * each one with live data and no console error; an embedded page that tries to take over the wall
 * (navigate the top window, open popups, prompt) stays in its box; a page that never loads and a
 * series that stops reporting are each said so on their tile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

async function openWall(page: Page, hubUrl: string, wallId: string): Promise<void> {
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hubUrl}/#/wall/${wallId}`);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

/** Console errors and uncaught exceptions of the wall itself (not of pages embedded in it). */
function collectErrors(page: Page, hubUrl: string): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (where === '' || where.startsWith(hubUrl)) errors.push(`${message.text()} (${where})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

const PANELS = {
  'outage-flag': 'stat',
  'api-p99-gauge': 'gauge',
  'forbidden-by-region': 'status-grid',
  runbook: 'text',
  'traffic-table': 'table',
  'errors-by-region': 'timeseries',
  'match-centre': 'embed',
} as const;

test('serve --demo: a wall with every panel type renders each one live, without a console error', async ({ page }, testInfo) => {
  const hub = await startHub(['--demo', '--demo-port', '0', '--speed', '20']);
  const errors = collectErrors(page, hub.url);
  try {
    await openWall(page, hub.url, 'panels');
    for (const [id, type] of Object.entries(PANELS)) {
      const panel = page.getByTestId(`panel-${id}`);
      await expect(panel, id).toBeVisible();
      await expect(panel, id).toHaveAttribute('data-type', type);
      // Never blank: data panels leave "waiting for first data" once the hub sends it.
      await expect(panel, id).toHaveAttribute('data-waiting', 'false', { timeout: 20_000 });
      await expect(page.getByTestId(`freshness-${id}`), id).toBeVisible();
    }

    // stat with value mappings: a 0/1 signal in words, with its state.
    await expect(page.getByTestId('panel-value-outage-flag')).toHaveText(/^(NORMAL|OUTAGE)$/);
    // gauge: the number in the middle, in its unit.
    await expect(page.getByTestId('panel-value-api-p99-gauge')).toHaveText(/\d/);
    // status grid: one tile per region, each with its label, value and state.
    const tiles = page.getByTestId('status-grid-forbidden-by-region').locator('.tile');
    await expect(tiles).toHaveCount(4, { timeout: 15_000 });
    for (const region of ['af-south', 'eu-central', 'eu-west', 'us-east']) {
      const tile = page.getByTestId(`tile-forbidden-by-region-${region}`);
      await expect(tile).toContainText(region);
      await expect(tile).toContainText(/req\/s/);
      await expect(tile).toHaveAttribute('data-state', /^(ok|warning|critical)$/);
    }
    // table: bounded rows, sorted by value, the rest counted.
    const rows = page.getByTestId('table-row-traffic-table');
    await expect(rows.first()).toBeVisible({ timeout: 15_000 });
    expect(await rows.count()).toBeLessThanOrEqual(8);
    await expect(page.getByTestId('table-more-traffic-table')).toHaveText(/^\+ \d+ more rows?$/);
    // timeseries: every region in the legend, drawn on a canvas.
    await expect(page.getByTestId('legend-errors-by-region').locator('li')).toHaveCount(4, { timeout: 15_000 });
    await expect(page.getByTestId('chart-errors-by-region').locator('canvas').first()).toBeVisible();
    // text: markdown as elements; links only to http(s), opened outside.
    const text = page.getByTestId('text-runbook');
    await expect(text.getByRole('heading', { name: 'If 403s rise' })).toBeVisible();
    await expect(text.getByRole('link', { name: 'status page' })).toHaveAttribute('href', 'https://status.example.com/');
    await expect(text.locator('td', { hasText: 'Thandi' })).toBeVisible();
    // embed: sandboxed (scripts in an opaque origin), no referrer, loaded.
    const frame = page.getByTestId('embed-frame-match-centre');
    await expect(frame).toBeVisible({ timeout: 15_000 });
    await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
    await expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
    await expect(page.getByTestId('panel-match-centre')).toHaveAttribute('data-freshness', 'live');
    // It reads from across the room: the score in words and large type, no raw JSON.
    const score = page.frameLocator('[data-testid="embed-frame-match-centre"]').locator('#score');
    await expect(score).toHaveText(/^Rovers \d–\d City$/);
    expect(await score.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
    await expect(page.frameLocator('[data-testid="embed-frame-match-centre"]').locator('body')).not.toContainText('{');

    await page.screenshot({ path: testInfo.outputPath('every-panel-type.png') });
    expect(errors).toEqual([]);
  } finally {
    await hub.stop();
  }
});

/** A loopback server: a JSON source the test changes, a hostile page, a page that never answers. */
interface Upstream {
  readonly url: string;
  readonly hits: string[];
  regions: { name: string; rps: number }[];
  close(): Promise<void>;
}

function hostilePage(origin: string): string {
  return `<!doctype html><meta charset="utf-8"><title>hostile</title>
<body style="background:#fff;color:#000;font:20px sans-serif"><h1>A page that wants the whole wall</h1><p id="out"></p>
<script>
const attempts = [];
const attempt = (name, fn) => { try { attempts.push(name + ': ' + String(fn())); } catch (e) { attempts.push(name + ': ' + e.name); } };
attempt('top.location', () => { top.location = '${origin}/pwned?via=top.location'; return 'no error'; });
attempt('top.location.href', () => { window.top.location.href = '${origin}/pwned?via=href'; return 'no error'; });
attempt('window.open', () => window.open('${origin}/popup?via=open', '_blank'));
attempt('window.open _top', () => window.open('${origin}/pwned?via=open-top', '_top'));
attempt('alert', () => alert('hostile'));
attempt('confirm', () => confirm('leave?'));
attempt('parent.document', () => parent.document.title);
for (const [href, target] of [['/pwned?via=link-top', '_top'], ['/popup?via=link-blank', '_blank']]) {
  const a = document.createElement('a'); a.href = href; a.target = target; document.body.append(a);
  attempt('click ' + target, () => { a.click(); return 'clicked'; });
}
document.getElementById('out').textContent = attempts.join(' | ');
fetch('/report?attempts=' + encodeURIComponent(attempts.join(' | '))).catch(() => {});
setTimeout(() => { try { top.location = '${origin}/pwned?via=later'; } catch {} }, 300);
</script>`;
}

async function startUpstream(): Promise<Upstream> {
  const hits: string[] = [];
  const pending = new Set<ServerResponse>();
  const state = {
    regions: [
      { name: 'eu-west', rps: 2 },
      { name: 'af-south', rps: 40 },
      { name: 'us-east', rps: 12 },
    ],
  };
  let origin = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    hits.push(path);
    if (path === '/regions.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ regions: state.regions }));
    } else if (path === '/hostile') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage(origin));
    } else if (path === '/slow') {
      pending.add(res); // never answered: the frame never fires load
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    hits,
    get regions() {
      return state.regions;
    },
    set regions(next) {
      state.regions = next;
    },
    close: async () => {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function containmentWorkspace(upstream: string): string {
  return `version: 1
title: Containment
sources:
  - id: upstream
    type: json
    url: ${upstream}/regions.json
    interval: 1s
    timeout: 800ms
walls:
  - id: contained
    title: Embeds stay in their box
    panels:
      - id: regions
        title: Requests by region
        type: status-grid
        gridPos: { x: 0, y: 0, w: 8, h: 6 }
        source: upstream
        query: { select: "$.regions[*]", value: "$.rps", labels: { region: "$.name" } }
        label: region
        sort: worst
        unit: reqps
        thresholds:
          - { value: null, state: ok }
          - { value: 10, state: warning }
          - { value: 30, state: critical }
      - id: hostile
        title: Hostile page
        type: embed
        gridPos: { x: 8, y: 0, w: 8, h: 6 }
        url: ${upstream}/hostile
        loadTimeout: 10s
      - id: slow
        title: A page that never answers
        type: embed
        gridPos: { x: 16, y: 0, w: 8, h: 6 }
        url: ${upstream}/slow
        loadTimeout: 3s
`;
}

test('an embedded page cannot navigate the wall, open popups or prompt; a page that never loads and a series that stops are marked', async ({ page, context }, testInfo) => {
  const upstream = await startUpstream();
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-panels-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, containmentWorkspace(upstream.url));
  const hub = await startHub(['--workspace', file]);
  const errors = collectErrors(page, hub.url);
  const popups: string[] = [];
  const dialogs: string[] = [];
  page.on('popup', (p) => popups.push(p.url()));
  context.on('page', (p) => popups.push(p.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await openWall(page, hub.url, 'contained');
    const wallUrl = page.url();

    // The hostile page loads and runs its script: every attempt is refused.
    await expect(page.getByTestId('embed-frame-hostile')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('embed-frame-hostile')).toHaveAttribute('sandbox', 'allow-scripts');
    await expect.poll(() => upstream.hits.find((h) => h.startsWith('/report')), { timeout: 10_000 }).toBeTruthy();
    await page.waitForTimeout(1_500); // the delayed attempt too
    const frame = page.frames().find((f) => f.url().endsWith('/hostile'));
    expect(frame).toBeDefined();
    // An opaque origin: it cannot reach the wall's document, storage or token.
    expect(await frame!.evaluate(() => self.origin)).toBe('null');
    expect(await frame!.evaluate(() => { try { return String(window.top!.location.href); } catch (e) { return (e as Error).name; } })).toBe('SecurityError');

    expect(page.url()).toBe(wallUrl);
    await expect(page.getByTestId('wall')).toBeVisible();
    expect(context.pages()).toHaveLength(1);
    expect(popups).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(upstream.hits.filter((h) => h.startsWith('/pwned') || h.startsWith('/popup'))).toEqual([]);
    const report = decodeURIComponent(upstream.hits.find((h) => h.startsWith('/report'))!.split('=')[1]!);
    testInfo.annotations.push({ type: 'hostile page attempts', description: report });

    // A page that never answers: the tile says so in words, with the timeout.
    await expect(page.getByTestId('embed-waiting-slow')).toHaveText(/did not load within 3 s/, { timeout: 10_000 });
    await expect(page.getByTestId('embed-waiting-slow')).toHaveAttribute('data-failed', 'true');
    await expect(page.getByTestId('panel-error-slow')).toContainText('did not load within 3 s');

    // A series that stops reporting: its tile is marked stale while the others stay live.
    await expect(page.getByTestId('tile-regions-af-south')).toHaveAttribute('data-state', 'critical', { timeout: 15_000 });
    await expect(page.getByTestId('status-grid-regions').locator('.tile').first()).toHaveAttribute('data-label', 'af-south'); // worst first
    upstream.regions = upstream.regions.filter((r) => r.name !== 'us-east');
    await expect(page.getByTestId('tile-regions-us-east')).toHaveAttribute('data-freshness', 'stale', { timeout: 15_000 });
    await expect(page.getByTestId('tile-old-regions-us-east')).toHaveText(/stale · \d+ s/);
    await expect(page.getByTestId('tile-regions-eu-west')).toHaveAttribute('data-freshness', 'live');

    await page.screenshot({ path: testInfo.outputPath('embeds-contained.png') });
    expect(errors).toEqual([]);
  } finally {
    await hub.stop();
    await upstream.close();
    await rm(dir, { recursive: true, force: true });
  }
});
