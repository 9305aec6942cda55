/**
 * A closed canary service acts no more: the hub closes it before its sockets and its store, and a
 * board or summary asked for in between (a console connecting while the hub stops) must not push a
 * delta to sockets being closed; an ack or a prune must not write to the store closed after it, nor
 * a canary's runs or rollups read from it (refused, as an ack is); a report dropped in the watched
 * folder stays there; and no timer of its own is left running.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { CanaryRefused } from '../../electron/hub/canaries/errors.ts';
import type { CanaryDelta, CanarySummary } from '../../shared/protocol/canaries.ts';
import { startCanaryService } from '../support/canary-service.ts';
import { eventually } from '../support/hub.ts';
import { trackLiveTimers } from '../support/live-timers.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const T0 = Date.UTC(2026, 0, 5, 10, 0);

const workspaceYaml = canaryWorkspaceYaml('Closing', `  junitFolder: ./inbox
  suites:
    - { id: smoke, name: Smoke suite, critical: true }
`);

const failingReport = new TextEncoder().encode('<testsuite name="smoke" tests="1" failures="1"><testcase name="login" time="0.1"><failure message="500"/></testcase></testsuite>');

it('after close, board() and summary() send nothing, acks, history reads and prunes are refused without the store, and no timer is left', async () => {
  const clock = { now: T0 };
  const deltas: CanaryDelta[] = [];
  const summaries: CanarySummary[] = [];
  const logs: string[] = [];
  const timers = trackLiveTimers();
  onTestFinished(() => timers.stop());
  const { dir, service, apply, closeStore } = await startCanaryService('mc-canary-close-', {
    log: (m) => logs.push(m),
    events: { delta: (d) => deltas.push(d), summary: (s) => summaries.push(s), andon: () => undefined },
    now: () => clock.now,
    monotonic: () => 0, // the wall clock moved forward by hand: a step back is found against this
    flushMs: 60_000, // what moved is still waiting to go out when the service closes
    folderScanMs: 20,
    folderSettleMs: 20,
  }, { storeIn: 'data' });
  await mkdir(join(dir, 'inbox'));
  apply(workspaceYaml);
  for (let i = 0; i < 2; i++) {
    clock.now += 60_000;
    service.ingestJUnit(failingReport, { suite: 'smoke', source: 'rest' });
  }
  expect(service.entry('smoke').health).toBe('failing-confirmed');
  expect(deltas).toEqual([]); // the tile and the summary are pending
  expect(timers.count()).toBeGreaterThan(0); // their delta's, due in a minute
  await eventually('the watched folder in use', async () => (await readdir(join(dir, 'inbox'))).includes('failed'));

  await service.close();
  const board = service.board();
  const summary = service.summary();
  // Read as it stands, sent to nobody.
  expect(board.entries.find((e) => e.id === 'smoke')?.health).toBe('failing-confirmed');
  expect(summary.failing.map((e) => e.id)).toEqual(['smoke']);
  expect(deltas).toEqual([]);
  expect(summaries).toEqual([]);
  expect(timers.count()).toBe(0);

  // The hub closes its store next: what comes late neither writes nor throws a store error.
  closeStore();
  expect(() => service.ack('smoke', 'ana', undefined, null)).toThrow('the hub is stopping');
  expect(() => service.unack('smoke', 'ana', null)).toThrow('the hub is stopping');
  expect(() => service.attachIncident('smoke', 'inc-1', 'ana', undefined, null)).toThrow('the hub is stopping');
  expect(service.prune()).toEqual({ results: 0, rollups: 0 });
  // The detail view's runs and rollups (socket and REST): refused in words, as an ack is, not a store error.
  expect(() => service.results('smoke', { limit: 10 })).toThrow(new CanaryRefused('unavailable', 'the hub is stopping'));
  expect(() => service.rollups('smoke')).toThrow(new CanaryRefused('unavailable', 'the hub is stopping'));
  expect(() => service.ingestJUnit(failingReport, { suite: 'smoke', source: 'rest' })).toThrow('the hub is stopping');
  // Answered 503, not 400: a CI job's upload is not bad input, and its retry finds the next hub.
  const refusal = (() => {
    try {
      service.ingestJUnit(failingReport, { suite: 'smoke', source: 'rest' });
    } catch (error) {
      return error;
    }
  })();
  expect(refusal).toBeInstanceOf(CanaryRefused);
  expect((refusal as CanaryRefused).httpStatus).toBe(503);
  clock.now -= 3_600_000; // a step back found by a late read moves no state the store no longer takes
  expect(service.board().entries).toHaveLength(1); // read without the store
  expect(logs.filter((l) => l.includes('stepped back'))).toEqual([]);

  // The watched folder is no longer scanned: a report dropped now is left where it is.
  await writeFile(join(dir, 'inbox', 'late.xml'), failingReport);
  await new Promise((r) => setTimeout(r, 200));
  expect(await readdir(join(dir, 'inbox'))).toContain('late.xml');
  expect(deltas).toEqual([]);
  expect(summaries).toEqual([]);
  expect(timers.count()).toBe(0);
});
