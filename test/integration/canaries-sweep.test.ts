/**
 * The canary service's once-a-second sweep (staleness, snoozes, maintenance) goes over every
 * canary: one whose step throws — here its alert cannot be logged — is logged by name, once a
 * minute however often it throws, and the canaries after it still go stale and alert.
 */
import { expect, it } from 'vitest';
import { startCanaryService } from '../support/canary-service.ts';
import { eventually } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const T0 = Date.UTC(2026, 0, 5, 10, 0);

const workspaceYaml = canaryWorkspaceYaml('Sweep', `  suites:
    - { id: broken, name: Broken suite, expectEvery: 1m }
    - { id: nightly, name: Nightly suite, expectEvery: 1m }
    - { id: smoke, name: Smoke suite, expectEvery: 1m }
`);

it('one canary that throws in the sweep does not leave the others unwatched', async () => {
  const clock = { now: T0 };
  const logs: string[] = [];
  const { service, apply } = await startCanaryService('mc-canary-sweep-', {
    log: (m) => {
      if (m.startsWith('canary Broken suite')) throw new Error('EPIPE: the log is gone');
      logs.push(m);
    },
    events: { delta: () => undefined, andon: () => undefined },
    now: () => clock.now,
    tickMs: 20,
    flushMs: 10,
  });
  apply(workspaceYaml);
  const pass = new TextEncoder().encode('<testsuite name="s" tests="1"><testcase name="login" time="0.1"/></testsuite>');
  for (const suite of ['broken', 'nightly', 'smoke']) service.ingestJUnit(pass, { suite, source: 'rest' });

  clock.now += 10 * 60_000; // no reports for ten minutes: all three go stale
  const health = (id: string) => service.board().entries.find((c) => c.id === id)?.health;
  await eventually('the suites after the broken one stale', () => health('nightly') === 'stale' && health('smoke') === 'stale');
  expect(logs.filter((l) => /canary (Nightly|Smoke) suite \((nightly|smoke)\): stale/.test(l))).toHaveLength(2);
  await new Promise((r) => setTimeout(r, 200)); // ten more sweeps
  const failures = logs.filter((l) => l.startsWith('canaries: Broken suite (broken) failed'));
  expect(failures).toHaveLength(1);
  expect(failures[0]).toContain('EPIPE: the log is gone');
});
