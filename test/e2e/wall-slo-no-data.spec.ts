/**
 * An SLO panel with nothing counted, in Chromium against a real hub and a real Prometheus that
 * has scraped nothing of it (a Prometheus just started): the body reads "? NO DATA" and why, and
 * the freshness badge agrees ("no data" with the answer's age). It read "live · 6 s" beside
 * NO DATA, which a war room takes for a contradiction.
 */
import { expect, test } from '@playwright/test';
import { startPrometheus } from '../support/prometheus.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { openWall } from './support/wall.ts';

const workspace = (promUrl: string) => `
version: 1
title: Reliability
sources:
  - { id: prom, type: prometheus, url: "${promUrl}", interval: 5s, timeout: 2s }
walls:
  - id: reliability
    title: Reliability
    viewingDistance: far
    panels:
      - { id: entitlement-slo, title: Entitlement availability, type: slo, slo: entitlement-availability, gridPos: { x: 0, y: 0, w: 12, h: 8 } }
slos:
  - id: entitlement-availability
    name: Entitlement availability
    source: prom
    objective:
      kind: availability
      good: 'sum(mc_http_requests_total{service="entitlement",code="200"})'
      total: 'sum(mc_http_requests_total{service="entitlement"})'
    target: 0.999
    window: 1h
`;

test('an SLO with no event counted says "no data" on its badge, not "live", beside NO DATA', async ({ page }) => {
  const prometheus = await startPrometheus([]);
  const hub = await startWorkspaceHub(workspace(prometheus.url));
  try {
    await openWall(page, hub.url, 'reliability');
    await expect(page.getByTestId('slo-alert-entitlement-slo')).toHaveText(/NO DATA/, { timeout: 45_000 });
    await expect(page.getByTestId('slo-nodata-entitlement-slo')).toHaveText('no events counted in its window yet');
    const badge = page.getByTestId('freshness-entitlement-slo');
    // The hub answered (an age), with nothing in it: the badge says so.
    await expect(badge.locator('.freshness-word')).toHaveText('no data');
    await expect(page.getByTestId('freshness-age-entitlement-slo')).toHaveText(/^\d+ s$/);
    await expect(badge).not.toContainText('live');
    // The query itself is current: the wall does not count the panel as old.
    await expect(page.getByTestId('panel-entitlement-slo')).toHaveAttribute('data-freshness', 'live');
    await page.screenshot({ path: test.info().outputPath('wall-slo-no-data.png') });
  } finally {
    await hub.stop();
    await prometheus.close();
  }
});
