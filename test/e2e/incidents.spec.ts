/**
 * The incident console and the wall's incident mode in Chromium, against a real hub (`--demo`)
 * started through its CLI: three browser contexts, as three machines in the war room — ann's
 * console, the wall, and bob's console.
 *
 * Declare from the console and the wall switches to incident mode within a second; log a note, a
 * decision, a status change and a backdated finding, and they appear in one order on the console
 * and the wall; hand the commander role to bob, who accepts on his console, and it moves; stop
 * the hub, log three entries and attach a chart snapshot between them ("4 entries not yet sent",
 * the picture shown from this machine), reload the console, restart the hub on the same port and
 * data folder, and the four arrive exactly once, in order, the picture now served by the hub; the
 * postmortem downloads and holds them in order.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { attachSnapshot, log, openConsole, pullAndon, serveUiLocally, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, freePort, removeHubDir, startHub, type Hub } from './support/processes.ts';

async function timelineTexts(page: Page): Promise<string[]> {
  return page.getByTestId('timeline').locator('[data-testid="entry"] [data-testid="entry-text"]').allTextContents();
}

interface RestEntry {
  id: string;
  seq: number;
  text: string;
  kind: string;
  data: { assetId?: string };
}

test('declare, log, hand off, go offline and come back, download the postmortem', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const args = ['--demo', '--demo-port', '0', '--speed', '20'];
  let hub: Hub = await startHub(args, {}, { port, keepData: true });
  const dir = hub.dir;
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  try {
    const ann = await signedIn(browser, hub.url);
    const wall = await signedIn(browser, hub.url);
    const bob = await signedIn(browser, hub.url);
    await openConsole(ann.page, hub.url, 'ann');
    await openConsole(bob.page, hub.url, 'bob');
    await wall.page.goto(`${hub.url}/#/wall/platform`);
    await expect(wall.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await expect(wall.page.getByTestId('incident-banner')).toHaveCount(0);

    // ---- pull the andon cord: the wall is in incident mode within a second ----------------------
    const c = ann.page;
    await c.getByTestId('andon-title').fill('403s on the EU edge');
    await c.getByTestId('andon-sev-1').check({ force: true });
    await c.getByTestId('andon-pull').click();
    const pulledAt = Date.now();
    const banner = wall.page.getByTestId('incident-banner');
    await expect(banner).toBeVisible({ timeout: 1000 });
    testInfo.annotations.push({ type: 'banner latency', description: `${Date.now() - pulledAt} ms` });
    await expect(wall.page.getByTestId('banner-title')).toHaveText('403s on the EU edge');
    await expect(wall.page.getByTestId('banner-severity')).toContainText('SEV1');
    await expect(wall.page.getByTestId('banner-commander')).toContainText('@ann');
    await expect(wall.page.getByTestId('banner-next-update')).toContainText(/\d:\d\d/);
    await expect(c.getByTestId('incident-view')).toBeVisible();
    await expect(c.getByTestId('incident-commander')).toHaveText('@ann');
    // The room sees which consoles are connected and that nothing waits in their outboxes.
    await expect(wall.page.getByTestId('banner-consoles').locator('.ib-value')).toHaveText('2');
    await expect(wall.page.getByTestId('banner-consoles')).toHaveAttribute('data-unsent', '0');
    await expect(c.getByTestId('console-row')).toHaveCount(2);
    const incidentId = (await c.getByTestId('incident-view').getAttribute('data-incident-id'))!;

    // ---- log: a marker by shortcut, a note, a decision, a status change, a backdated finding -----
    const scribe = c.getByTestId('scribe-input');
    await expect(scribe).toBeFocused();
    await c.keyboard.type('-10m');
    await expect(c.getByTestId('scribe-time')).toHaveText(/\d\d:\d\d:\d\d/);
    await c.keyboard.press('Alt+Digit1'); // impact started, ten minutes back
    await expect(c.getByTestId('entry').filter({ hasText: 'impact started' })).toHaveCount(1);
    await c.keyboard.type('d: roll back');
    await expect(c.getByTestId('scribe-preview')).toContainText(/Decision at \d\d:\d\d(:\d\d)? — roll back/);
    await c.keyboard.press('Control+A');
    await c.keyboard.press('Backspace');
    await log(c, 'the EU edge returns 403 for signed URLs');
    await log(c, 'd: roll back the CDN config', true);
    await c.keyboard.type('!status nonsense');
    await c.keyboard.press('Enter');
    await expect(scribe).toHaveValue('!status nonsense');
    await expect(c.getByTestId('scribe-preview')).toHaveAttribute('data-error', 'true');
    await expect(c.getByTestId('scribe-preview')).toContainText('unknown status');
    await c.keyboard.press('Escape');
    await log(c, '!status mitigated');
    // The status sets the mitigated marker too (time to mitigate is measured without a second key press).
    await expect(c.locator('[data-testid="entry"][data-kind="marker"] [data-testid="entry-text"]', { hasText: /^mitigated$/ })).toHaveCount(1);
    await expect(c.getByTestId('duration-mitigate')).toHaveAttribute('data-state', 'ok');
    await c.keyboard.press('Alt+Digit4'); // the acknowledged marker, now
    await expect(c.locator('[data-testid="entry"][data-kind="marker"] [data-testid="entry-text"]', { hasText: /^acknowledged$/ })).toHaveCount(1);
    // A marker is a key moment without Ctrl+Enter.
    await expect(c.locator('[data-testid="entry"][data-kind="marker"]', { hasText: /acknowledged/ })).toHaveAttribute('data-pinned', 'true');
    await log(c, '-3m f: 403s started on the EU edge after the config push', true);
    await log(c, '@bob 10m check the CDN logs');

    // In the order things happened: the finding backdated three minutes comes first.
    const expected = ['403s started on the EU edge after the config push', 'the EU edge returns 403 for signed URLs', 'roll back the CDN config', 'declared → mitigated', 'check the CDN logs'];
    await expect.poll(async () => (await timelineTexts(c)).filter((t) => expected.some((e) => t.includes(e))).length).toBe(expected.length);
    const texts = (await timelineTexts(c)).filter((t) => expected.some((e) => t.includes(e)));
    expected.forEach((e, i) => expect(texts[i]).toContain(e));
    // Shown by the time it happened: the backdated finding says so beside its time.
    await expect(c.getByTestId('entry').filter({ hasText: '403s started on the EU edge' }).locator('.entry-late')).toContainText('logged');
    // Time to mitigate, from the markers: impact started ten minutes back, mitigated now.
    await expect(c.getByTestId('duration-mitigate').locator('dd')).toHaveText(/^10 min$/);
    await expect(c.getByTestId('duration-detect').locator('dd')).toHaveText('—');

    // The wall: status, tasks, key moments in the order they happened, as the console reads (the
    // finding backdated three minutes first, not last as the hub stored it).
    await expect(wall.page.getByTestId('banner-status')).toHaveText(/mitigated/);
    await expect(wall.page.getByTestId('banner-tasks')).toContainText('1');
    // Every marker is one (impact started, the oldest, is past the banner's five).
    const moments = wall.page.getByTestId('key-moment');
    await expect(moments).toHaveCount(5);
    await expect(moments.nth(0)).toContainText('403s started on the EU edge after the config push');
    await expect(moments.nth(1)).toContainText('403s on the EU edge');
    await expect(moments.nth(2)).toContainText('roll back the CDN config');
    await expect(moments.nth(3)).toContainText('mitigated');
    await expect(moments.nth(4)).toContainText('acknowledged');

    // ↑ edits my last entry: a new version supersedes it, the old one stays in the history.
    await log(c, 'a: restarted the pods');
    // Stored (not only queued) before ↑ can edit it.
    await expect(c.getByTestId('entry').filter({ hasText: 'restarted the pods' })).toHaveCount(1);
    await c.keyboard.press('ArrowUp');
    await expect(scribe).toHaveValue('a: restarted the pods');
    await c.keyboard.type(' in eu-west');
    await c.keyboard.press('Enter');
    const edited = c.getByTestId('entry').filter({ hasText: 'restarted the pods in eu-west' });
    await expect(edited).toHaveCount(1);
    await edited.getByTestId('entry-edited').click();
    await expect(edited.getByTestId('entry-history')).toContainText('restarted the pods');
    await expect(c.getByTestId('entry').filter({ hasText: /restarted the pods$/ })).toHaveCount(0);

    // "What changed?": a deploy posted by a pipeline lands in the timeline (and on the walls' charts).
    const ingested = await fetch(`${hub.url}/api/v1/ingest/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'cdn-config', description: 'CDN config v42 pushed', kind: 'deploy' }),
    });
    expect(ingested.ok).toBe(true);
    await expect(c.locator('[data-testid="entry"][data-kind="change"]', { hasText: 'CDN config v42 pushed' })).toHaveCount(1);

    // A status update drafted from the timeline (Conditions / Actions / Needs), then sent.
    await c.getByTestId('update-draft').click();
    await expect(c.getByTestId('update-conditions')).toHaveValue(/SEV1, mitigated/);
    await expect(c.getByTestId('update-actions')).toHaveValue(/roll back the CDN config/);
    await expect(c.getByTestId('update-needs')).toHaveValue(/@bob: check the CDN logs/);
    const audience = await c.getByTestId('update-audience').inputValue();
    await c.getByTestId('update-send').click();
    await expect(c.locator('[data-testid="entry"][data-kind="status_update"]')).toHaveCount(1);
    await expect(c.locator(`[data-testid="next-updates"] li[data-audience="${audience}"]`).first()).toContainText(/in (2\d|1\d|\d):\d\d/);

    // An impact snapshot: the chart as it looks now, kept by the hub and shown inline in the timeline.
    await c.getByTestId('snapshot-panel').selectOption('requests-by-code');
    await expect(c.getByTestId('snapshot-card').getByTestId('panel-requests-by-code')).toHaveAttribute('data-waiting', 'false', { timeout: 15_000 });
    await c.getByTestId('snapshot-caption').fill('5xx at the peak');
    await c.getByTestId('snapshot-attach').click();
    const snapshotEntry = c.locator('[data-testid="entry"][data-kind="snapshot"]', { hasText: '5xx at the peak' });
    await expect(snapshotEntry).toHaveCount(1);
    const picture = snapshotEntry.getByTestId('snapshot-image');
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    // Drawn again at a document's size (not the side card's thumbnail), so a postmortem can be read.
    expect(await picture.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([2400, 1000]);
    // Kept for the record as the PNG it is (redrawn on a canvas: the page's CSP refuses fetching blob: URLs).
    const pngBase64 = await picture.evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')!.drawImage(img, 0, 0);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    await writeFile(testInfo.outputPath('impact-snapshot.png'), Buffer.from(pngBase64, 'base64'));
    await expect(c.getByTestId('snapshot-error')).toHaveCount(0);

    // bob's task shows on bob's console with Acknowledge.
    await bob.page.goto(`${hub.url}/#/incidents/${incidentId}`);
    const task = bob.page.getByTestId('task').filter({ hasText: 'check the CDN logs' });
    await expect(task).toHaveAttribute('data-mine', 'true');
    await task.getByTestId('task-ack').click();
    await expect(task).toHaveAttribute('data-acknowledged', 'true');
    // Said as an acknowledgement by bob, not as an edit of ann's entry.
    await expect(task.getByTestId('task-acknowledged')).toHaveText(/acknowledged by @bob \d\d:\d\d/);
    await expect(bob.page.getByTestId('entry').filter({ hasText: 'check the CDN logs' }).getByTestId('entry-edited')).toHaveCount(0);
    // Marked toil by its owner: the weekly review counts its time toward the team's toil share.
    await task.getByTestId('task-toil').click();
    await expect(task).toHaveAttribute('data-toil', 'true');
    await expect(task).toContainText('⟳ toil');
    await shot(c, 'console-incident.png');
    await shot(wall.page, 'wall-incident-mode.png');

    // A second, less severe incident from bob: the wall keeps the most severe first, with a count.
    await bob.page.goto(`${hub.url}/#/incidents`);
    await bob.page.getByTestId('andon-title').fill('Login 403s at the edge');
    await bob.page.getByTestId('andon-sev-3').check({ force: true });
    await bob.page.getByTestId('andon-pull').click();
    await expect(bob.page.getByTestId('incident-view')).toBeVisible();
    // Last time this happened: the first incident shares "403s" and "edge" with it.
    await expect(bob.page.getByTestId('related-incident')).toHaveCount(1);
    await expect(bob.page.getByTestId('related-incident')).toContainText('403s on the EU edge');
    await expect(bob.page.getByTestId('related-incident')).toContainText('title shares "403s", "edge"');
    // bob links it on purpose, with a note: both incidents show the link.
    await bob.page.getByTestId('related-note').fill('same CDN origin');
    await bob.page.getByTestId('related-link').click();
    await expect(bob.page.getByTestId('related-incident')).toContainText('⇔ Linked linked by bob: "same CDN origin"');
    await expect(bob.page.getByTestId('related-unlink')).toHaveCount(1);
    await expect(c.getByTestId('related-incident')).toContainText('Login 403s at the edge');
    await expect(c.getByTestId('related-incident')).toContainText('linked by bob');
    await expect(c.getByTestId('related')).toContainText('Linked to one incident.');
    // Unlinked on the first incident's console, then linked again from the picker of all incidents.
    await c.getByTestId('related-unlink').click();
    // A later incident is no "past incident" suggestion: only the picker offers it now.
    await expect(c.getByTestId('related-incident')).toHaveCount(0);
    await c.getByTestId('related-note').fill('same CDN origin');
    const pick = c.getByTestId('related-pick');
    await pick.selectOption((await pick.locator('option', { hasText: 'Login 403s at the edge' }).getAttribute('value'))!);
    await c.getByTestId('related-pick-link').click();
    await expect(c.getByTestId('related-incident')).toContainText('⇔ Linked');
    await expect(bob.page.getByTestId('related')).toContainText('Linked to one incident.');
    await expect(wall.page.getByTestId('banner-more')).toHaveText('+1 more incident');
    await expect(wall.page.getByTestId('banner-title')).toHaveText('403s on the EU edge');

    // ---- hand the commander role to bob, who accepts on his console -----------------------------
    await c.getByTestId('handoff-to').fill('bob');
    await c.getByTestId('handoff-offer-send').click();
    await expect(c.getByTestId('handoff-item').first()).toHaveAttribute('data-state', 'pending');
    await bob.page.goto(`${hub.url}/#/incidents`);
    const offer = bob.page.getByTestId('handoff-offer');
    await expect(offer).toBeVisible();
    await expect(offer.getByTestId('briefing')).toContainText('check the CDN logs');
    await shot(bob.page, 'handoff-offer.png');
    // Nothing moved before the answer.
    await expect(c.getByTestId('incident-commander')).toHaveText('@ann');
    await expect(wall.page.getByTestId('banner-commander')).toContainText('@ann');
    await offer.getByTestId('handoff-accept').click();
    // The room sees the new commander within a second of the acceptance.
    await expect(wall.page.getByTestId('banner-commander')).toContainText('@bob', { timeout: 1000 });
    await expect(c.getByTestId('incident-commander')).toHaveText('@bob');
    await expect(c.getByTestId('role-commander')).toHaveAttribute('data-holder', 'bob');
    await expect(c.getByTestId('handoff-item').first()).toHaveAttribute('data-state', 'accepted');
    await expect(wall.page.getByTestId('banner-commander')).toContainText('@bob');
    await expect(bob.page.getByTestId('handoff-offer')).toHaveCount(0);

    // ---- offline: the hub goes, three entries wait, the console reloads, the hub comes back -----
    const decisionTime = await c.getByTestId('entry').filter({ hasText: 'roll back the CDN config' }).getByTestId('entry-time').textContent();
    await serveUiLocally(c, hub.url);
    await hub.stop();
    await expect(c.getByTestId('connection-state')).toHaveAttribute('data-state', 'disconnected', { timeout: 15_000 });
    const offline = ['offline one: restarted the edge pods', 'offline two: 403 rate falling', 'offline three: EU edge healthy'];
    for (const line of offline.slice(0, 2)) await log(c, line, true);
    // A snapshot while the hub is away: kept on this machine, picture and all, between the entries.
    const offlineCaption = 'offline picture: 5xx falling';
    await expect(c.getByTestId('snapshot-offline')).toBeVisible();
    await c.getByTestId('snapshot-caption').fill(offlineCaption);
    await c.getByTestId('snapshot-attach').click();
    await expect(c.getByTestId('snapshot-error')).toHaveCount(0);
    const pendingSnapshot = c.locator('[data-testid="entry-pending"][data-kind="snapshot"]', { hasText: offlineCaption });
    const localPicture = (page: Page) => page.locator('[data-testid="entry-pending"][data-kind="snapshot"]').getByTestId('snapshot-image-local');
    await expect(pendingSnapshot).toHaveCount(1);
    await expect.poll(() => localPicture(c).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    await c.getByTestId('scribe-input').click();
    await log(c, offline[2]!, true);
    const pending = c.getByTestId('outbox-pending');
    await expect(pending).toHaveAttribute('data-count', '4');
    await expect(pending).toContainText('4 entries not yet sent');
    await expect(c.getByTestId('entry-pending')).toHaveCount(4);
    await shot(c, 'console-offline.png');

    await c.reload();
    await expect(c.getByTestId('incident-view')).toBeVisible();
    await expect(c.getByTestId('outbox-pending')).toHaveAttribute('data-count', '4');
    await expect(c.getByTestId('outbox-pending')).toContainText('4 entries not yet sent');
    await expect(c.getByTestId('entry-pending')).toHaveCount(4);
    // The picture came back from IndexedDB with the page.
    await expect(pendingSnapshot).toHaveCount(1);
    await expect.poll(() => localPicture(c).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    // Still in the room's time zone without the hub (remembered from the last hello).
    await expect(c.getByTestId('entry').filter({ hasText: 'roll back the CDN config' }).getByTestId('entry-time')).toHaveText(decisionTime!);
    await shot(c, 'console-offline-reloaded.png');

    hub = await startHub(args, {}, { dir, port });
    await expect(c.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    await expect(c.getByTestId('entry-pending')).toHaveCount(0);
    for (const line of offline) await expect(c.getByTestId('entry').filter({ hasText: line })).toHaveCount(1);
    // The offline snapshot: uploaded once it was its turn, shown from the hub like any other.
    const deliveredSnapshot = c.locator('[data-testid="entry"][data-kind="snapshot"]', { hasText: offlineCaption });
    await expect(deliveredSnapshot).toHaveCount(1);
    await expect.poll(() => deliveredSnapshot.getByTestId('snapshot-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    await expect(localPicture(c)).toHaveCount(0);
    // The wall reconnects by itself and shows the three as key moments.
    await expect(wall.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(wall.page.getByTestId('key-moment').filter({ hasText: 'offline three' })).toHaveCount(1, { timeout: 10_000 });
    await shot(c, 'console-delivered.png');
    await shot(wall.page, 'wall-after-restart.png');

    // Exactly once on the hub, in the order typed.
    const timeline = (await (
      await fetch(`${hub.url}/api/v1/incidents/${incidentId}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { entries: RestEntry[] };
    const typed = [offline[0]!, offline[1]!, offlineCaption, offline[2]!];
    const stored = typed.map((line) => timeline.entries.filter((e) => e.text === line));
    expect(stored.map((list) => list.length)).toEqual([1, 1, 1, 1]);
    const seqs = stored.map((list) => list[0]!.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const offlineEntry = stored[2]![0]!;
    expect(offlineEntry.kind).toBe('snapshot');
    const offlinePng = await fetch(`${hub.url}/api/v1/incidents/${incidentId}/snapshots/${offlineEntry.data.assetId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(offlinePng.status).toBe(200);
    expect(offlinePng.headers.get('content-type')).toBe('image/png');
    const offlinePngBytes = new Uint8Array(await offlinePng.arrayBuffer());

    // ---- the postmortem, one click ---------------------------------------------------------------
    const [download] = await Promise.all([c.waitForEvent('download'), c.getByTestId('postmortem-md').click()]);
    const saved = join(await mkdtemp(join(tmpdir(), 'mc-pm-')), download.suggestedFilename());
    await download.saveAs(saved);
    const markdown = await readFile(saved, 'utf8');
    await testInfo.attach('postmortem.md', { body: markdown, contentType: 'text/markdown' });
    expect(download.suggestedFilename()).toBe(`postmortem-${incidentId}.md`);
    expect(markdown).toContain('# Postmortem: 403s on the EU edge');
    const at = (text: string) => markdown.indexOf(text);
    for (const text of ['roll back the CDN config', ...offline]) expect(at(text)).toBeGreaterThan(-1);
    // Sorted by when it happened: the backdated finding comes before the decision; the offline three in order.
    expect(at('403s started on the EU edge after the config push')).toBeLessThan(at('roll back the CDN config'));
    expect(at(offline[0]!)).toBeLessThan(at(offline[1]!));
    expect(at(offline[1]!)).toBeLessThan(at(offline[2]!));

    expect(markdown).toMatch(/## Linked incidents\n\n[^#]*\| Login 403s at the edge \| same CDN origin \| ann \|/);
    expect(markdown).toMatch(/5xx at the peak — \[PNG\]\(\/api\/v1\/incidents\/[0-9A-Z]+\/snapshots\/[0-9A-Z]+\)/);
    const [json] = await Promise.all([c.waitForEvent('download'), c.getByTestId('postmortem-json').click()]);
    expect(json.suggestedFilename()).toBe(`postmortem-${incidentId}.json`);

    // ---- with its pictures: a zip that opens without the hub ---------------------------------------
    const [zipped] = await Promise.all([c.waitForEvent('download'), c.getByTestId('postmortem-zip').click()]);
    expect(zipped.suggestedFilename()).toBe(`postmortem-${incidentId}.zip`);
    const zipPath = join(await mkdtemp(join(tmpdir(), 'mc-pm-zip-')), zipped.suggestedFilename());
    await zipped.saveAs(zipPath);
    const files = unzipSync(new Uint8Array(await readFile(zipPath)));
    const bundled = strFromU8(files['postmortem.md']!);
    await testInfo.attach('postmortem.zip/postmortem.md', { body: bundled, contentType: 'text/markdown' });
    expect(bundled).toContain('# Postmortem: 403s on the EU edge');
    expect(bundled).not.toContain('/api/');
    const pictures = [...bundled.matchAll(/!\[[^\]]*\]\((images\/[0-9A-Z]+\.png)\)/g)].map((m) => m[1]!);
    // Both snapshots (at the peak, and the one attached offline), each file beside the document.
    expect(new Set(pictures).size).toBe(2);
    expect(Object.keys(files).sort()).toEqual(['postmortem.md', ...new Set(pictures)].sort());
    expect(files[`images/${offlineEntry.data.assetId}.png`]).toEqual(offlinePngBytes);
    // ---- and as one page, the pictures inside, for pasting into a wiki ----------------------------
    const [htmlDownload] = await Promise.all([c.waitForEvent('download'), c.getByTestId('postmortem-html').click()]);
    expect(htmlDownload.suggestedFilename()).toBe(`postmortem-${incidentId}.html`);
    const pagePath = join(await mkdtemp(join(tmpdir(), 'mc-pm-html-')), htmlDownload.suggestedFilename());
    await htmlDownload.saveAs(pagePath);
    const html = await readFile(pagePath, 'utf8');
    expect(html).toContain('<h1>Postmortem: 403s on the EU edge</h1>');
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from(offlinePngBytes).toString('base64')}"`);

    for (const ctx of [ann, wall, bob]) await ctx.context.close();
  } finally {
    await hub.stop();
    await removeHubDir(dir);
  }
});

/**
 * A snapshot upload the hub refuses for the token is kept and tried again, and the person is told
 * why in the hub's words: ann's token is revoked while her picture is on its way (the hub answers
 * the upload 401 and ends her session; the sign-in page says what waits and why); she signs in
 * with a wall (viewer) token by mistake (403: the console's pending line says so, in red, with
 * "sign in again"); she follows it, signs in with a responder token, and the picture arrives once.
 */
test('a snapshot the hub refuses for the token (revoked: 401, a wall token: 403) says why and goes once signed in again', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const hub = await startHub(['--demo', '--demo-port', '0', '--speed', '20']);
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  const newToken = async (name: string, role: 'responder' | 'viewer') =>
    (await (await admin('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name, role }) })).json()) as { token: { id: string }; secret: string };
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(name) });
  try {
    const first = await newToken('ann console', 'responder');
    const context = await browser.newContext();
    const c = await context.newPage();
    await c.goto(`${hub.url}/#/login?token=${first.secret}`);
    await openConsole(c, hub.url, 'ann');
    const incidentId = await pullAndon(c, 'Edge 5xx', 2);
    const pending = c.getByTestId('outbox-pending');
    await expect(pending).toHaveAttribute('data-count', '0');

    // Every upload goes to the real hub; the first is held until the token is revoked, and each answer is noted.
    let arrived!: () => void;
    const uploadArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const answered: number[] = [];
    await c.route(`${hub.url}/api/v1/incidents/*/snapshots`, async (route) => {
      arrived();
      await released;
      const response = await route.fetch();
      answered.push(response.status());
      await route.fulfill({ response });
    });

    // ---- 401: the token is revoked while the picture is on its way ---------------------------------
    const caption = 'edge 5xx when the token went';
    await attachSnapshot(c, caption);
    await uploadArrived;
    expect((await admin(`/api/v1/tokens/${first.token.id}`, { method: 'DELETE' })).status).toBe(200);
    release();
    await expect.poll(() => answered).toEqual([401]);
    // The hub ended the session: the sign-in page says what this screen still holds, and why.
    await expect(c.getByTestId('sign-in')).toContainText('This token was revoked.', { timeout: 20_000 });
    const unsent = c.getByTestId('sign-in-unsent');
    await expect(unsent).toContainText('1 snapshot not yet sent, kept on this machine: it goes once you sign in.');
    await expect(unsent).toContainText(
      `The last try failed: snapshot “${caption}”: the hub did not accept this console's token (401: send a valid hub token as "Authorization: Bearer mc_…")`,
    );
    await shot(c, 'sign-in-unsent-401.png');

    // ---- 403: signed in again, but with a wall (viewer) token --------------------------------------
    const wall = await newToken('wall token', 'viewer');
    await c.getByTestId('sign-in-token').fill(wall.secret);
    await c.getByTestId('sign-in-submit').click();
    await expect(c.getByTestId('incident-view')).toBeVisible();
    await expect(pending).toHaveAttribute('data-state', 'retrying', { timeout: 15_000 });
    await expect(pending).toContainText('1 snapshot not yet sent');
    const failure = c.getByTestId('outbox-failure');
    await expect(failure).toContainText(
      `snapshot “${caption}”: this console's token may not upload snapshots (403: this endpoint needs the responder role; this token is viewer) — sign in again`,
    );
    await expect(failure).toHaveAttribute('data-sign-in', 'true');
    await expect(c.getByTestId('outbox-attempts')).toHaveText(/^· \d+ attempts, the last \d+ s ago; (next try in \d+ s|trying again now)$/);
    // The picture is still shown from this machine, not yet sent.
    await expect(c.locator('[data-testid="entry-pending"][data-kind="snapshot"]', { hasText: caption })).toHaveCount(1);
    await shot(c, 'console-snapshot-403.png');
    // Backing off, not hammering: a handful of attempts over several seconds.
    await c.waitForTimeout(5000);
    const refusedForRole = answered.filter((s) => s === 403).length;
    expect(refusedForRole).toBeGreaterThanOrEqual(1);
    expect(refusedForRole).toBeLessThanOrEqual(6);

    // ---- "sign in again", with a responder token: back at the incident, the picture goes once ------
    await c.getByTestId('outbox-sign-in').click();
    const second = await newToken('ann console again', 'responder');
    await c.getByTestId('sign-in-token').fill(second.secret);
    await c.getByTestId('sign-in-submit').click();
    await expect(c.getByTestId('incident-view')).toHaveAttribute('data-incident-id', incidentId);
    await expect(pending).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    const delivered = c.locator('[data-testid="entry"][data-kind="snapshot"]', { hasText: caption });
    await expect(delivered).toHaveCount(1);
    await expect.poll(() => delivered.getByTestId('snapshot-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(answered.at(-1)).toBe(201);
    expect(answered.filter((s) => s < 300)).toHaveLength(1);

    const timeline = (await (await admin(`/api/v1/incidents/${incidentId}/timeline`)).json()) as { entries: RestEntry[] };
    const stored = timeline.entries.filter((e) => e.text === caption);
    expect(stored.map((e) => e.kind)).toEqual(['snapshot']);
    expect((await admin(`/api/v1/incidents/${incidentId}/snapshots/${stored[0]!.data.assetId}`)).status).toBe(200);
    await context.close();
  } finally {
    await hub.stop();
    await removeHubDir(hub.dir);
  }
});
