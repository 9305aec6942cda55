/**
 * The canary summary (what a wall without a canaries panel follows) names the canaries whose
 * confirmed failure went stale, so such a wall keeps an operator's release of them through the
 * gap, as a wall on the board does; it is sent again when that list changes, and the name goes
 * once the canary recovers. A real canary service on a real store, its clock moved by the test.
 */
import { expect, it } from 'vitest';
import type { CanarySummary } from '../../shared/protocol/canaries.ts';
import { startCanaryService } from '../support/canary-service.ts';
import { eventually } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const report = (failed: boolean) =>
  new TextEncoder().encode(`<testsuite name="smoke" tests="1" failures="${failed ? 1 : 0}"><testcase name="login" time="0.1">${failed ? '<failure message="500"/>' : ''}</testcase></testsuite>`);

it('names a canary whose confirmed failure went stale, and no longer once it recovers', async () => {
  const clock = { now: T0 };
  const sent: CanarySummary[] = [];
  const { service, apply } = await startCanaryService('mc-canary-summary-', {
    log: () => undefined,
    events: { delta: () => undefined, andon: () => undefined, summary: (s) => void sent.push(s) },
    now: () => clock.now,
    tickMs: 20,
    flushMs: 10,
  });
  apply(canaryWorkspaceYaml('Summary', '  suites:\n    - { id: smoke, name: Smoke suite, critical: true, expectEvery: 1m }\n'));

  for (let i = 0; i < 5 && service.summary().failing.length === 0; i++) {
    service.ingestJUnit(report(true), { suite: 'smoke', source: 'rest' });
    clock.now += 5_000;
  }
  expect(service.summary()).toMatchObject({ failing: [{ id: 'smoke', status: 'failing-confirmed' }], staleFailing: [] });

  clock.now += 10 * 60_000; // no report for ten minutes: stale, its failure still open
  await eventually('stale', () => service.board().entries[0]?.health === 'stale');
  expect(service.summary()).toMatchObject({ failing: [], staleFailing: ['smoke'] });
  await eventually('the summary sent with it', () => sent.at(-1)?.staleFailing.includes('smoke'));

  // It reports again and passes until the failure closes: neither failing nor stale.
  for (let i = 0; i < 5 && service.board().entries[0]?.health !== 'passing'; i++) {
    service.ingestJUnit(report(false), { suite: 'smoke', source: 'rest' });
    clock.now += 5_000;
  }
  expect(service.board().entries[0]?.health).toBe('passing');
  expect(service.summary()).toMatchObject({ failing: [], staleFailing: [] });
  await eventually('the summary sent without it', () => sent.at(-1)?.staleFailing.length === 0 && sent.at(-1)?.failing.length === 0);
});
